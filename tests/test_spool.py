"""A run's findings go to disk past a few thousand (report/spool.py) and the one-document reports are
written from there in pieces: the same bytes as a run that keeps everything in memory, without the
findings ever all being in memory. Counted and measured with tracemalloc, never timed."""

from __future__ import annotations

import random
import tracemalloc

import pytest
from click.testing import CliRunner

from captioncheck import cli
from captioncheck.findings import Finding
from captioncheck.report import Report, json_report, sarif, spool
from captioncheck.report.formats import FORMATS, PIECES, pieces
from captioncheck.report.spool import FindingSpool


def _findings(count: int, seed: int = 7) -> list[Finding]:
    return list(_made(count, seed))


def _made(count: int, seed: int = 7):
    generator = random.Random(seed)
    for number in range(count):
        page = generator.randrange(count // 10 + 1)
        yield (Finding(
            rule_id=f"CC{generator.choice((101, 201, 203))}", rule_name="a-rule",
            severity=generator.choice(("error", "warning", "info")),
            message=f"finding {number % 5}: " + "words of a message " * 8, path=f"site/page-{page:05d}.html",
            line=generator.randrange(1, 4), image_index=generator.choice((None, 0, 1)), image_src="/a.jpg",
            evidence=f"evidence {number}", fingerprint=f"{number:032x}", image_key="/a.jpg"))
    # Equal sort keys abound: the order of those must be the order they came in.


def test_a_spool_reads_back_exactly_the_sorted_findings_holding_few_at_a_time():
    found = _findings(5000)
    store = FindingSpool(in_memory=64)
    most = 0
    for first in range(0, len(found), 7):
        store.extend(found[first:first + 7])
        most = max(most, store.held())
    assert most < 64 + 7 and 1 < store.on_disk <= spool.FAN_IN
    assert list(store.sorted()) == sorted(found, key=Finding.sort_key)  # stable on equal keys too
    assert len(store) == 5000 and sorted(store, key=Finding.sort_key) == sorted(found, key=Finding.sort_key)
    report = Report(tool={"name": "captioncheck"}, findings=store)
    assert report.counts() == Report(tool={}, findings=found).counts()
    store.close()


@pytest.mark.parametrize("name", sorted(PIECES))
def test_formats_in_pieces_are_the_formats_whole(name):
    found = _findings(700)
    whole = Report(tool={"name": "captioncheck", "version": "1"}, context="archive", files=3, findings=found)
    spooled = Report(tool={"name": "captioncheck", "version": "1"}, context="archive", files=3,
                     findings=FindingSpool(in_memory=50))
    spooled.findings.extend(found)
    expected = FORMATS[name](whole, ())
    assert "".join(pieces(name, spooled, ())) == expected
    if name == "json":  # the way it was rendered before it came in pieces
        import json
        assert expected == json.dumps(whole.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if name == "sarif":
        import json
        assert expected == json.dumps(sarif.sarif_log(whole), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    empty = Report(tool={"name": "captioncheck"}, findings=FindingSpool())
    assert "".join(pieces(name, empty, ())) == FORMATS[name](Report(tool={"name": "captioncheck"}), ())


def _peak_writing(count: int, findings=None) -> tuple[int, int]:
    """Bytes allocated at most while `count` findings are made, added ten at a time (a page's worth,
    as the CLI adds them) to a spool (or to `findings`, a list) and written as JSON; and the
    characters written."""
    report = Report(tool={"name": "captioncheck"}, findings=FindingSpool(in_memory=200) if findings is None
                    else findings)
    made = _made(count)
    tracemalloc.start()
    for _ in range(0, count, 10):
        report.findings.extend([next(made) for _ in range(10)])
    written = sum(len(piece) for piece in json_report.pieces(report))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if findings is None:
        report.findings.close()
    return peak, written


def test_writing_a_large_report_takes_memory_that_does_not_grow_with_its_findings(monkeypatch):
    # tracemalloc counts the bytes Python allocates: deterministic, unlike RSS or time. Small blocks
    # and a small spool stand for the real ones (8,192 findings, 16 blocks of 128) at a test's size.
    monkeypatch.setattr(spool, "BLOCK", 32)
    peak, written = _peak_writing(8000)
    kept, written_kept = _peak_writing(8000, findings=[])  # every finding kept in a list, as before
    assert written == written_kept  # every finding was written
    assert peak < kept / 5, (peak, kept)
    larger, _ = _peak_writing(24_000)  # three times the findings: 120 runs to disk, merged 16 at a time
    assert larger < peak * 1.25, (peak, larger)


def test_the_cli_spools_and_writes_the_same_reports(tmp_path, monkeypatch):
    figure = ('<figure><img src="/p{n}.jpg" alt="Photo {n}"><figcaption>Photo {n}</figcaption></figure>'
              '<figure><img src="/q{n}.jpg" alt="x"><figcaption>Smoke over the hills. AP</figcaption></figure>')
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(40):
        (pages / f"p{n:02d}.html").write_text(f"<html><body><article>{figure.format(n=n)}</article></body></html>")
    held = []
    original = FindingSpool.extend

    def extend(self, findings):
        original(self, findings)
        held.append((self.held(), self.on_disk))

    monkeypatch.setattr(FindingSpool, "extend", extend)

    def run(folder, in_memory):
        monkeypatch.setattr(spool, "IN_MEMORY", in_memory)
        out = tmp_path / folder
        out.mkdir()
        result = CliRunner().invoke(cli.main, [
            "lint", "--jobs", "1", "--format", "json", "--output", str(out / "r.json"), "-o", f"sarif={out}/r.sarif",
            "-o", f"jsonl={out}/r.jsonl", "-o", f"csv={out}/r.csv", "-o", f"gitlab={out}/r.gitlab.json",
            "-o", f"junit={out}/r.xml", str(pages)])
        assert result.exit_code in (0, 1), result.output
        return {path.name: path.read_bytes() for path in sorted(out.iterdir())}

    in_memory = run("memory", 10**9)
    assert max(disk for _, disk in held) == 0
    held.clear()
    spooled = run("spooled", 5)
    assert spooled == in_memory and len(spooled) == 6
    assert max(count for count, _ in held) < 5 + 10 and held[-1][1] > 5  # a page's findings at most past the 5
    assert b'"CC' in spooled["r.json"]


def test_a_report_interrupted_while_written_in_pieces_leaves_the_previous_one(tmp_path):
    from captioncheck.report.files import write_atomic

    target = tmp_path / "report.json"
    target.write_text("the previous report")

    def pieces_then_ctrl_c():
        yield "{\n"
        yield '  "findings": ['
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, pieces_then_ctrl_c())
    assert target.read_text() == "the previous report"
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]  # no temporary left
