"""Rule files: the shipped ones load; every kind of mistake gives one error naming file, key and expectation."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.sites import SHIPPED, RuleError, SelectorKind, load_rule_file, load_rules
from newsclean.sites.ruleset import reload_rules

GOOD = """
[rule]
name = "example"
[match]
domains = ["example.com"]
text = ['^Example Desk \\|', 'Subscribe to Example']
min_text = 1
[dump]
drop = ["Share this"]
drop_patterns = ['^Photo: ']
end_before = ['^More stories$']
[[dump.skip]]
after = '^By '
until = '\\.$'
[html]
root = "article .body"
remove = ["//aside", "div.share"]
"""


def write(tmp_path: Path, text: str, name: str = "rule.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_rules_load() -> None:
    names = [rule.name for rule in load_rules().rules]
    assert sorted(names) == ["common", "devdiscourse", "worldmagzine", "wp-news-theme"]
    assert {p.stem for p in SHIPPED.glob("*.toml")} == set(names)


def test_a_good_file_loads_into_typed_values(tmp_path: Path) -> None:
    rule = load_rule_file(write(tmp_path, GOOD))
    assert rule.name == "example"
    assert rule.match.domains == ("example.com",)
    assert rule.dump.drop == frozenset({"share this"})
    assert rule.dump.skip[0].max_lines == 8
    assert [s.kind for s in rule.html.remove] == [SelectorKind.XPATH, SelectorKind.CSS]
    assert rule.html.root is not None and rule.html.root.kind is SelectorKind.CSS


BAD = [
    # (what is wrong, file text, key named, words of the expectation)
    ("not toml", "[rule\nname = 'x'", None, "valid TOML"),
    ("no rule table", "[match]\ndomains = ['a.com']", "rule", "[rule] table"),
    ("bad name", "[rule]\nname = 'Has Spaces'", "rule.name", "rule name"),
    ("unknown table", "[rule]\nname = 'x'\n[matches]\ndomains = []", "matches", "known table"),
    ("unknown key", "[rule]\nname = 'x'\n[dump]\ndorp = ['a']", "dump.dorp", "known key"),
    ("table expected", "rule = 'x'", "rule", "a table"),
    ("array expected", "[rule]\nname = 'x'\n[dump]\ndrop = 'Share'", "dump.drop", "an array"),
    ("array item type", "[rule]\nname = 'x'\n[dump]\ndrop = ['ok', 3]", "dump.drop[1]", "line of text"),
    ("bad regex", "[rule]\nname = 'x'\n[dump]\ndrop_patterns = ['(unclosed']", "dump.drop_patterns[0]",
     "valid regular expression"),
    ("bad domain", "[rule]\nname = 'x'\n[match]\ndomains = ['https://a.com/']", "match.domains[0]", "host name"),
    ("min_text range", "[rule]\nname = 'x'\n[match]\ntext = ['a']\nmin_text = 2", "match.min_text",
     "from 1 to the 1"),
    ("bool expected", "[rule]\nname = 'x'\n[match]\nfallback = 'yes'", "match.fallback", "true or false"),
    ("int expected", "[rule]\nname = 'x'\n[dump]\nmin_words_before_end = true", "dump.min_words_before_end",
     "whole number"),
    ("skip without until", "[rule]\nname = 'x'\n[[dump.skip]]\nafter = 'a'", "dump.skip[0].until",
     "regular expression"),
    ("skip max_lines", "[rule]\nname = 'x'\n[[dump.skip]]\nafter = 'a'\nuntil = 'b'\nmax_lines = 99",
     "dump.skip[0].max_lines", "from 1 to 50"),
    ("skip unknown key", "[rule]\nname = 'x'\n[[dump.skip]]\nafter = 'a'\nuntill = 'b'", "dump.skip[0].untill",
     "known key"),
    ("skip not tables", "[rule]\nname = 'x'\n[dump]\nskip = ['a']", "dump.skip", "array of tables"),
    ("group name", "[rule]\nname = 'x'\n[dump]\ntitle = '^(?P<headline>.+)$'", "dump.title", "(?P<title>"),
    ("xpath", "[rule]\nname = 'x'\n[html]\nremove = ['//div[@class=']", "html.remove[0]", "XPATH selector"),
    ("css", "[rule]\nname = 'x'\n[html]\nroot = 'div..body['", "html.root", "CSS selector"),
    ("empty selector", "[rule]\nname = 'x'\n[html]\ntitle = ' '", "html.title", "selector"),
]


@pytest.mark.parametrize(("what", "text", "key", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_names_file_key_and_expectation(tmp_path: Path, what: str, text: str, key: str | None,
                                                 expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    error = caught.value
    assert error.path == str(path)
    assert error.key == key
    assert expected in error.expected
    message = str(error)
    assert message.startswith(str(path))
    assert f": {key}: expected " in message if key else ": expected valid TOML" in message


def test_duplicate_names_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path, "[rule]\nname = 'same'", "a.toml")
    second = write(tmp_path, "[rule]\nname = 'same'", "b.toml")
    reload_rules()
    with pytest.raises(RuleError, match=r"a\.toml has it") as caught:
        load_rules([tmp_path])
    assert caught.value.path == str(second)
    assert caught.value.key == "rule.name"


def test_missing_rules_directory(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="directory of rule files"):
        load_rules([tmp_path / "nowhere"])


def test_user_rule_overrides_shipped_rule_of_same_name(tmp_path: Path) -> None:
    write(tmp_path, "[rule]\nname = 'devdiscourse'\n[match]\ndomains = ['devdiscourse.com']", "mine.toml")
    rules = load_rules([tmp_path])
    rule = rules.get("devdiscourse")
    assert rule is not None and rule.path == str(tmp_path / "mine.toml")
    assert [r.name for r in rules.rules].count("devdiscourse") == 1
