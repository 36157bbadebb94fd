"""newsclean as a datatrove pipeline step (the ``datatrove`` extra).

:class:`NewsCleanStep` cleans each ``Document.text`` (a page's HTML, or a text dump) into the article
body and puts the rest of the record (title, author, published, language, status…) on
``Document.metadata``, so it runs after datatrove's WARC or JSON-lines readers, on its Local, Slurm or Ray
executors, as any other step does::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.datatrove import NewsCleanStep

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), NewsCleanStep(mode="html"), JsonlWriter("clean/")], tasks=8, workers=2
    ).run()
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from .arrow import Mode, clean_batch, pa, text_or_none
from .io.optional import require
from .options import Options

PipelineStep: Any = require("datatrove.pipeline.base", purpose="datatrove pipelines", extra="datatrove").PipelineStep

BATCH_DOCUMENTS = 32  # documents cleaned together (pages' blocks are scored in batches)
# Fields of the record that are not metadata: the body replaces Document.text, the id is Document.id.
_NOT_METADATA = ("text", "id")


class NewsCleanStep(PipelineStep):
    """Clean every document's text with newsclean.

    ``mode`` says what ``Document.text`` holds: ``"html"`` (as datatrove's ``WarcReader`` gives) or
    ``"text"``. The page's URL is read from ``metadata["url"]`` and its fetch date from
    ``metadata["date"]``. With ``drop_empty`` a document whose record is not ``ok`` (empty, not an article,
    an error) is dropped and counted under its status; otherwise it goes on with an empty text.
    """

    name = "📰 newsclean"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        mode: Mode | str = Mode.HTML,
        drop_empty: bool = True,
        options: Options | None = None,
        batch_size: int = BATCH_DOCUMENTS,
    ) -> None:
        super().__init__()
        self.mode = Mode(mode)
        if self.mode is Mode.AUTO:
            raise ValueError("NewsCleanStep mode is 'html' or 'text'")
        self.drop_empty = drop_empty
        self.options = options or Options()
        self.batch_size = batch_size

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        documents = iter(data or ())
        while chunk := list(islice(documents, self.batch_size)):
            with self.track_time(unit="batch"):
                records = clean_batch(_batch(chunk), column="content", mode=self.mode, options=self.options)
            for document, record in zip(chunk, records.to_pylist(), strict=True):
                self.stat_update(record["status"])
                if self.drop_empty and record["status"] != "ok":
                    self.stat_update("dropped")
                    continue
                document.text = record["text"]
                document.metadata.update((k, v) for k, v in record.items() if k not in _NOT_METADATA)
                self.update_doc_stats(document)
                yield document


def _batch(documents: list[Any]) -> Any:
    """The documents as the columns clean_batch reads."""

    def metadata(name: str) -> list[Any]:
        return [text_or_none(d.metadata.get(name)) for d in documents]

    return pa.record_batch(
        {
            "content": pa.array([d.text for d in documents], pa.string()),
            "id": pa.array([text_or_none(d.id) for d in documents], pa.string()),
            "url": pa.array(metadata("url"), pa.string()),
            "fetched": pa.array(metadata("date"), pa.string()),
            "source": pa.array(metadata("file_path"), pa.string()),
        }
    )
