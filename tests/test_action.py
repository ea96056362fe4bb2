"""The GitHub Action (action.yml), its steps run with bash as the runner runs a composite action's steps.

Each `run:` step is written to a file and run as `bash --noprofile --norc -eo pipefail FILE` in the
workspace, with the env GitHub gives it: its `env:` mapping with `${{ }}` expressions evaluated (inputs
with their defaults, github.action_path, runner.temp, earlier steps' outputs), GITHUB_WORKSPACE,
GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_STEP_SUMMARY and a fresh GITHUB_OUTPUT file per step, parsed
afterwards as the runner parses it. A failing step stops the action, as on GitHub.

What differs from a real run, and why:
- The `uses: actions/setup-python` step is not run (it downloads a Python); its `python-path` output is
  this test's own Python. The install step then really makes its virtual environment from it.
- Tests have no package index, so the action's venv sees this test environment's packages through a
  `sitecustomize` on PYTHONPATH, and `version: captioncheck` is already satisfied: pip runs and installs
  nothing. captioncheck itself is not on PATH, so only the venv's Python can run it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from captioncheck import __version__
from tests.helpers import EXTRACT_FIXTURES, ROOT

SEED = EXTRACT_FIXTURES / "seed-mariupol.html"
CLEAN = '<figure><img src="/a.jpg" alt="A boat"><figcaption>A boat. REUTERS/Jane Doe</figcaption></figure>'
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory) -> Path:
    """RUNNER_TEMP, one for the module as one job's runs share it (the venv is made once, then reused)."""
    return tmp_path_factory.mktemp("runner_temp")


@pytest.fixture(scope="module")
def test_packages(tmp_path_factory) -> Path:
    """A folder for PYTHONPATH whose sitecustomize adds this environment's site-packages (.pth files too,
    so the editable install of captioncheck resolves as it does here)."""
    folder = tmp_path_factory.mktemp("pythonpath")
    dirs = [path for path in site.getsitepackages() if Path(path).is_dir()]
    (folder / "sitecustomize.py").write_text(
        "import site\n" + "".join(f"site.addsitedir({path!r})\n" for path in dirs), encoding="utf-8")
    return folder


def parse_github_output(text: str) -> dict[str, str]:
    """NAME=VALUE lines and NAME<<DELIMITER blocks, as the runner reads $GITHUB_OUTPUT."""
    outputs, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for value in lines:
                if value == delimiter:
                    break
                block.append(value)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


class Run:
    def __init__(self):
        self.codes: list[tuple[str, int]] = []
        self.stdout = ""
        self.stderr = ""
        self.outputs: dict[str, str] = {}


def run_action(workspace: Path, runner_temp: Path, pythonpath: Path, **given: str) -> Run:
    unknown = set(given) - set(ACTION["inputs"])
    assert not unknown, f"not inputs of action.yml: {unknown}"
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | given
    steps: dict[str, dict[str, str]] = {}
    context = {"github.action_path": str(ROOT), "runner.temp": str(runner_temp)}

    def evaluate(text: str) -> str:
        def value(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("inputs."):
                return inputs[name.removeprefix("inputs.")]
            if name.startswith("steps."):
                step_id, kind, output = name.split(".")[1:]
                assert kind == "outputs", name
                return steps.get(step_id, {}).get(output, "")  # GitHub gives "" for a missing output
            return context[name]  # an expression this test does not know fails here

        return EXPRESSION.sub(value, text)

    summary = workspace.parent / "step_summary.md"
    path = os.pathsep.join(part for part in os.environ.get("PATH", "").split(os.pathsep)
                           if Path(part).resolve() != Path(sys.executable).parent.resolve())
    base_env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_"))}
    base_env.pop("VIRTUAL_ENV", None)
    base_env |= {"PATH": path, "PYTHONPATH": str(pythonpath), "CI": "true", "GITHUB_ACTIONS": "true",
                 "GITHUB_WORKSPACE": str(workspace), "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(runner_temp),
                 "GITHUB_STEP_SUMMARY": str(summary),
                 "PIP_NO_INDEX": "1"}  # the install step may check what is installed, never fetch
    result = Run()
    for number, step in enumerate(ACTION["runs"]["steps"]):
        step_id = step.get("id", f"__{number}")
        if "uses" in step:
            # Not run here: setup-python would download a Python. Its output is this test's Python.
            assert step["uses"].startswith("actions/setup-python@"), step["uses"]
            assert step["with"]["update-environment"] is False  # the job's own Python stays on PATH
            assert evaluate(str(step["with"]["python-version"])) == inputs["python-version"]
            steps[step_id] = {"python-path": sys.executable}
            result.codes.append((step["name"], 0))
            continue
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], f"{step['name']}: an expression in shell code"
        script = workspace.parent / f"step{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        output = workspace.parent / f"github_output{number}"
        output.write_text("")
        env = base_env | {"GITHUB_OUTPUT": str(output)}
        env |= {key: evaluate(str(value)) for key, value in step.get("env", {}).items()}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=300)
        result.codes.append((step["name"], done.returncode))
        result.stdout += done.stdout
        result.stderr += done.stderr
        steps[step_id] = parse_github_output(output.read_text(encoding="utf-8"))
        if done.returncode:
            break
    result.outputs = {name: evaluate(spec["value"]) for name, spec in ACTION["outputs"].items()}
    return result


