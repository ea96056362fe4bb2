"""A photo's bytes -> a small JPEG as a data: URI, for reports that show the photo beside its caption.

Made with Pillow, the same bytes for the same photo: no metadata is copied, the size and quality
are fixed. A file Pillow cannot read, or one too large to decode cheaply, gets no thumbnail.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass

from PIL import Image as PillowImage

BOX = (240, 180)  # pixels at most: twice the card's box, sharp on high-density screens
QUALITY = 70
# Decoding a larger image costs too much memory for a preview (JPEGs are decoded at reduced scale first).
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class Thumbnail:
    data_uri: str  # data:image/jpeg;base64,...
    width: int
    height: int


def thumbnail(data: bytes) -> Thumbnail | None:
    """A downscaled copy of the image in `data`, or None when it cannot be made."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning and friends: MAX_PIXELS decides
            with PillowImage.open(io.BytesIO(data)) as image:
                if image.format == "JPEG":
                    image.draft("RGB", BOX)  # decode at 1/2..1/8 scale: fast and small
                if image.width * image.height > MAX_PIXELS:
                    return None
                small = _flattened(image)
                small.thumbnail(BOX)
                out = io.BytesIO()
                small.save(out, "JPEG", quality=QUALITY)
    except Exception:  # noqa: BLE001 - Pillow raises assorted errors on damaged or exotic files
        return None
    encoded = base64.b64encode(out.getvalue()).decode("ascii")
    return Thumbnail(f"data:image/jpeg;base64,{encoded}", small.width, small.height)


def _flattened(image: PillowImage.Image) -> PillowImage.Image:
    """RGB or greyscale, transparency over white (as a page's white background shows it)."""
    image.seek(0)  # the first frame of an animation
    if image.mode in ("RGB", "L"):
        return image.copy()
    rgba = image.convert("RGBA")
    background = PillowImage.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
