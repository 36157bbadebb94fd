"""newsclean on Dask (the ``dask`` extra): clean a bag of records, partition by partition.

>>> import dask.bag as db
>>> from newsclean.dask import clean_bag
>>> pages = db.read_text("pages-*.jsonl").map(json.loads)  # doctest: +SKIP
>>> clean_bag(pages, field="html").map(json.dumps).to_textfiles("clean-*.jsonl")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .arrow import Mode, clean_batch, pa, text_or_none
from .io.optional import require
from .options import Options

require("dask.bag", purpose="Dask bags", extra="dask")

# Fields read from each record besides the content, as clean_batch reads its columns.
_PASSED = ("source", "fetched", "charset", "kind")


def clean_bag(
    bag: Any,
    field: str = "html",
    mode: Mode | str = Mode.HTML,
    *,
    url_field: str = "url",
    id_field: str = "id",
    options: Options | None = None,
) -> Any:
    """A bag of output records (dicts with the columns of :data:`~newsclean.arrow.RECORD_SCHEMA`), one per
    record of ``bag`` (dicts), in order; ``field`` holds the page's HTML or the dump, as ``mode`` says."""
    mode = Mode(mode)
    options = options or Options()

    def clean(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        rows = list(records)
        if not rows:
            return []
        columns = {name: pa.array([text_or_none(row.get(name)) for row in rows], pa.string()) for name in _PASSED}
        columns[id_field] = pa.array([text_or_none(row.get(id_field)) for row in rows], pa.string())
        columns[url_field] = pa.array([row.get(url_field) for row in rows])
        columns[field] = pa.array([row.get(field) for row in rows])
        batch = pa.record_batch(columns)
        cleaned = clean_batch(batch, column=field, mode=mode, url_column=url_field, id_column=id_field, options=options)
        rows_out: list[dict[str, Any]] = cleaned.to_pylist()
        return rows_out

    return bag.map_partitions(clean)
