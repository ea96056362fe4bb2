"""Built-in rule files and vocabularies, shipped as the package ``captioncheck.rules``."""
