"""Audit whole archives with Apache Spark: the same page check as the CLI, one partition at a time.

    from captioncheck.spark import findings
    frame = findings(spark, ["s3://archive/2023-01.warc.gz", ...], context="archive")

or, on a cluster (captioncheck installed on every node, or shipped with --py-files):

    spark-submit --master yarn -m captioncheck.spark ... # see main() for the options
    spark-submit captioncheck/spark.py --output findings/ --format parquet --context archive *.warc.gz

The check of one page is `captioncheck.pipeline.check_document`, the function `captioncheck lint`
uses: there is no second implementation. The rules across pages (CC105, CC205, CC306) are a
group-by over the photo keys the pages leave, each group judged by `captioncheck.engine.across.judge`,
as the command line judges its index. Needs the `spark` extra: ``pip install captioncheck[spark]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator

try:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType
except ImportError as missing:  # the extra is optional: say how to get it
    raise ImportError("captioncheck.spark needs PySpark: pip install 'captioncheck[spark]'") from missing

from captioncheck.engine.across import active, group_of, judge
from captioncheck.pipeline import Checked, Settings, check_document, check_path

# The columns of the JSON report's findings, in its order.
SCHEMA = StructType([
    StructField("rule_id", StringType(), False),
    StructField("rule_name", StringType(), False),
    StructField("severity", StringType(), False),
    StructField("message", StringType(), False),
    StructField("path", StringType(), False),
    StructField("line", IntegerType(), True),
    StructField("image_index", IntegerType(), True),
    StructField("image_src", StringType(), True),
    StructField("evidence", StringType(), True),
    StructField("fingerprint", StringType(), False),
    StructField("image_key", StringType(), False),
    StructField("image_number", IntegerType(), True),
    StructField("image_caption", StringType(), True),
    StructField("image_file", StringType(), True),
    StructField("column", IntegerType(), True),
    StructField("snippet", StringType(), True),
    StructField("image_credit", StringType(), True),
])
_ORDER = ("path", "line", "image_index", "rule_id", "message")


def _rows(found) -> Iterator[tuple]:
    for finding in found:
        yield tuple(getattr(finding, field.name) for field in SCHEMA.fields)


def _check_rows(rows: Iterable, settings: Settings) -> Iterator[Checked]:
    for row in rows:
        html = row["html"]
        data = html.encode("utf-8") if isinstance(html, str) else bytes(html or b"")
        yield check_document(row["path"], data, settings)


def _check_paths(paths: Iterable[str], settings: Settings) -> Iterator[Checked]:
    for path in paths:
        yield from check_path(path, settings)


def _across(keys, settings: Settings):
    """The rules across pages: for each, the keys grouped by photo (or caption), each group judged."""
    found = []
    for rule, level in active(settings.ruleset(), settings.context):
        groups = keys.flatMap(lambda key, rule=rule: [(group, key)] if (group := group_of(rule, key)) else [])
        found.append(groups.groupByKey().flatMap(
            lambda group, rule=rule, level=level: _rows(judge(rule, level, group[1], settings.context,
                                                              settings.skip_for).findings)))
    return found


def findings(spark: SparkSession, source: DataFrame | Iterable[str], context: str | None = None,
             rule_folders: Iterable[str] = (), select: Iterable[str] = (), ignore: Iterable[str] = ()) -> DataFrame:
    """A DataFrame of findings, with the JSON report's columns, sorted as the report sorts them.

    `source` is a list of paths (WARC, WARC.gz, MHTML or HTML files readable by every executor:
    local, HDFS-mounted or shared), one task each, or a DataFrame with columns `path` and `html`
    (string or binary).
    """
    settings = Settings(context=context, rule_folders=tuple(rule_folders), select=tuple(select),
                        ignore=tuple(ignore))
    if isinstance(source, DataFrame):
        checked = source.select("path", "html").rdd.mapPartitions(lambda rows: _check_rows(rows, settings))
    else:
        paths = sorted(source)
        checked = spark.sparkContext.parallelize(paths, max(1, len(paths))).mapPartitions(
            lambda chunk: _check_paths(chunk, settings))
    checked = checked.persist()  # read twice, checked once: for the pages' findings and for their keys
    rdd = checked.flatMap(lambda page: _rows(page.findings))
    for more in _across(checked.flatMap(lambda page: page.keys), settings):
        rdd = rdd.union(more)
    return spark.createDataFrame(rdd, SCHEMA).orderBy(*_ORDER)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="captioncheck over an archive with Spark: writes findings.")
    parser.add_argument("paths", nargs="+", help="WARC, WARC.gz, MHTML or HTML files")
    parser.add_argument("--output", required=True, help="output folder (Spark writes part files into it)")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--context", help="publishing context: archive, syndication, commercial, ...")
    parser.add_argument("--rules", action="append", default=[], help="a folder of your own rule files")
    parser.add_argument("--select", action="append", default=[], help="only these rules")
    parser.add_argument("--ignore", action="append", default=[], help="never these rules")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("captioncheck").getOrCreate()
    try:
        frame = findings(spark, args.paths, args.context, args.rules, args.select, args.ignore)
        writer = frame.write.mode("overwrite")
        writer.json(args.output) if args.format == "jsonl" else writer.parquet(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
