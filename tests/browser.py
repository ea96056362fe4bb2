"""Headless Chromium for the HTML report's tests and the README's screenshot.

    .venv/bin/python -m tests.browser report.html docs/html-report.png --size 1280x2600 --open '#p1' --crop 1600

Debian's ``chromium`` (``.ci/run`` installs it when missing), else Chrome or Chromium on the PATH.
Each run gets its own throwaway profile and nothing that would reach the network on its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1")
TIMEOUT = 120  # seconds: the machine may be busy


def find_browser() -> str | None:
    found = os.environ.get("CAPTIONCHECK_BROWSER")
    if found:
        return found
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


def _run(page: Path, *flags: str, fragment: str = "") -> subprocess.CompletedProcess:
    browser = find_browser()
    if browser is None:
        raise FileNotFoundError("no Chromium or Chrome found")
    with tempfile.TemporaryDirectory(prefix="captioncheck-browser-") as profile:
        args = [browser, *FLAGS, f"--user-data-dir={profile}", *flags, page.resolve().as_uri() + fragment]
        return subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=True,
                              env={**os.environ, "HOME": profile})


def screenshot(page: Path, png: Path, size: tuple[int, int] = (1280, 900), fragment: str = "") -> None:
    """The page as the browser draws it at `size`, after its scripts ran, saved as a PNG."""
    _run(page, f"--screenshot={png.resolve()}", f"--window-size={size[0]},{size[1]}",
         "--virtual-time-budget=3000", fragment=fragment)


def dump_dom(page: Path, fragment: str = "") -> str:
    """The document after its scripts ran, serialised."""
    return _run(page, "--dump-dom", "--virtual-time-budget=3000", fragment=fragment).stdout.decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.browser", description="A page, drawn by headless Chromium.")
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--size", default="1280x900", help="the window, WIDTHxHEIGHT")
    parser.add_argument("--open", default="", metavar="#ID", help="a fragment to open: the report opens its page")
    # A window taller than the page, then cropped: the browser never scrolls, so the top is drawn as it is.
    parser.add_argument("--crop", type=int, metavar="HEIGHT", help="keep the top HEIGHT pixels")
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))
    screenshot(args.page, args.png, (width, height), args.open)
    if args.crop:
        from PIL import Image

        with Image.open(args.png) as shot:
            cropped = shot.crop((0, 0, width, min(args.crop, shot.height)))
        cropped.save(args.png, optimize=True)


if __name__ == "__main__":
    main()
