"""The one-pass search for the words site rules need: the compiled loop against ``in``, and the rule-set
questions built on it against their plain definitions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.sites import RuleSet, apply, literal, parse_rule
from newsclean.sites.literal import may_match_enough, may_match_unprepared, present

needs_compiled = pytest.mark.skipif(literal._compiled_present is None, reason="the compiled search is not built")

# Few letters, so that needles are often found, overlap and sit at the ends of the text; characters of
# every str storage kind (Latin-1, two bytes, four bytes).
CHARS = st.sampled_from("abAB @.\né中\U0001f600")
TEXTS = st.text(CHARS, max_size=60)
NEEDLES = st.lists(st.text(CHARS, max_size=5), max_size=12)


def plain(text: str, needles: list[str]) -> int:
    return sum(1 << i for i, needle in enumerate(needles) if needle in text)


@needs_compiled
@given(TEXTS, NEEDLES)
@settings(max_examples=500, deadline=None)
def test_compiled_present_is_in(text: str, needles: list[str]) -> None:
    assert present(text, needles) == plain(text, needles) == present(text, needles, compiled=False)
    first = present(text, needles, first=True)
    assert (first != 0) == (plain(text, needles) != 0)
    assert first & ~plain(text, needles) == 0


def test_present_without_the_compiled_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(literal, "_compiled_present", None)
    assert present("Advertisement here", ("here", "Anzeige", "Adv", "")) == 0b1101
    assert present("Advertisement here", ("Anzeige", "here", "Adv"), first=True) == 0b10


@pytest.mark.parametrize("count", [64, 65])
def test_many_needles(count: int) -> None:
    needles = [f"w{i:03d}" for i in range(count)]
    text = " ".join(needles[::3]) + " 中"
    assert present(text, needles) == plain(text, needles)


@needs_compiled
def test_needles_at_the_ends_and_longer_than_the_text() -> None:
    text = "info@devdiscourse.com and the end"
    needles = ("info@devdiscourse.com", "the end", "end!", text + "x", "d", "中文")
    assert present(text, needles) == plain(text, list(needles)) == 0b10011
    assert present("", needles) == 0


WORDS = st.sampled_from(["Connect", "with", "us", "Leave", "a", "Reply", "News", "Desk", "x"])
PATTERNS = ["^Connect with us$", "^Leave a Reply$", r"^News Desk \| ", "Reply", "^[A-Z]+$", "us"]


@given(st.lists(WORDS | st.just("\n"), max_size=30), st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=4),
       st.integers(1, 3))
@settings(max_examples=300, deadline=None)
def test_may_match_enough_counts_may_match_unprepared(words: list[str], chosen: list[str], need: int) -> None:
    dump = " ".join(words)
    patterns = tuple(re.compile(p, re.MULTILINE) for p in chosen)
    expected = sum(may_match_unprepared(p, dump) for p in patterns) >= need
    assert may_match_enough(((patterns, need),), dump) == expected
    assert may_match_enough(((patterns[:1], need + 5), (patterns, need)), dump) == expected


def test_may_claim_without_the_compiled_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    family = parse_rule({"rule": {"name": "family"}, "match": {"text": ["^Connect with us$", "^Leave a Reply$"],
                                                               "min_text": 2}}, "c")
    rules = RuleSet((family,))
    pages = ["Connect with\nus\nLeave a Reply", "Connect with us", "Leave a Reply\nConnect", ""]
    compiled = [rules.may_claim(page) for page in pages]
    monkeypatch.setattr(literal, "_compiled_present", None)
    assert [rules.may_claim(page) for page in pages] == compiled == [True, False, False, False]


LINE_WORDS = st.sampled_from(["Advertisement", "ADVERTISEMENT", "Skip to", "content", "main", "  ", "\t", "x", "ad"])


@given(st.lists(st.lists(LINE_WORDS, max_size=4).map(" ".join), min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_rules_of_patterns_alone_judge_lines_as_the_general_path(lines: list[str]) -> None:
    rule = parse_rule({"rule": {"name": "p"}, "dump": {
        "drop_patterns": ["^Advertisement$", "^Skip to (?:main )?content$", "ADVERTISEMENT"],
        "keep_patterns": ["^ADVERTISEMENT x$"]}}, "<test>")
    assert apply._pattern_literals(rule.dump) is not None
    fast = apply.apply_rule(rule, lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(apply, "_pattern_literals", lambda dump: None)
        general = apply.apply_rule(rule, lines)
    assert fast.actions == general.actions and fast.meta == general.meta
    assert fast.drop.tolist() == general.drop.tolist() and fast.keep.tolist() == general.keep.tolist()
