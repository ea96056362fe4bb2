"""Soak: `captioncheck lint --jobs 2` over many pages (the corpus repeated through symlinks).

    python benchmarks/soak.py [CORPUS_DIR] [--pages 100000] [--interrupt-after 20]

Three runs over the same page set: `--format jsonl` to a file, `--format json -o sarif=FILE`,
and that second command again, sent SIGINT part-way. It samples the RSS of the whole process tree
(the main process and its workers, from /proc) every second and prints it over time, counts the
distinct paths in each report (every page must be reported once), and checks that the report
files from the finished run are intact after the interrupted one (reports are written
atomically). Skips cleanly when the corpus is absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_corpus import absent, corpus_parser  # noqa: E402
from scale import page_set  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def tree_rss_mb(root: int) -> float:
    """RSS of `root` and every descendant, in MB, read from /proc (no extra package needed)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    return total / 1e6


def run(command: list[str], stdout, interrupt_after: float | None = None) -> tuple[int, float, list]:
    """Exit code, wall seconds and (seconds, tree RSS MB) samples; SIGINT after `interrupt_after` s."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
    samples = []
    while process.poll() is None:
        elapsed = time.perf_counter() - started
        samples.append((elapsed, tree_rss_mb(process.pid)))
        if interrupt_after is not None and elapsed > interrupt_after:
            process.send_signal(signal.SIGINT)
            interrupt_after = None
        time.sleep(1.0)
    return process.returncode, time.perf_counter() - started, samples


def rss_over_time(samples: list[tuple[float, float]]) -> str:
    """Peak tree RSS in each tenth of the run: flat means no growth with pages."""
    if not samples:
        return "no samples"
    end = samples[-1][0] or 1
    tenths = [max((rss for at, rss in samples if tenth * end / 10 <= at <= (tenth + 1) * end / 10), default=0)
              for tenth in range(10)]
    return " ".join(f"{mb:.0f}" for mb in tenths)


def runs(paths: list[str]) -> int:
    """Blocks of one path in report order: a page reported twice would make a second block.
    (Reports list findings, so a page without findings has no line: files is the count of pages.)"""
    return sum(1 for number, path in enumerate(paths) if number == 0 or paths[number - 1] != path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def main() -> int:
    parser = corpus_parser(__doc__, repeat=False)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--interrupt-after", type=float, default=20.0, help="seconds before the SIGINT")
    args = parser.parse_args()
    if absent(args.corpus):
        return 0
    lint = [sys.executable, "-m", "captioncheck", "lint", "--jobs", "2", "--no-progress"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        pages = page_set(args.corpus, args.pages, folder)
        jsonl, report, sarif = folder / "report.jsonl", folder / "report.json", folder / "report.sarif"
        print(f"pages: {args.pages}")

        with open(jsonl, "w") as out:
            code, seconds, samples = run([*lint, "--format", "jsonl", str(pages)], out)
        paths = [json.loads(line)["path"] for line in jsonl.read_text().splitlines() if line.strip()]
        print(f"jsonl: exit {code}, {seconds:.0f} s, {args.pages / seconds:.0f} pages/s; distinct paths with "
              f"findings {len(set(paths))}, each in one block: {runs(paths) == len(set(paths))}")
        print(f"  tree RSS MB by tenth of the run: {rss_over_time(samples)}")

        command = [*lint, "--format", "json", "--output", str(report), "-o", f"sarif={sarif}", str(pages)]
        code, seconds, samples = run(command, subprocess.DEVNULL)
        data = json.loads(report.read_text())
        reported = [finding["path"] for finding in data["findings"]]
        once = data["summary"]["files"] == args.pages and runs(reported) == len(set(reported))
        print(f"json + sarif: exit {code}, {seconds:.0f} s, {args.pages / seconds:.0f} pages/s; distinct paths "
              f"with findings {len(set(reported))}, each in one block and files == pages: {once}")
        print(f"  summary files {data['summary']['files']}; tree RSS MB by tenth: {rss_over_time(samples)}")
        sarif_paths = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                       for sarif_run in json.loads(sarif.read_text())["runs"] for result in sarif_run["results"]}
        print(f"  sarif: distinct paths with results {len(sarif_paths)}")

        before = digest(report), digest(sarif)
        code, seconds, _ = run(command, subprocess.DEVNULL, interrupt_after=args.interrupt_after)
        intact = (digest(report), digest(sarif)) == before
        leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".report")]
        print(f"interrupted after {args.interrupt_after:.0f} s: exit {code} (130 expected), {seconds:.0f} s; "
              f"previous reports intact: {intact}; temporary files left: {len(leftovers)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
