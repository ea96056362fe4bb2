"""captioncheck: lint photo captions, alt text and credits on saved news pages.

The Python API (``captioncheck.api``; README, "Python API")::

    import captioncheck

    page = captioncheck.extract("story.html")                 # the page model
    report = captioncheck.lint(["site/"], context="archive")  # the findings
    raise SystemExit(report.exit_code(fail_on="warning"))
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from captioncheck.version import __version__

__all__ = ["Finding", "Image", "Page", "Report", "Source", "__version__", "contexts", "extract", "lint"]

if TYPE_CHECKING:
    from captioncheck.api import Finding, Image, Page, Report, Source, contexts, extract, lint

_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    # The API loads on first use: extraction brings lxml, the rules and the weights (~0.2 s), and
    # `import captioncheck` for __version__ (or by the CLI and worker processes) need none of it.
    if name in _API:
        from captioncheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'captioncheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


class _Package(types.ModuleType):
    """This module, with ``extract`` always the function.

    The subpackage ``captioncheck.extract`` has the same name, and importing it binds it here as
    an attribute, which would hide the function. The setter drops that binding (a caller's own
    replacement, such as a test's mock, is kept); the subpackage is still imported by name
    (``from captioncheck.extract import ...`` reads ``sys.modules``).
    """

    @property
    def extract(self) -> Any:
        return self.__dict__["extract"] if "extract" in self.__dict__ else __getattr__("extract")

    @extract.setter
    def extract(self, value: Any) -> None:
        if not isinstance(value, types.ModuleType):
            self.__dict__["extract"] = value


sys.modules[__name__].__class__ = _Package
