"""``newsclean.spark`` on a local[1] session: WARC files and JSON lines cleaned into Parquet give the
records ``newsclean clean`` writes for the same inputs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.engines.conftest import without

pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")

from newsclean.spark import clean_dataframe, read_warc  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[1]")
        .appName("newsclean-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def parquet_rows(folder: Path) -> list[dict[str, Any]]:
    return sorted(pq.read_table(folder).to_pylist(), key=lambda row: (row["source"] or "", row["id"] or ""))


def test_warc_files_give_the_cli_records(
    spark: Any, inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    second = tmp_path / "again.warc.gz"
    second.write_bytes(inputs["warc"].read_bytes())
    pages = read_warc(spark, [str(inputs["warc"]), str(second)])
    assert pages.rdd.getNumPartitions() == 2  # one partition a file, read in the workers
    clean_dataframe(pages, column="content", mode="auto").write.parquet(str(tmp_path / "out"))
    records = parquet_rows(tmp_path / "out")
    expected = reference["warc"]
    again = [{**row, "source": row["source"].replace(str(inputs["warc"]), str(second))} for row in expected]
    assert records == sorted(expected + again, key=lambda row: (row["source"], row["id"]))


def test_jsonl_pages_give_the_cli_records(
    spark: Any, inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    df = spark.read.json(str(inputs["html_jsonl"]))
    clean_dataframe(df, column="html", mode="html").write.parquet(str(tmp_path / "out"))
    records = {row["id"]: row for row in without(pq.read_table(tmp_path / "out").to_pylist(), "source")}
    expected = {row["id"]: row for row in without(reference["html_jsonl"], "source")}
    # the null page: an error record in both, whose reason names the JSON field or the column
    assert records["404"].pop("reason").endswith("column 'html' is null")
    assert "no 'text' field" in expected["404"].pop("reason")
    assert records == expected


def test_jsonl_dumps_give_the_cli_records(
    spark: Any, inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    df = spark.read.json(str(inputs["text_jsonl"]))  # ids are numbers: written as their text, as the CLI does
    clean_dataframe(df, column="text", mode="text").write.parquet(str(tmp_path / "out"))
    records = sorted(without(pq.read_table(tmp_path / "out").to_pylist(), "source"), key=lambda row: row["id"])
    assert records == sorted(without(reference["text_jsonl"], "source"), key=lambda row: row["id"])
