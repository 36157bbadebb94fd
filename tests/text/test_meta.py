"""Headline, byline, dateline and published date from the lines of a dump."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.text.meta import DumpMeta, _site, extract_metadata

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
GOLD: dict[str, dict[str, Any]] = {
    row["file"]: row for row in map(json.loads, (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines())
}
ARABIC_DATE = "\u0662\u0660\u0662\u0665-\u0660\u0665-\u0662\u0669"  # 2025-05-29 in Arabic-Indic digits
PARAGRAPH = (
    "The ministry said on Tuesday that the talks had been constructive and that both sides would meet "
    "again next month to settle the remaining questions about trade, transport and energy."
)


def seed(name: str) -> tuple[list[str], dict[str, Any]]:
    return (SEEDS / name).read_text(encoding="utf-8").split("\n"), GOLD[name]


def body_from(lines: list[str], numbers: set[int]) -> list[bool]:
    """Body flags from 1-based line numbers."""
    return [i + 1 in numbers for i in range(len(lines))]


def meta_of(lines: list[str], body_lines: set[int] | None = None, **kwargs: Any) -> DumpMeta:
    """Metadata of made-up lines; by default every line of 12 words or more is body."""
    body = [len(line.split()) >= 12 for line in lines] if body_lines is None else body_from(lines, body_lines)
    return extract_metadata(lines, body, **kwargs)


def test_every_seed_has_gold() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(GOLD)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_matches_gold(name: str) -> None:
    lines, gold = seed(name)
    meta = extract_metadata(lines, body_from(lines, set(gold["body"])))
    assert meta.title == gold["title"]
    assert meta.title_line == gold["title_line"] - 1
    assert meta.author == gold["author"]
    assert meta.published == gold["published"]
    assert meta.dateline == gold["dateline"]
    title_text = lines[gold["title_line"] - 1].strip()
    repeats = {i for i, line in enumerate(lines) if line.strip() == title_text}
    assert {n - 1 for n in gold["meta"]} | repeats <= meta.meta_lines
    assert not meta.meta_lines & {n - 1 for n in gold["body"]}


@pytest.mark.parametrize("name", sorted(GOLD))
@pytest.mark.parametrize("variant", ["title marked body", "meta marked body", "first paragraph missed", "all"])
def test_seed_title_survives_classifier_mistakes(name: str, variant: str) -> None:
    lines, gold = seed(name)
    body = set(gold["body"])
    if variant == "title marked body":
        body.add(gold["title_line"])
    elif variant == "meta marked body":
        body |= set(gold["meta"])
    elif variant == "first paragraph missed":
        body.discard(min(body))
    else:
        body = set(range(1, len(lines) + 1))
    meta = extract_metadata(lines, body_from(lines, body))
    assert (meta.title, meta.title_line) == (gold["title"], gold["title_line"] - 1)
    assert meta.published == gold["published"]
    assert meta.author == gold["author"]


def test_numpy_flags_from_the_classifier() -> None:
    lines, gold = seed("002_4616463ad3ebad02.txt")
    body = np.zeros(len(lines), dtype=bool)
    body[[n - 1 for n in gold["body"]]] = True
    assert extract_metadata(lines, body).title == gold["title"]


def test_site_from_url_and_from_news_desk() -> None:
    lines, gold = seed("002_4616463ad3ebad02.txt")
    body = body_from(lines, set(gold["body"]))
    assert extract_metadata(lines, body).site == "Devdiscourse"
    assert extract_metadata(lines, body, url="https://www.devdiscourse.com/article/x").site == "devdiscourse.com"
    assert extract_metadata(lines, body, url="http://[::1").site == "Devdiscourse"


@pytest.mark.parametrize(
    "url",
    [
        " https://WWW.Example.COM/a?b#c ",
        "HTTP://example.com",
        "http://example.com?x=1",
        "https://user@example.com/",
        "https://example.com:8080/",
        "https://exa\tmple.com/",
        "https://[::1]/",
        "ftp://example.com/",
        "https:///path",
        "https://éxample.com/",
    ],
)
def test_site_host_as_urlsplit_reads_it(url: str) -> None:
    host = urlsplit(url.strip()).hostname
    assert _site(url, None) == (host.removeprefix("www.") if host else None)


def test_english_byline_and_date() -> None:
    lines = [
        "Home",
        "World",
        "",
        "Ministers Agree to Meet Again Next Month",
        "By Jane Doe",
        "May 29, 2025",
        "",
        PARAGRAPH,
        "",
        PARAGRAPH,
    ]
    meta = meta_of(lines)
    assert (meta.title, meta.title_line) == ("Ministers Agree to Meet Again Next Month", 3)
    assert meta.author == "Jane Doe"
    assert meta.published == "2025-05-29"
    assert {3, 4, 5} <= meta.meta_lines
    assert not meta.meta_lines & {7, 9}


def test_german_byline_and_date() -> None:
    lines = [
        "Startseite",
        "Politik",
        "Regierung einigt sich auf neuen Haushalt",
        "Von Max Mustermann",
        "19.10.2019, 14:30 Uhr",
        "Die Koalition hat sich nach langen Verhandlungen am Wochenende auf den "
        "Haushalt für das kommende Jahr geeinigt, teilte ein Sprecher mit.",
    ]
    meta = meta_of(lines)
    assert meta.title == "Regierung einigt sich auf neuen Haushalt"
    assert meta.author == "Max Mustermann"
    assert meta.published == "2019-10-19T14:30:00"
    assert {2, 3, 4} <= meta.meta_lines
    assert (
        meta_of(
            ["Mehr zum Thema", "19. Oktober 2019", "Wahl in Thüringen: Ergebnisse im Überblick", PARAGRAPH]
        ).published
        == "2019-10-19"
    )


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("BY JANE DOE | May 29, 2025", "JANE DOE"),
        ("By Jane Doe, Reuters", "Jane Doe"),
        ("By Jane Doe - Updated May 30, 2025 10:00 am EDT", "Jane Doe"),
        ("Author: Jane van der Berg", "Jane van der Berg"),
        ("Von Max Mustermann, dpa", "Max Mustermann"),
        ("Autorin: Erika Musterfrau", "Erika Musterfrau"),
        ("Reuters Staff | Updated: 29.05.2025", "Reuters Staff"),
        ("By the end of the year, most of the troops had gone home.", None),
        ("By Monday, Ukraine had lost three villages near the border.", None),
        ("Von Berlin aus fuhr der Zug weiter nach Hamburg.", None),
        ("By fostering stronger ties, Russia ensures a steady flow of support", None),
        ("World | May 29, 2025", None),
        ("Home | World | Asia", None),
        ("Home | By Jane Doe | May 29, 2025", "Jane Doe"),
        ("Posted on May 29, 2025 by Jane Doe", "Jane Doe"),
        ("by Logan C. Ritchie November 8, 2023 | 6:03 pm", "Logan C. Ritchie"),
        ("Von Claudia Riedler 19. Oktober 2019 00:04 Uhr", "Claudia Riedler"),
        ("Verfasst von: Max Mustermann | 31. Dezember 2008", "Max Mustermann"),
        ("Accueil | Par Loïc Le Clerc | 30 septembre 2018", "Loïc Le Clerc"),
        ("Por Adriano Fernandes | 4 de mayo de 2022 20:36", "Adriano Fernandes"),
        ("By Theresa May", "Theresa May"),
        ("Author: Bebs", "Bebs"),
        ("By Invitation", None),  # a one-word name needs a label or a date
        ("Romana von Mengershausen 20. November 2018", None),  # "von" inside a name
        ("Nachricht | 30.10.2021", None),
    ],
)
def test_bylines(byline: str, author: str | None) -> None:
    lines = ["Ministers Agree to Meet Again Next Month", byline, PARAGRAPH]
    meta = meta_of(lines, {3})
    assert meta.author == author
    assert meta.title_line == 0
    if author is not None:
        assert 1 in meta.meta_lines


def test_body_sentence_starting_with_by_stays_body() -> None:
    lines = [
        "Ministers Agree to Meet Again Next Month",
        "",
        PARAGRAPH,
        "By the end of the year, most of the troops had gone home, officials said.",
    ]
    meta = meta_of(lines, {3, 4})
    assert meta.author is None
    assert 3 not in meta.meta_lines


def test_byline_with_dateline_prefers_created_over_updated() -> None:
    lines = [
        "Talks Resume in Geneva After Long Pause",
        "News Desk | Geneva | Updated: 06-06-2025 10:00 IST | Created: 05-06-2025 09:30 IST",
        PARAGRAPH,
    ]
    meta = meta_of(lines, {3})
    assert (meta.author, meta.dateline) == ("News Desk", "Geneva")
    assert meta.published == "2025-06-05T09:30:00+05:30"


def test_published_label_beats_updated_and_plain_dates() -> None:
    lines = [
        "Updated: June 2, 2025",
        "Talks Resume in Geneva After Long Pause",
        "Published: June 1, 2025",
        PARAGRAPH,
    ]
    meta = meta_of(lines)
    assert meta.published == "2025-06-01"
    assert {0, 2} <= meta.meta_lines


def test_dates_in_running_text_are_not_header_dates() -> None:
    lines = [
        "Talks Resume in Geneva After Long Pause",
        PARAGRAPH + " The report was published on May 3, 2024.",
    ]
    assert meta_of(lines).published is None


def test_dateline_only_line() -> None:
    lines = ["Talks Resume in Geneva After Long Pause", "GENEVA (Reuters) -", PARAGRAPH]
    meta = meta_of(lines, {3})
    assert meta.dateline == "GENEVA"
    assert 1 in meta.meta_lines


def test_repeated_headline_and_page_title_are_meta() -> None:
    title = "Talks Resume in Geneva After Long Pause"
    lines = [f"{title} | Example News", "Menu", title, "Caption of a photo", title, PARAGRAPH]
    meta = meta_of(lines, {6})
    assert (meta.title, meta.title_line) == (title, 2)
    assert {0, 2, 4} <= meta.meta_lines


def test_curly_quotes_are_dropped_from_the_title() -> None:
    meta = meta_of(["“Talks Resume in Geneva After Long Pause”", PARAGRAPH])
    assert meta.title == "Talks Resume in Geneva After Long Pause"
    assert meta_of(["„Gespräche in Genf gehen nach langer Pause weiter“", PARAGRAPH]).title == (
        "Gespräche in Genf gehen nach langer Pause weiter"
    )
    assert meta_of(["“Yes” Wins the Vote, Says “No” Camp", PARAGRAPH]).title == "“Yes” Wins the Vote, Says “No” Camp"


def test_headline_marked_as_body_is_taken() -> None:
    lines = ["Menu", "Talks Resume in Geneva After Long Pause", PARAGRAPH]
    meta = meta_of(lines, {2, 3})
    assert meta.title_line == 1


def test_headline_ending_in_an_abbreviation() -> None:
    meta = meta_of(["Massive Roblox Outage Leaves Gamers Frustrated Across the U.S.", PARAGRAPH])
    assert meta.title == "Massive Roblox Outage Leaves Gamers Frustrated Across the U.S."


@pytest.mark.parametrize(
    "line",
    [
        "Hi, what are you looking for?",
        "Photo from Google",
        "Read also: Talks resume in Geneva",
        "This image is AI-generated and does not depict any real event.",
        "• Talks resume in Geneva after a long pause",
        "Home » World » Talks Resume",
        "Thursday, 29 May 2025",
        "By Jane Doe",
        "Short",
        "Related posts",
        "Teaser text that trails off into an ellipsis…",
        "1234 5678 9012 3456",
        "Share to Twitter",
        "tweet share Reddit Pocket Flipboard Email",
        "US & Canada",
        "Ayn Rand, Rand Paul (Credit: AP/Manuel Balce Ceneta)",
        "Prime Minister at the Western Wall in Jerusalem Getty Images",
        "Home › Politik › Ausland",
        "Topics: uber, libertarians, sharing economy",
    ],
)
def test_furniture_is_not_a_headline(line: str) -> None:
    assert meta_of([line, PARAGRAPH]).title is None


def test_subheading_below_running_text_is_not_the_headline() -> None:
    lines = [
        "Talks Resume in Geneva After Long Pause",
        "",
        PARAGRAPH,
        "",
        "What Comes Next for the Region",
        "",
        PARAGRAPH,
    ]
    meta = meta_of(lines, {7})
    assert meta.title_line == 0


def test_headline_far_above_the_body_is_not_taken() -> None:
    lines = ["Talks Resume in Geneva", *(f"Section {i}" for i in range(25)), PARAGRAPH]
    assert meta_of(lines).title is None


def test_menu_labels_that_repeat_do_not_beat_the_headline() -> None:
    lines = ["US & Canada", "US & Canada", "Share Tweet Share", "Talks Resume in Geneva After Long Pause",
             "Share Tweet Share", "10 April 2020", PARAGRAPH]  # fmt: skip
    meta = meta_of(lines)
    assert meta.title_line == 3
    assert meta.published == "2020-04-10"


def test_headline_before_standfirst_and_byline() -> None:
    lines = ["1. News", "The seven secrets that hotel owners don't want you to know",
             "Hotel bosses spill the beans on cost cutting and horrible hygiene", "• Hazel Sheffield",
             "• Friday 25 December 2015", PARAGRAPH]  # fmt: skip
    meta = meta_of(lines)
    assert meta.title_line == 1
    assert meta.published == "2015-12-25"


def test_page_title_at_the_top_marks_the_headline() -> None:
    title = "Talks Resume in Geneva After Long Pause"
    lines = [f"{title} | Example News", "Home", "Ministers Meet", "Reader Favourites Today", title, PARAGRAPH]
    meta = meta_of(lines)
    assert meta.title_line == 4
    assert 0 in meta.meta_lines


def test_date_below_the_lead_is_found() -> None:
    lines = ["Talks Resume in Geneva After Long Pause", PARAGRAPH, "", "Jane Doe", "", "4 de mayo de 2022",
             PARAGRAPH]  # fmt: skip
    meta = meta_of(lines)
    assert meta.published == "2022-05-04"
    assert 5 in meta.meta_lines


def test_text_that_grows_in_lowercase() -> None:
    lines = ["Talks Resume İn Geneva Today", PARAGRAPH, "0 0 0::::::İ"]
    assert meta_of(lines).title_line == 0
    assert extract_metadata(["0 0 0::::::İ"], [True]).title_line in (None, 0)


def test_doubled_w3m_text_is_taken_once() -> None:
    meta = meta_of(["Saftiger Zitronenkuchen vom BlechSaftiger Zitronenkuchen vom Blech", PARAGRAPH])
    assert meta.title == "Saftiger Zitronenkuchen vom Blech"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=80), max_size=40),
    st.lists(st.booleans(), max_size=40),
)
def test_any_lines_and_flags_give_a_result(lines: list[str], body: list[bool]) -> None:
    meta = extract_metadata(lines, body)
    assert all(0 <= i < len(lines) for i in meta.meta_lines)
    assert (meta.title is None) == (meta.title_line is None)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", "Menu", "Talks Resume in Geneva", "By Jane Doe", "29 May 2025", PARAGRAPH]), max_size=40
    ),
    st.lists(st.booleans(), max_size=50),
)
def test_numpy_flags_read_as_the_same_bools(lines: list[str], body: list[bool]) -> None:
    """The classifier's array (whose marked lines are read with ``nonzero``) and a list give the same result,
    flags past the last line included."""
    assert extract_metadata(lines, np.array(body, dtype=bool)) == extract_metadata(lines, body)


def test_without_body_only_a_repeated_headline_is_taken() -> None:
    title = "Talks Resume in Geneva After Long Pause"
    assert meta_of([title, "Menu"], set()).title is None
    assert meta_of([title, "Menu", title], set()).title_line == 0


@pytest.mark.parametrize(
    ("lines", "body"),
    [
        ([], []),
        ([""], [False]),
        (["", "  ", "\t"], [True, True, True]),
        (["x"], []),  # flags shorter than the lines
        ([], [True]),
        (
            [
                "\x00\ufffd\u200b",
                "🗞️🗞️🗞️ 📰 📰",
                ARABIC_DATE + " \u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u062e\u0628\u0631",
                "\u202e reversed text here",
            ],
            [False, True, True, True],
        ),
        (["By", "By:", "Von", "Author:", "| | |", "“”", "“", "SEOUL -", "(", "...."], [True] * 10),
        (["a\nBy x"], [True]),  # line breaks inside lines
        (["x", "Talks Resume in Geneva After Long Pause\nBy Jane Doe", "29 May\n2025"], [True, True, False]),
        (["İstanbul Talks Resume Again Today", "istanbul talks resume again today", PARAGRAPH], [False, False, True]),
        (["x" * 100_000, "By " + "Jane " * 50_000, "29 May 2025 " * 10_000], [False, True, True]),
        (["Headline Words Here Now " * 5_000, PARAGRAPH * 1000], [False, True]),
    ],
)
def test_odd_input_does_not_raise(lines: list[str], body: list[bool]) -> None:
    meta = extract_metadata(lines, body, url="not a url")
    assert isinstance(meta, DumpMeta)
    assert all(0 <= i < len(lines) for i in meta.meta_lines)
    if meta.title is not None:
        assert meta.title_line is not None and meta.title


def test_a_line_break_inside_a_line_reads_as_a_space() -> None:
    lines = ["Menu", "Talks Resume in Geneva\nAfter Long Pause", "By Jane Doe", "May 29,\n2025", PARAGRAPH]
    meta = meta_of(lines, {5})
    assert (meta.title, meta.title_line) == ("Talks Resume in Geneva After Long Pause", 1)
    assert (meta.author, meta.published) == ("Jane Doe", "2025-05-29")
