"""`captioncheck lint --show-settings`: the configuration file found, and every setting the run would
use with where it came from (the command line, that file, the environment or the default)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.core import ParameterSource

from captioncheck.engine import RuleSet
from captioncheck.engine.config import Config
from captioncheck.pipeline import Settings, default_jobs

COMMAND_LINE = "command line"
DEFAULT = "default"


def settings_report(ctx: click.Context, config: Config, settings: Settings, ruleset: RuleSet,
                    output_format: str) -> str:
    params = ctx.params

    def typed(name: str) -> bool:
        return ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)

    def source(name: str, in_config: bool) -> str:
        # The command line wins over the file for every setting both can give, except the lists that add up.
        return COMMAND_LINE if typed(name) else config.source if in_config else DEFAULT

    def both(name: str, in_config: bool) -> str:
        """ignore and rules: the file's entries, then the command line's."""
        found = [where for where, used in ((config.source, in_config), (COMMAND_LINE, typed(name))) if used]
        return " + ".join(found) or DEFAULT

    if params["output_format"]:
        format_source = COMMAND_LINE
    elif output_format == "github":
        format_source = "environment (GITHUB_ACTIONS=true)"
    else:
        format_source = DEFAULT
    rows = [
        ("context", settings.context, source("context", bool(config.context))),
        ("fail_on", params["fail_on"] or config.fail_on or "error", source("fail_on", bool(config.fail_on))),
        ("select", list(settings.select), source("select", bool(config.select))),
        ("ignore", list(settings.ignore), both("ignore", bool(config.ignore))),
        ("severity", dict(settings.severity), config.source if config.severity else DEFAULT),
        ("rules", list(settings.rule_folders), both("rule_folders", bool(config.rules))),
        ("per_file_ignores", {glob: list(rules) for glob, rules in settings.per_file_ignores},
         config.source if config.per_file_ignores else DEFAULT),
        ("min_confidence", settings.min_confidence, source("min_confidence", config.min_confidence is not None)),
        ("format", output_format, format_source),
    ]
    # Settings only the command line gives.
    for key, name, value in (
        ("output", "output_path", params["output_path"]),
        ("out", "extra_outputs", list(params["extra_outputs"])),
        ("max_warnings", "max_warnings", params["max_warnings"]),
        ("exit_zero", "exit_zero", params["exit_zero"]),
        ("baseline", "baseline_path", params["baseline_path"]),
        ("write_baseline", "write_baseline_path", params["write_baseline_path"]),
        ("report_unused_suppressions", "report_unused_suppressions", settings.report_unused),
        ("exclude", "exclude", list(params["exclude"])),
        ("max_bytes", "max_megabytes", params["max_megabytes"]),  # in megabytes, as --max-bytes takes it
        ("max_images", "max_images", settings.limits.max_images),
        ("page_timeout", "page_timeout", settings.limits.page_timeout),
        ("jobs", "jobs", params["jobs"] or default_jobs()),
        ("cache", "cache_folder", params["cache_folder"]),
        ("statistics", "statistics", params["statistics"]),
        ("quiet", "quiet", params["quiet"]),
        ("color", "color_choice", params["color_choice"]),
        ("no_progress", "no_progress", params["no_progress"]),
        ("sitemap", "sitemaps", list(params["sitemaps"])),
        ("timeout", "timeout", params["timeout"]),
        ("fetch_jobs", "fetch_jobs", params["fetch_jobs"]),
        ("fetch_images", "fetch_images", params["fetch_images"]),
    ):
        rows.append((key, value, source(name, False)))
    found = config.source or f"none found (looked in {Path.cwd()} and the folders above it)"
    lines = [f"configuration file: {found}"]
    width = max(len(key) + 3 + len(_value(value)) for key, value, _ in rows)
    lines += [f"{key} = {_value(value)}".ljust(width) + f"  # {where}" for key, value, where in rows]
    lines.append(f"rules in effect: {len(ruleset.rules)}")
    lines += [f"  {rule.id} {rule.name} {level}" for rule, level in ruleset.rules]
    return "\n".join(lines) + "\n"


def _value(value) -> str:
    """Values as JSON: one spelling on every machine, lists and mappings included."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


