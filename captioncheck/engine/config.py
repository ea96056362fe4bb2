"""Configuration: found from the working folder upward, or named with ``--config``.

The first of these, in the nearest folder that has one, wins: ``.captioncheck.yaml``, the
``[captioncheck]`` section of ``setup.cfg``, ``[tool.captioncheck]`` in ``pyproject.toml``.
Keys (all optional)::

    context: archive            # the publishing context: archive, syndication, commercial, ...
    fail_on: error              # the lowest severity that fails the run
    select: [CC1, CC301]        # only these rules (ids, id prefixes or names)
    ignore: [CC401]             # never these
    severity: {CC101: info, caption-reused: off}
    rules: [house-rules/]       # folders of rule files, relative to the config file
    min_confidence: 0.5         # rules skip images extraction is less sure than this are editorial
    per_file_ignores:           # globs (relative paths as given on the command line) to rules
      "archive/**": [CC302]
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from captioncheck.engine.rules import yaml_problem
from captioncheck.globs import matches

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SEVERITY_CHOICES = ("error", "warning", "info", "off")
_KEYS = {"context", "fail_on", "select", "ignore", "severity", "rules", "per_file_ignores", "min_confidence"}


class ConfigError(Exception):
    """A configuration that cannot be used: exit code 2."""


@dataclass(frozen=True)
class Config:
    source: str | None = None
    context: str | None = None
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    min_confidence: float | None = None  # rules skip images extraction is less sure are editorial

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Rules that per-file ignores turn off for `path`."""
        return tuple(rule for pattern, rules in self.per_file_ignores if matches(path, pattern) for rule in rules)


def discover(start: Path) -> Path | None:
    """The nearest config file from `start` upward, or None."""
    for folder in (start, *start.parents):
        candidate = folder / ".captioncheck.yaml"
        if candidate.is_file():
            return candidate
        setup = folder / "setup.cfg"
        if setup.is_file() and _has_ini_section(setup):
            return setup
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_toml_table(pyproject):
            return pyproject
    return None


# A file that cannot be parsed but names our section is ours, broken: found, so that loading it says
# so (exit 2), as ruff does, instead of the run going on without the settings it was meant to have.
_INI_SECTION = re.compile(r"^\s*\[\s*captioncheck\s*\]", re.MULTILINE)
_TOML_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*captioncheck\b|^\s*tool\s*\.\s*captioncheck\s*[.=]", re.MULTILINE)


def _has_ini_section(path: Path) -> bool:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error:
        return bool(_INI_SECTION.search(_text(path)))
    except UnicodeDecodeError:
        return False
    return parser.has_section("captioncheck")


def _has_toml_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError:
        return bool(_TOML_TABLE.search(_text(path)))
    except UnicodeDecodeError:
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "captioncheck" in tool


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def load(path: Path) -> Config:
    try:
        if path.name == "setup.cfg" or path.suffix in (".cfg", ".ini"):
            raw = _read_ini(path)
        elif path.suffix == ".toml":
            tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
            if not isinstance(tool, dict) or "captioncheck" not in tool:
                raise ConfigError(f"{path}: no [tool.captioncheck] table")
            raw = tool["captioncheck"]
        else:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise ConfigError(yaml_problem(path, error)) from None
    # ValueError and OverflowError: PyYAML's own on an escape such as "\\UFFFFFFFF".
    except configparser.Error as error:
        raise ConfigError(f"{path}: not a valid configuration file: {_ini_problem(error)}") from None
    except (tomllib.TOMLDecodeError, ValueError, OverflowError) as error:
        raise ConfigError(f"{path}: not a valid configuration file: {error}") from None
    return _validate(raw, path)


_INI_WHERE = re.compile(r"^While reading from .*? \[line\s+(\d+)\]: ")


def _ini_problem(error: configparser.Error) -> str:
    """configparser's message without its own copy of the file's name: "line 3: option 'context' ..."."""
    if isinstance(error, configparser.MissingSectionHeaderError):
        return f"line {error.lineno}: {error.line.strip()!r} stands before any [section]"
    if isinstance(error, configparser.ParsingError):  # its lines come quoted already
        return "; ".join(f"line {line}: cannot read {text}" for line, text in error.errors)
    message = str(error).strip()
    found = _INI_WHERE.match(message)
    return f"line {found.group(1)}: {message[found.end():]}" if found else message


