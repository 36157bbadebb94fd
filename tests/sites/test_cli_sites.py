"""``newsclean sites list | check | learn`` and the site-rule options of ``newsclean clean``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean.cli.main import main
from newsclean.sites import load_rule_file
from newsclean.sites.ruleset import reload_rules

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
DEVDISCOURSE = SEEDS / "003_ee075fbc00a359f0.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sites_list_names_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sites", "list")
    assert code == 0
    for name in ("common", "devdiscourse", "worldmagzine", "wp-news-theme"):
        assert any(line.startswith(name) for line in out.splitlines())


def test_sites_check_marks_each_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sites", "check", "devdiscourse", str(DEVDISCOURSE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("rule devdiscourse (matches this page)")
    assert "- TRENDING  [end marker]" in lines
    assert "+ (With inputs from agencies.)  [keep_patterns]" in lines
    assert any(line.startswith("  In a move reflecting") for line in lines)
    assert lines[-1].startswith("-- dropped ") and "author='Devdiscourse News Desk'" in lines[-1]


def test_sites_check_says_when_the_rule_would_not_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sites", "check", "worldmagzine", str(DEVDISCOURSE))
    assert code == 0
    assert out.splitlines()[0].endswith("(not chosen for this page)")


def test_sites_check_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sites", "check", "no-such-rule", str(DEVDISCOURSE))
    assert code == 1
    assert "no rule named 'no-such-rule'" in err


def pages(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for k in range(n):
        body = "\n\n".join(f"Paragraph {j} of story {k} about the {['ferry', 'bridge', 'canal', 'mill'][k % 4]} "
                           f"number {k * 7 + j}, with words {'abcdefgh'[k % 8]}{j}." for j in range(3))
        path = tmp_path / f"page{k}.txt"
        path.write_text(f"Home | News | Sport\nSearch the site\n\n{body}\n\nRead more stories\nAbout us | Contact\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_sites_learn_writes_a_rule_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "rules" / "mysite.toml"
    out_file.parent.mkdir()
    code, _, err = run(capsys, "sites", "learn", *map(str, pages(tmp_path, 6)), "--site", "mysite",
                       "--domain", "example.org", "-o", str(out_file))
    assert code == 0
    assert "learned 4 template lines from 6 dumps" in err
    rule = load_rule_file(out_file)
    assert rule.name == "mysite" and rule.match.domains == ("example.org",)
    reload_rules()
    code, out, _ = run(capsys, "clean", str(tmp_path / "page0.txt"), "--rules", str(out_file.parent), "--rules-only")
    record = json.loads(out)
    assert code == 0
    assert record["rule"] == "mysite"  # no URL: matched by the template lines the rule learned as fingerprints
    assert record["text"].startswith("Paragraph 0 of story 0") and "Read more stories" not in record["text"]
    code, out, _ = run(capsys, "sites", "check", str(out_file), str(tmp_path / "page0.txt"))
    assert code == 0 and "- Search the site  [before start]" in out.splitlines()


def test_sites_learn_needs_two_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sites", "learn", str(pages(tmp_path, 1)[0]), "-o", str(tmp_path / "r.toml"))
    assert code == 1 and "at least two pages" in err


def test_clean_with_a_bad_rules_directory_names_file_and_key(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.toml").write_text("[rule]\nname = 'bad'\n[dump]\ndrop_patterns = ['(']\n", encoding="utf-8")
    reload_rules()
    code, _, err = run(capsys, "clean", str(DEVDISCOURSE), "--rules", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'bad.toml'}: dump.drop_patterns[0]: expected a valid regular expression" in err


def test_clean_rules_only_and_rule_in_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clean", str(DEVDISCOURSE), "--rules-only")
    record = json.loads(out)
    assert code == 0
    assert (record["rule"], record["extractor"]) == ("devdiscourse", "rules-only")
    code, out, _ = run(capsys, "clean", str(DEVDISCOURSE), "--no-site-rules")
    record = json.loads(out)
    assert (record["rule"], record["extractor"]) == (None, "text-lines")


NOTE = "Example News has reported on the harbours of the south coast since 1921, and it is owned by its readers."
TOWNS = ["Avonmouth", "Brixham", "Cromer", "Dover", "Exmouth", "Falmouth", "Grimsby", "Harwich"]


def site_records(path: Path) -> Path:
    """JSON lines of eight pages of one site whose footer note reads like body text; one bad line."""
    lines = []
    for k, town in enumerate(TOWNS):
        body = "\n\n".join([
            f"The {town} harbour board said that its dredging plan would cost less than the last one it proposed.",
            f"Residents near the quay in {town} asked for a public hearing before work begins, citing noise.",
            f"A decision on the {town} plan is expected after the summer recess, a spokesperson said.",
        ])
        text = f"Home | World | Sport\n\n{town} board meets over dredging plan\n\n{body}\n\n{NOTE}\n\nPrivacy | Terms\n"
        lines.append(json.dumps({"id": k, "url": f"https://news.example.com/{k}", "text": text}))
        if k == 3:
            lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_clean_drops_a_sites_template_with_batch_memory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site_records(tmp_path / "pages.jsonl")  # one chunk of the run: counted, then cleaned
    code, out, _ = run(capsys, "clean", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["id"] for r in records] == [0, 1, 2, 3, None, 4, 5, 6, 7]
    assert records[4]["status"] == "error"
    ok = [r for r in records if r["status"] == "ok"]
    assert all(NOTE not in r["text"] and TOWNS[r["id"]] in r["text"] for r in ok)
    code, out, _ = run(capsys, "clean", str(path), "--site-memory", "off")
    assert all(NOTE in json.loads(line)["text"] for line in out.splitlines() if '"ok"' in line)
