"""Rule files: load them, validate them against the JSON Schema, turn them into ``Rule`` objects.

Built-in rules are the ``*.yaml`` files of the top-level ``rules/`` folder (shipped as the package
``captioncheck.rules``); users add folders of their own with ``--rules DIR`` or ``rules:`` in config.
A file that does not validate is a usage error naming the file, the path inside it and the problem.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jsonschema
import regex
import yaml

PLACEHOLDERS = frozenset(
    {"src", "alt", "caption", "credit", "evidence", "codes", "context", "agency", "expected", "other", "field", "what",
     "where", "printed", "pages", "published"}
)
# The check kind of rules that see every page of a run (engine/across.py), not one page at a time.
ACROSS_PAGES = "across-pages"


class RuleFileError(Exception):
    """A rule file that cannot be used: exit code 2."""


class RuleTimeout(Exception):
    """A rule's own pattern ran past its time limit on a page's text: exit code 2, naming the rule."""


@dataclass(frozen=True)
class Example:
    html: str
    context: str | None = None
    encoding: str = "utf-8"
    unused: bool = False  # run with --report-unused-suppressions
    # Image files the page carries ({url: IPTC fields}), for rules on embedded metadata.
    files: dict | None = field(default=None, compare=False)
    max_images: int | None = None  # run with --max-images N
    # Several pages checked as one run, for rules across pages; `html` then holds them all, one
    # after another, for readers that show an example as one text.
    pages: tuple[str, ...] = ()

    @property
    def data(self) -> bytes:
        return self.html.encode(self.encoding)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    check: str
    params: dict
    severity: str
    message: str
    why: str
    source: str  # the file it came from, for messages
    contexts: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    url: str | None = None
    fail_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    summary: str = ""
    compiled: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def across_pages(self) -> bool:
        """Does the rule judge the whole run (after the last page) rather than each page?"""
        return self.check == ACROSS_PAGES


@lru_cache(maxsize=1)
def rule_schema() -> dict:
    return json.loads(resources.files("captioncheck").joinpath("schemas/rule.schema.json").read_text("utf-8"))


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(part) for part in error.absolute_path) or "(top level)"


def yaml_problem(source, error: yaml.YAMLError) -> str:
    """A YAML error as FILE:LINE:COLUMN: what is wrong. PyYAML's own text names the stream it read
    ("<unicode string>"), not the file."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None)
    if mark is None or not problem:
        text = str(error).replace('"<unicode string>"', str(source))
        return f"{source}: not valid YAML: {text}"
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark is not None:
        problem += f" ({context} that starts at line {context_mark.line + 1})"
    return f"{source}:{mark.line + 1}:{mark.column + 1}: not valid YAML: {problem}"


