"""The GitHub Action's lint step: `captioncheck lint` with the action's inputs, its exit code unchanged.

The inputs arrive in environment variables, never in shell code, and are split here with shlex as a
POSIX shell would split them, but without expanding anything: `"my pages" 'site/**/*.html'` reaches
captioncheck as two paths, the glob unexpanded (captioncheck expands it, `**` included).

Run by the action's virtual environment's Python; it needs only the standard library.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

USAGE_ERROR = 2  # captioncheck's own exit code for a usage error


def words(name: str) -> list[str]:
    """The input in environment variable NAME, split into words; ValueError names the input."""
    value = os.environ.get(name, "")
    try:
        return shlex.split(value)
    except ValueError as error:  # an unclosed quote, a trailing backslash
        input_name = name.removeprefix("CAPTIONCHECK_").lower()
        raise ValueError(f"the {input_name} input cannot be split into words ({error}): {value}") from None


def command() -> list[str]:
    """captioncheck's command line; the user's args come after the action's so they can override them."""
    sarif = os.environ.get("CAPTIONCHECK_SARIF", "")
    outputs = ["-o", f"sarif={sarif}"] if sarif else []
    paths = words("CAPTIONCHECK_PATHS")
    # `--` keeps a path that starts with `-` a path; `-` alone is still standard input.
    return [sys.executable, "-m", "captioncheck", "lint", "--format", "github", *outputs,
            *words("CAPTIONCHECK_ARGS"), "--", *paths]


def set_output(name: str, value: str) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as output:
            output.write(f"{name}={value}\n")


def run(argv: list[str]) -> int:
    child = subprocess.Popen(argv)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # a cancelled job: the child got the signal too and ends with its own code
            continue


def _escaped(text: str) -> str:
    """Text on one log line that the runner cannot read as a workflow command of its own."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def main() -> int:
    try:
        argv = command()
    except ValueError as error:
        print(f"::error title=captioncheck action::{_escaped(str(error))}", flush=True)
        code = USAGE_ERROR
    else:
        # What ran, quoted as a shell would need; an input cannot start a line of its own ("::add-mask").
        print(_escaped(shlex.join(["captioncheck", *argv[3:]])), flush=True)
        code = run(argv)
        if code < 0:  # killed by a signal: report it the way a shell does
            code = 128 - code
    set_output("exit-code", str(code))
    return code


if __name__ == "__main__":
    sys.exit(main())