def command_line(run: Run) -> list[str]:
    """The command the entry script says it ran, split back into its words."""
    (line,) = [line for line in run.stdout.splitlines() if line.startswith("captioncheck lint ")]
    return shlex.split(line)


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A checkout with pages in a folder whose name has a space and in nested site/ folders."""
    root = tmp_path / "workspace"
    for page in ("my pages/seed.html", "my pages/old pages/old.html", "site/top.html", "site/a/mid.html",
                 "site/a/b/deep.html"):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED, root / page)
    return root


def test_quoted_paths_and_globs_reach_captioncheck_as_written(workspace, runner_temp, test_packages):
    run = run_action(
        workspace, runner_temp, test_packages,
        paths="\"my pages\"\n'site/**/*.html'",  # a YAML block scalar: one path a line works too
        args="--context archive --exclude 'old pages' --exclude \"$(touch injected)\"",
        sarif="cc report.sarif", version="captioncheck")
    assert [code for _, code in run.codes] == [0, 0, 1], run.stderr  # set up, installed, findings
    assert command_line(run) == [
        "captioncheck", "lint", "--format", "github", "-o", "sarif=cc report.sarif", "--context", "archive",
        "--exclude", "old pages", "--exclude", "$(touch injected)", "--", "my pages", "site/**/*.html"]
    assert not (workspace / "injected").exists()  # input text is never shell code

    sarif = json.loads((workspace / "cc report.sarif").read_text(encoding="utf-8"))
    [sarif_run] = sarif["runs"]
    # captioncheck expanded the glob itself: `**` matched no folder (top.html) and two (deep.html), which
    # bash without globstar would not have; the folder with a space was walked, its "old pages" excluded.
    assert [artifact["location"]["uri"] for artifact in sarif_run["artifacts"]] == [
        "my%20pages/seed.html", "site/a/b/deep.html", "site/a/mid.html", "site/top.html"]
    assert {result["ruleId"] for result in sarif_run["results"]} >= {"CC301", "CC302"}  # --context arrived

    assert run.outputs == {"exit-code": "1"}
    assert re.search(r"^::error file=my pages/seed\.html,line=38,col=11,title=CC302", run.stdout, re.M)
    assert "CC301" in (workspace.parent / "step_summary.md").read_text(encoding="utf-8")


def test_clean_pages_exit_zero(tmp_path, runner_temp, test_packages):
    workspace = tmp_path / "workspace"
    (workspace / "pages").mkdir(parents=True)
    (workspace / "pages" / "clean.html").write_text(CLEAN, encoding="utf-8")
    run = run_action(workspace, runner_temp, test_packages, paths="pages", version="captioncheck")
    assert [code for _, code in run.codes] == [0, 0, 0], run.stdout + run.stderr
    assert run.outputs == {"exit-code": "0"}
    assert command_line(run)[-2:] == ["--", "pages"]


@pytest.mark.parametrize(("given", "message"), [
    ({"args": "--fail-on never"}, "Invalid value for '--fail-on'"),  # captioncheck's own usage error
    ({"paths": "'drafts/**/*.html'"}, "no pages found"),  # a glob that matches nothing
    ({"args": "--exclude 'unclosed"}, "::error title=captioncheck action::the args input cannot be split"),
])
def test_usage_errors_exit_two(workspace, runner_temp, test_packages, given, message):
    run = run_action(workspace, runner_temp, test_packages, version="captioncheck", **given)
    assert [code for _, code in run.codes] == [0, 0, 2]
    assert run.outputs == {"exit-code": "2"}
    assert message in run.stdout + run.stderr


def test_every_input_is_passed_through_env():
    """GitHub splices ${{ }} into `run:` text before bash reads it, so an input there is shell code."""
    used = set()
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", "")
        for value in [*step.get("env", {}).values(), *step.get("with", {}).values()]:
            used |= {name.removeprefix("inputs.") for name in EXPRESSION.findall(str(value))}
    assert used >= set(ACTION["inputs"])


def readme_yaml_blocks() -> list:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```", readme, re.M | re.S)]


def test_readme_snippets_name_this_version_and_real_inputs():
    tag = f"v{__version__}"
    steps = [step for block in readme_yaml_blocks() if isinstance(block, dict) and "jobs" in block
             for job in block["jobs"].values() for step in job["steps"]]
    (action_step,) = [step for step in steps if str(step.get("uses", "")).endswith(f"/captioncheck@{tag}")]
    assert set(action_step["with"]) <= set(ACTION["inputs"])
    assert action_step["id"] == "captioncheck" and "exit-code" in ACTION["outputs"]
    hooks = [repo for block in readme_yaml_blocks() if isinstance(block, dict) and "repos" in block
             for repo in block["repos"]]
    assert [repo["rev"] for repo in hooks] == [tag]
    manifest_ids = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for repo in hooks for hook in repo["hooks"]} <= manifest_ids


def test_the_version_tag_exists_in_this_checkout():
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True)
    if tags.returncode or not tags.stdout.strip():
        pytest.skip("not a git checkout with tags (a shallow or tagless clone)")
    tag = f"v{__version__}"
    kind = subprocess.run(["git", "cat-file", "-t", tag], cwd=ROOT, capture_output=True, text=True)
    assert kind.stdout.strip() == "tag", f"{tag} is not an annotated tag here: git tag -a {tag} -m ..."
    # The tagged tree has the files a `uses:` or a pre-commit `rev:` needs.
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", tag], cwd=ROOT, capture_output=True, text=True)
    assert {"action.yml", "action/entry.py", ".pre-commit-hooks.yaml", "setup.cfg"} <= set(files.stdout.split())


def test_inputs_cannot_write_workflow_commands_of_their_own():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "action"))
    try:
        import entry
    finally:
        sys.path.pop(0)
    assert entry._escaped("bad quote\n::add-mask::secret") == "bad quote%0A::add-mask::secret"
    assert entry._escaped("100% done\r") == "100%25 done%0D"
