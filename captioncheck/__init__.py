"""captioncheck: lint photo captions, alt text and credits on saved news pages."""

__version__ = "0.1.0"
