"""captioncheck's version, in one place every module can read without importing the package's API."""

__version__ = "0.1.0"
