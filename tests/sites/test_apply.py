"""Applying a rule to made-up lines, matching pages to rules, and the literal prefilter."""

from __future__ import annotations

import re

import pytest

from newsclean.sites import Action, RuleSet, apply_rule, parse_rule
from newsclean.sites.literal import may_match, may_match_any, required_literal
from newsclean.sites.model import SiteRule
from newsclean.sites.page import Unsettled, rule_from_dump
from newsclean.text.lines import prepare

LONG = "This sentence is the body of the article and it has more than eight words."


def rule(**dump: object) -> object:
    return parse_rule({"rule": {"name": "t"}, "dump": dump}, "<test>")


def actions(lines: list[str], **dump: object) -> list[Action | None]:
    return list(apply_rule(rule(**dump), lines).actions)  # type: ignore[arg-type]


def test_drop_lines_compare_without_case_and_extra_spaces() -> None:
    got = actions(["Share  THIS", LONG, "share this now"], drop=["Share this"])
    assert got == [Action.DROP, None, None]


def test_drop_patterns_search_the_stripped_line() -> None:
    assert actions(["  Photo: AP  ", LONG], drop_patterns=["^Photo: "]) == [Action.PATTERN, None]


def test_start_after_and_start_at() -> None:
    lines = ["Menu", "Search", LONG]
    assert actions(lines, start_after=["^Search$"]) == [Action.BEFORE_START, Action.BEFORE_START, None]
    assert actions(lines, start_at=["^Search$"]) == [Action.BEFORE_START, None, None]


def test_end_marker_needs_body_before_it() -> None:
    lines = ["Related", "Headline", LONG, "", "Related", "Teaser one"]
    assert actions(lines, end_before=["^Related$"]) == [None, None, None, None, Action.END, Action.AFTER_END]
    assert actions(lines, end_before=["^Related$"], min_words_before_end=0)[0] is Action.END


def test_skip_drops_lines_up_to_the_first_matching_one() -> None:
    lines = ["By Desk | Updated", "Caption", "• Country:", "", LONG, "Short tail"]
    got = actions(lines, skip=[{"after": "^By ", "until": r"\.$"}])
    assert got == [None, Action.SKIP, Action.SKIP, None, None, None]


def test_skip_drops_nothing_when_until_is_not_near() -> None:
    lines = ["By Desk", *[f"line {k}" for k in range(5)], LONG]
    assert actions(lines, skip=[{"after": "^By ", "until": r"\.$", "max_lines": 3}]) == [None] * 7


def test_keep_patterns_win() -> None:
    verdict = apply_rule(rule(drop=["(With inputs from agencies.)"], keep_patterns=[r"^\(With inputs"]),
                         [LONG, "(With inputs from agencies.)"])
    assert verdict.keep.tolist() == [False, True]
    assert verdict.drop.tolist() == [False, False]


def test_metadata_from_named_groups() -> None:
    verdict = apply_rule(
        rule(byline=r"^(?P<author>[^|]+) \| (?P<dateline>\w+) \| (?P<date>\d{4}-\d{2}-\d{2})$",
             title=r"^HEADLINE: (?P<title>.+)$"),
        ["HEADLINE: Rain in Spain", "Jane Roe | Madrid | 2025-03-04", LONG],
    )
    meta = verdict.meta
    assert (meta.title, meta.title_line, meta.author, meta.dateline, meta.published) == (
        "Rain in Spain", 0, "Jane Roe", "Madrid", "2025-03-04")
    assert verdict.drop.tolist() == [True, True, False]
    assert verdict.reason(1) == "site rule t: byline"


def make_set() -> RuleSet:
    site = parse_rule({"rule": {"name": "site"}, "match": {"domains": ["example.com"]}}, "a")
    paths = parse_rule({"rule": {"name": "paths"}, "match": {"urls": [r"^https?://[^/]+/blog/"]}}, "b")
    family = parse_rule({"rule": {"name": "family"},
                         "match": {"text": ["^Connect with us$", "^Click to comment$", "^Leave a Reply$"],
                                   "min_text": 2}}, "c")
    fallback = parse_rule({"rule": {"name": "fallback"}, "match": {"fallback": True}}, "d")
    return RuleSet((site, paths, family, fallback))


@pytest.mark.parametrize(
    ("url", "lines", "expected"),
    [
        ("https://www.example.com/a", [], "site"),
        ("https://news.example.com/a", [], "site"),
        ("https://notexample.com/a", [], "fallback"),
        ("https://other.org/blog/post", [], "paths"),
        (None, ["Connect with us", "x", "Leave a Reply"], "family"),
        (None, ["Connect with us", "x"], "fallback"),
        ("https://other.org/news", ["Click to comment", "Leave a Reply"], "family"),
    ],
)
def test_rule_matching(url: str | None, lines: list[str], expected: str) -> None:
    found = make_set().match(lines, url)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    ("url", "dump", "expected"),
    [
        ("https://www.example.com/a", "Connect with us\nLeave a Reply", "site"),
        (None, "Menu\nNews", "fallback"),
        (None, "Connect with us\nx", "fallback"),
        (None, "Connect with us\nx\nLeave a Reply", Unsettled.PREPARE),
        # The words of a fingerprint a converter wrapped over two lines: only the prepared page can tell.
        (None, "Connect\n  with us\nLeave a Reply", Unsettled.PREPARE),
        (None, b"Connect with us\nLeave a Reply", Unsettled.PREPARE),
    ],
)
def test_rule_from_dump_settles_what_the_dump_can_tell(url: str | None, dump: str | bytes, expected: object) -> None:
    found = rule_from_dump(make_set(), dump, url)
    assert (found.name if isinstance(found, SiteRule) else found) == expected


def test_may_claim_never_misses_a_fingerprint_of_the_prepared_page() -> None:
    family = parse_rule({"rule": {"name": "family"}, "match": {"text": ["Connect with us"]}}, "c")
    wrapped = "\n".join(["x" * 70 + " Connect", "with us " + "y" * 70, "z" * 78, "", "Leave a Reply"])
    text, _ = prepare(wrapped)
    assert "Connect with us" not in wrapped and RuleSet((family,)).match_text(text) == family
    assert RuleSet((family,)).may_claim(wrapped)
    assert not RuleSet((family,)).may_claim(wrapped.replace("with", "to"))


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"^Connect with us$", "Connect with us"),
        (r"info@devdiscourse\.com", "info@devdiscourse.com"),
        (r"^(?:READ ALSO|ALSO READ)\s*:", None),
        (r"abcs?", "abc"),
        (r"x{2,3}abc", "abc"),
        (r"(?i)^share$", None),
        (r"^[A-Z][a-z]+$", None),
    ],
)
def test_required_literal(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal
    if literal is not None:
        assert literal in re.sub(r"\\(.)", r"\1", pattern)


@pytest.mark.parametrize(
    "text",
    ["", "nothing here", "an Anzeige below", "ADVERTISEMENT", "the related video", "Advert", "Skip to", "x\nAbc"],
)
def test_may_match_any_is_any_may_match(text: str) -> None:
    patterns = tuple(
        re.compile(p, re.MULTILINE)
        for p in (r"^Advertisement$", r"^ADVERTISEMENT$", r"^Anzeige$", r"related video", r"^Skip to (?:main )?x$")
    )
    for k in range(len(patterns) + 1):
        assert may_match_any(patterns[:k], text) == any(may_match(p, text) for p in patterns[:k])
    no_literal = (*patterns, re.compile(r"^[A-Z][a-z]+$"))
    assert may_match_any(no_literal, text)