def parse_rule(text: str, source: str) -> Rule:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RuleFileError(yaml_problem(source, error)) from None
    except (ValueError, OverflowError) as error:  # PyYAML's own: an escape such as "\\UFFFFFFFF"
        raise RuleFileError(f"{source}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{source}: a rule file holds one mapping (id, name, check, ...)")
    validator = jsonschema.Draft202012Validator(rule_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise RuleFileError(f"{source}: at {_where(error)}: {error.message}")
    try:
        unknown = {name for _, name, _, _ in string.Formatter().parse(data["message"]) if name} - PLACEHOLDERS
    except ValueError as error:  # a lone "{" or "}"
        raise RuleFileError(f"{source}: at message: not a valid message template: {error}; write {{{{ for a brace"
                            ) from None
    if unknown:
        names = "placeholder" if len(unknown) == 1 else "placeholders"
        raise RuleFileError(f"{source}: at message: unknown {names} {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(sorted(PLACEHOLDERS))}")
    params = data.get("params") or {}
    compiled = {}
    if data["check"] == "pattern":
        compiled["pattern"] = _user_pattern(params["pattern"], bool(params.get("ignore_case")), source)
    return Rule(
        id=data["id"],
        name=data["name"],
        check=data["check"],
        params=params,
        severity=data["severity"],
        message=data["message"],
        why=data["why"].strip(),
        summary=data.get("summary") or _first_sentence(data["why"]),
        source=source,
        contexts=tuple(data.get("contexts") or ()),
        tags=tuple(data.get("tags") or ()),
        url=data.get("url"),
        fail_examples=_examples(data["examples"], "fail", source),
        pass_examples=_examples(data["examples"], "pass", source),
        compiled=compiled,
    )


def _first_sentence(text: str) -> str:
    first = " ".join(text.strip().split("\n\n")[0].split())
    return re.split(r"(?<=[a-z][.!?])\s(?=[A-Z])", first, maxsplit=1)[0]


# Texts that make a backtracking pattern explode: long runs with a spoiler at the end.
_PROBES = tuple(run * 64 + end for run in ("a", "a ", "A", "1", "x-", "é") for end in ("", "!", "\n"))
PROBE_SECONDS = 0.1
MATCH_SECONDS = 0.5  # a match that takes longer on one caption is a pattern bug, not a slow page


def _user_pattern(pattern: str, ignore_case: bool, source: str) -> regex.Pattern:
    """Compile a rule's own regex with the `regex` package, whose matches can time out, and try it
    on hostile probes now, so a catastrophic pattern is a clear rule-file error, not a hung run."""
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except (regex.error, ValueError) as error:
        raise RuleFileError(f"{source}: at params/pattern: not a valid regular expression: {error}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=PROBE_SECONDS)
        except TimeoutError:
            raise RuleFileError(
                f"{source}: at params/pattern: the pattern backtracks catastrophically (over {PROBE_SECONDS} s "
                f"on a {len(probe)}-character text); rewrite it without nested repetition such as (a|aa)+"
            ) from None
    return compiled


def _example(item) -> Example:
    if isinstance(item, str):
        return Example(item)
    if "pages" in item:
        pages = tuple(item["pages"])
        return Example("\n".join(pages), item.get("context"), pages=pages)
    return Example(item["html"], item.get("context"), item.get("encoding", "utf-8"), item.get("unused", False),
                   item.get("files"), item.get("max_images"))


def _examples(examples: dict, kind: str, source: str) -> tuple[Example, ...]:
    """The examples of one kind, each checked now to be writable as bytes in its encoding: the
    schema takes any name, and a bad one would otherwise fail only when the example is run."""
    found = tuple(_example(item) for item in examples[kind])
    for number, example in enumerate(found):
        try:
            example.html.encode(example.encoding)
        except UnicodeError as error:  # before ValueError, which it is a kind of
            raise RuleFileError(f"{source}: at examples/{kind}/{number}/html: the HTML cannot be written in "
                                f"{example.encoding}: {error}") from None
        except (LookupError, ValueError):  # no such codec, not a text one (base64, rot13), a NUL in the name
            raise RuleFileError(f"{source}: at examples/{kind}/{number}/encoding: {example.encoding!r} is not a "
                                "known text encoding") from None
    return found


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    folder = resources.files("captioncheck.rules")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".yaml"):
            found.append(parse_rule(entry.read_text(encoding="utf-8"), f"rules/{entry.name}"))
    return tuple(found)


def builtin_folder() -> Path:
    """Where the built-in rule files are installed."""
    return Path(str(resources.files("captioncheck.rules")))


def load_rules(folders: list[str] | tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The built-in rules and those in the user's folders; ids and names must stay unique."""
    rules = list(builtin_rules())
    builtin = {rule.source for rule in rules}
    for folder in folders:
        path = Path(folder)
        if not path.is_dir():
            raise RuleFileError(f"{folder}: no such rules folder")
        if path.resolve() == builtin_folder().resolve():
            continue  # the built-in rules, named again: loaded already
        files = sorted(path.glob("*.y*ml"))
        if not files:  # named for its rules: without any, the run would pass without them
            raise RuleFileError(f"{folder}: no rule files (*.yaml) in this folder")
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise RuleFileError(f"{file}: not UTF-8 text: {error}") from None
            rules.append(parse_rule(text, str(file)))
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                by = f"the built-in rule {seen[key]}" if seen[key] in builtin else seen[key]
                raise RuleFileError(f"{rule.source}: {key} is already used by {by}")
            seen[key] = rule.source
    return tuple(sorted(rules, key=lambda rule: rule.id))
