"""The five seed dumps newsclean was started from, against their hand annotation (tests/fixtures/seeds).

Every gold body line must be kept, every gold boilerplate line dropped, and title and published date must
be as annotated. Runs from a clone alone; no corpus needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean import Label, Options, clean_text

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLD = [json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
# Known gap of the generic classifier (site rules off), closed by the devdiscourse rule: an image disclaimer.
KNOWN_KEPT_BOILERPLATE = {("003_ee075fbc00a359f0.txt", 9)}


def _labels(gold: dict, *, site_rules: bool = True) -> dict[int, Label]:
    text = (SEEDS / gold["file"]).read_text(encoding="utf-8")
    article = clean_text(text, options=Options(explain=True, site_rules=site_rules))
    return {d.index + 1: d.label for d in article.decisions}


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_every_body_line_is_kept(gold: dict) -> None:
    labels = _labels(gold)
    missed = [n for n in gold["body"] if labels[n] is not Label.CONTENT]
    assert not missed, f"body lines dropped: {missed}"


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_every_boilerplate_line_is_dropped(gold: dict) -> None:
    labels = _labels(gold)
    kept = [n for n in gold["boilerplate"] if labels[n] is Label.CONTENT]
    known = [n for n in kept if (gold["file"], n) in KNOWN_KEPT_BOILERPLATE]
    assert kept == known, f"boilerplate lines kept: {sorted(set(kept) - set(known))}"


@pytest.mark.xfail(strict=True, reason="image disclaimer under the headline reads as body to the generic model")
def test_known_gap_image_disclaimer() -> None:
    gold = next(g for g in GOLD if g["file"] == "003_ee075fbc00a359f0.txt")
    assert _labels(gold, site_rules=False)[9] is not Label.CONTENT


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_title_author_and_date_are_as_annotated(gold: dict) -> None:
    article = clean_text((SEEDS / gold["file"]).read_text(encoding="utf-8"))
    assert article.title == gold["title"]
    assert article.published == gold["published"]
    assert article.author == gold["author"]
    assert article.text.strip()
    assert gold["title"] not in article.text.split("\n")
