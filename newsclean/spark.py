"""newsclean on Spark (the ``spark`` extra): clean a DataFrame column, and read WARC files in the workers.

Both are ``mapInArrow`` over :mod:`newsclean.arrow`, so the records are those ``newsclean clean`` writes
(schema :data:`~newsclean.arrow.RECORD_SCHEMA`), on a laptop's ``local[*]`` session as on a cluster::

    from pyspark.sql import SparkSession
    from newsclean.spark import clean_dataframe, read_warc

    spark = SparkSession.builder.master("local[*]").getOrCreate()
    pages = read_warc(spark, ["crawl/part-0.warc.gz", "crawl/part-1.warc.gz"])
    clean_dataframe(pages, column="content", mode="auto").write.parquet("clean.parquet")

The workers need newsclean installed (and the WARC files readable at the paths given: a shared file
system, or URLs that fsspec opens, such as ``s3://…`` with s3fs).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .arrow import DOCUMENT_SCHEMA, RECORD_SCHEMA, WARC_BATCH_ROWS, Mode, clean_batch, read_warc_batches
from .io.optional import require
from .options import Options

require("pyspark", purpose="Spark DataFrames", extra="spark")


def spark_schema(schema: Any) -> str:
    """A pyarrow schema of string and binary columns as a Spark DDL string."""
    types = {"string": "string", "binary": "binary"}
    return ", ".join(f"`{field.name}` {types[str(field.type)]}" for field in schema)


def clean_dataframe(
    df: Any,
    column: str = "html",
    mode: Mode | str = Mode.HTML,
    *,
    url_column: str = "url",
    id_column: str = "id",
    options: Options | None = None,
) -> Any:
    """One record per row of ``df`` (a ``pyspark.sql.DataFrame``), with the columns of
    :data:`~newsclean.arrow.RECORD_SCHEMA`; the arguments are those of :func:`newsclean.arrow.clean_batch`."""
    mode = Mode(mode)
    options = options or Options()

    def clean(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield clean_batch(
                batch, column=column, mode=mode, url_column=url_column, id_column=id_column, options=options
            )

    return df.mapInArrow(clean, spark_schema(RECORD_SCHEMA))


def read_warc(spark: Any, paths: Sequence[str], *, batch_rows: int = WARC_BATCH_ROWS) -> Any:
    """The documents of the WARC (or WET) files at ``paths`` as a DataFrame with the columns of
    :data:`~newsclean.arrow.DOCUMENT_SCHEMA` (``content`` is binary; ``kind`` says html or text); each
    file is read inside a worker, one partition a file. Clean it with
    ``clean_dataframe(df, column="content", mode="auto")``."""
    paths = [str(path) for path in paths]
    rows = spark.sparkContext.parallelize([(path,) for path in paths], max(len(paths), 1))

    def read(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            for path in batch.column("path").to_pylist():
                yield from read_warc_batches(path, batch_rows=batch_rows)

    return spark.createDataFrame(rows, "path string").mapInArrow(read, spark_schema(DOCUMENT_SCHEMA))
