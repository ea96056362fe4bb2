"""captioncheck.spark in local mode: the same findings as a plain `captioncheck lint` run.

Spark needs a Java runtime; where none starts, the test skips and says why (on this project's
machines Java 17 is installed, so CI runs it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from captioncheck.cli import main
from tests.helpers import FIXTURES

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")
WARC = FIXTURES / "sources" / "saint-malo.warc.gz"
PAGES = [FIXTURES / "extract" / "seed-mariupol.html", FIXTURES / "extract" / "reuters.html"]


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None:
        pytest.skip("no Java runtime on this machine: Spark cannot start")
    from pyspark.sql import SparkSession

    # Spark's Python workers must run the interpreter that has captioncheck installed.
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    try:
        session = (SparkSession.builder.master("local[2]").appName("captioncheck-test")
                   .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    except Exception as error:  # a JVM that will not start is a machine problem, not a captioncheck one
        pytest.skip(f"Spark could not start a JVM here: {error}")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def cli_findings(*paths, context="archive") -> list[dict]:
    result = CliRunner().invoke(main, ["lint", "--jobs", "1", "--format", "json", "--context", context,
                                       *map(str, paths)])
    return json.loads(result.stdout)["findings"]


def test_warc_paths_give_the_cli_findings(spark):
    from captioncheck.spark import findings

    rows = [row.asDict() for row in findings(spark, [str(WARC)], context="archive").collect()]
    assert rows and rows == cli_findings(WARC)


def test_a_dataframe_of_path_and_html_gives_the_cli_findings(spark):
    from captioncheck.spark import findings

    frame = spark.createDataFrame([(str(page), page.read_bytes()) for page in PAGES], ["path", "html"])
    rows = [row.asDict() for row in findings(spark, frame, context="archive").collect()]
    assert rows == cli_findings(*PAGES)


# main() stops the session it gets: the tests that share it come before.
SITE_PAGES = sorted((FIXTURES / "sites").glob("*/*.html"))


def test_rules_across_pages_are_a_group_by_over_the_pages_keys(spark):
    from captioncheck.spark import findings

    rows = [row.asDict() for row in findings(spark, [str(page) for page in SITE_PAGES], context="archive").collect()]
    assert {"CC105", "CC205", "CC306"} <= {row["rule_id"] for row in rows}
    assert rows == cli_findings(*SITE_PAGES)
    # From rows of (path, html): the photos meet by URL, with no file at hand.
    port = [page for page in SITE_PAGES if page.parent.name == "port-strike"]
    frame = spark.createDataFrame([(str(page), page.read_bytes()) for page in port], ["path", "html"])
    rows = [row.asDict() for row in findings(spark, frame, select=["CC205"]).collect()]
    assert [(row["rule_id"], row["path"]) for row in rows] == [("CC205", str(port[0])), ("CC205", str(port[1]))]


def test_spark_submit_entry_point_writes_jsonl(spark, tmp_path):
    from captioncheck.spark import main as spark_main

    out = tmp_path / "findings"
    assert spark_main(["--output", str(out), "--format", "jsonl", "--context", "archive", str(WARC)]) == 0
    lines = [json.loads(line) for part in sorted(out.glob("part-*.json")) for line in part.read_text().splitlines()]
    wanted = cli_findings(WARC)
    # Spark's JSON writer leaves out null columns; compare what it wrote.
    assert sorted(lines, key=json.dumps) == sorted(
        ({k: v for k, v in f.items() if v is not None} for f in wanted), key=json.dumps)


def test_the_module_runs_as_a_script_for_spark_submit():
    result = subprocess.run([sys.executable, "-m", "captioncheck.spark", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--output" in result.stdout

