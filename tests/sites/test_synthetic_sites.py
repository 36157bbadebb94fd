"""Learning and batch memory on sites synthesised from corpus pages (see ``benchmarks/sites.py``).

Ten sites, each one template (header, menus, teasers, footer of one readability dump) around twenty other
pages' article lines. Needs the development corpus; skipped without it.
"""

from __future__ import annotations

import pytest

from benchmarks import corpus

pytestmark = pytest.mark.skipif(not corpus.available(), reason=f"development corpus not found ({corpus.CORPUS})")


@pytest.fixture(scope="module")
def sites() -> list:
    from benchmarks.sites import synthesise

    found = synthesise(10, 20, "htmltext", seed=0)
    assert len(found) == 10 and all(len(s.pages) == 20 for s in found)
    return found


def test_learned_rules_remove_template_and_no_article_line(sites: list) -> None:
    from benchmarks.sites import learning

    summary = learning(sites)["summary"]
    for mode in ("all pages", "held-out half"):
        assert summary[mode]["template removed share"] >= 0.95, mode
        assert summary[mode]["article lines removed"] == 0, mode


def test_batch_memory_raises_dump_f1(sites: list) -> None:
    from benchmarks.sites import batch_f1

    rows = batch_f1(sites)
    off = rows["memory off"]["F1"]
    assert rows["memory on, two-pass list"]["F1"] >= off + 0.01
    assert rows["memory on, stream"]["F1"] >= off + 0.01
