"""Made-up dumps for the run tests: the seed pages repeated with varied ids, and corrupt lines."""

from __future__ import annotations

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def jsonl_dump(path: Path, records: int, *, corrupt_every: int = 0) -> Path:
    """``records`` lines of ``{"id", "url", "text"}``; every ``corrupt_every``-th line is broken JSON."""
    texts = seed_texts()
    with path.open("wb") as stream:
        for k in range(records):
            if corrupt_every and k % corrupt_every == corrupt_every - 1:
                stream.write(b'{"id": "broken-%d", "text": \n' % k)
                continue
            text = texts[k % len(texts)] + f"\nStory number {k} ends here with its own closing sentence.\n"
            record = {"id": f"doc-{k}", "url": f"https://news{k % 7}.example.com/{k}", "text": text}
            stream.write(json.dumps(record).encode("utf-8") + b"\n")
    return path