def _read_ini(path: Path) -> dict:
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    if not parser.has_section("captioncheck"):
        raise ConfigError(f"{path}: no [captioncheck] section")
    section = dict(parser["captioncheck"])
    raw: dict = {}
    for key, value in section.items():
        if key in ("select", "ignore", "rules"):
            raw[key] = [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]
        elif key == "per_file_ignores":  # one "GLOB: RULE RULE" a line
            pairs = [line.split(":", 1) for line in value.splitlines() if line.strip()]
            if any(len(pair) != 2 for pair in pairs):
                raise ConfigError(f"{path}: per_file_ignores: write one 'GLOB: RULE, RULE' a line")
            raw[key] = {glob.strip(): re.split(r"[\s,]+", rules.strip()) for glob, rules in pairs}
        elif key == "severity":  # "CC101: info, CC203: off"
            pairs = [item.split(":", 1) for item in value.replace("\n", ",").split(",") if item.strip()]
            if any(len(pair) != 2 for pair in pairs):
                raise ConfigError(f"{path}: severity: write it as 'RULE: LEVEL, RULE: LEVEL'")
            raw[key] = {name.strip(): level.strip() for name, level in pairs}
        else:
            raw[key] = value.strip()
    return raw


def _validate(raw, path: Path) -> Config:
    if not isinstance(raw, dict):
        toml = path.suffix == ".toml"
        what = "[tool.captioncheck] must be a table" if toml else "the configuration must be a mapping"
        raise ConfigError(f"{path}: {what} of keys to values")
    unknown = {str(key) for key in raw if key not in _KEYS}  # YAML keys may be null or numbers
    if unknown:
        keys = "key" if len(unknown) == 1 else "keys"
        raise ConfigError(f"{path}: unknown {keys} {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}")
    severity = raw.get("severity") or {}
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: severity: a mapping of rule id or name to error, warning, info or off")
    # YAML reads a bare `off` as false.
    severity = {name: "off" if level is False else level for name, level in severity.items()}
    for name, level in severity.items():
        if level not in SEVERITY_CHOICES:
            raise ConfigError(f"{path}: severity: {name}: '{level}' is not one of {', '.join(SEVERITY_CHOICES)}")
    fail_on = raw.get("fail_on")
    if fail_on is not None and fail_on not in ("error", "warning", "info"):
        raise ConfigError(f"{path}: fail_on: '{fail_on}' is not one of error, warning, info")
    lists = {}
    for key in ("select", "ignore", "rules"):
        value = raw.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{path}: {key}: a list of strings")
        lists[key] = tuple(value)
    for written in lists["rules"]:
        if "\x00" in written:  # no path holds one; the filesystem calls below would raise
            raise ConfigError(f"{path}: rules: {written!r} is not a folder (a path cannot hold a NUL character)")
        try:
            os.fsencode(written)
        except UnicodeEncodeError as error:  # a lone surrogate from a YAML or JSON escape such as "\ud915"
            raise ConfigError(f"{path}: rules: {written!r} is not a folder (a path cannot hold the character "
                              f"{written[error.start]!r})") from None
    folders = tuple(str((path.parent / folder).resolve()) for folder in lists["rules"])
    for folder, written in zip(folders, lists["rules"], strict=True):
        if not Path(folder).is_dir():  # here, so the message names this file and the key
            raise ConfigError(f"{path}: rules: {written!r} is not a folder (looked for {folder})")
    ignores = raw.get("per_file_ignores") or {}
    if not isinstance(ignores, dict) or not all(
        isinstance(rules, list) and all(isinstance(rule, str) for rule in rules) for rules in ignores.values()
    ):
        raise ConfigError(f"{path}: per_file_ignores: a mapping of glob to a list of rule ids or names")
    context = raw.get("context")
    if context is not None and not isinstance(context, str):
        raise ConfigError(f"{path}: context: a word such as archive, syndication or commercial")
    min_confidence = _fraction(raw.get("min_confidence"), path)
    return Config(source=str(path), context=context, fail_on=fail_on, select=lists["select"],
                  min_confidence=min_confidence,
                  ignore=lists["ignore"], severity={str(k): str(v) for k, v in severity.items()}, rules=folders,
                  per_file_ignores=tuple((str(glob), tuple(r for r in rules if r)) for glob, rules in ignores.items()))


def _fraction(value, path) -> float | None:
    """A number from 0 to 1; INI files (setup.cfg) give it as text."""
    if value is None:
        return None
    try:
        number = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or not 0 <= number <= 1:
        raise ConfigError(f"{path}: min_confidence: '{value}' is not a number from 0 to 1, such as 0.5")
    return number
