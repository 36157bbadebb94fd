"""``newsclean sites``: list the site rules in force, show what a rule does to pages, learn a rule from pages."""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..io import Document, iter_documents
from ..io.records import ContentKind
from ..options import Options
from ..sites import Action, RuleError, RuleSet, SiteRule, apply_rule, learn_rule, load_rule_file, load_rules
from ..sites.learn import LearnedTemplate, rule_toml
from ..sites.learn_html import learn_html_remove
from ..sites.load import parse_rule
from ..sites.ruleset import SHIPPED
from ..text.lines import prepare

log = logging.getLogger(__name__)

_MARKS = {None: " ", Action.KEEP: "+"}  # any other action drops the line: "-"


def add_parser(commands: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``sites list``, ``sites check`` and ``sites learn``."""
    sites = commands.add_parser("sites", parents=parents, help="list, check and learn site rules",
                                description="Site rules: list those in force, check one on pages, learn one.")
    actions = sites.add_subparsers(dest="sites_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=parents, help="the rules in force (shipped and --rules)")
    listing.set_defaults(run=run_list)
    check = actions.add_parser("check", parents=parents, help="what a rule removes and keeps on pages",
                               description="Print every line of each page marked '-' (the rule drops it, "
                               "with why), '+' (the rule keeps it) or ' ' (left to the classifier).")
    check.add_argument("rule", metavar="RULE", help="a rule name, or the path of a rule file")
    check.add_argument("pages", nargs="+", metavar="PAGE", help="text dumps, directories or .jsonl files")
    check.add_argument("--url", help="the pages' URL, to show whether the rule matches it")
    check.set_defaults(run=run_check)
    learn = actions.add_parser("learn", parents=parents, help="learn a rule from several pages of one site",
                               description="Lines found on most of the pages are the site's template; "
                               "write them as a rule file to read and edit.")
    learn.add_argument("pages", nargs="+", metavar="PAGE", help="text dumps, directories or .jsonl files")
    learn.add_argument("--site", default="learned", metavar="NAME", help="the rule's name (default: %(default)s)")
    learn.add_argument("--domain", action="append", default=[], help="a domain of the site (repeatable)")
    learn.add_argument("--min-share", type=float, default=0.5, metavar="X",
                       help="share of the pages a line must be on to be template (default: %(default)s)")
    learn.add_argument("-o", "--output", required=True, metavar="FILE", help="the rule file to write (- for stdout)")
    learn.set_defaults(run=run_learn)


def run_list(args: argparse.Namespace, options: Options) -> int:
    try:
        rules = load_rules(options.rules)
    except RuleError as exc:
        log.error("%s", exc)
        return 1
    for rule in rules.rules:
        origin = "shipped" if Path(rule.path).parent == SHIPPED else rule.path
        sys.stdout.write(f"{rule.name:<16} {_match_summary(rule):<40} {origin}\n")
        if rule.description:
            sys.stdout.write(f"{'':<16} {rule.description.split('. ')[0][:100]}\n")
    return 0


def run_check(args: argparse.Namespace, options: Options) -> int:
    try:
        rules = load_rules(options.rules)
        rule = _find_rule(args.rule, rules)
    except RuleError as exc:
        log.error("%s", exc)
        return 1
    if rule is None:
        log.error("no rule named %r (see 'newsclean sites list') and no such file", args.rule)
        return 1
    read = 0
    for item in iter_documents(args.pages, stdin=getattr(sys.stdin, "buffer", None)):
        if not isinstance(item, Document):
            log.error("%s", item.error)
            continue
        text = item.content.decode("utf-8", "replace") if isinstance(item.content, bytes) else item.content
        lines = prepare(text)[0].split("\n")
        verdict = apply_rule(rule, lines)
        candidates = RuleSet((*rules.rules, rule) if rules.get(rule.name) is None else rules.rules)
        chosen = candidates.match(lines, args.url or item.url)
        fits = "matches this page" if chosen is not None and chosen.name == rule.name else "not chosen for this page"
        sys.stdout.write(f"== {item.source}: rule {rule.name} ({fits})\n")
        for i, line in enumerate(lines):
            action = verdict.actions[i]
            mark = _MARKS.get(action, "-")
            why = f"  [{action.value}]" if action is not None else ""
            sys.stdout.write(f"{mark} {line.rstrip()}{why}\n")
        counts = Counter("dropped" if a not in _MARKS else "kept" if a is Action.KEEP else "open"
                         for a, line in zip(verdict.actions, lines, strict=True) if line.strip())
        meta = verdict.meta
        found = ", ".join(f"{k}={v!r}" for k, v in (("title", meta.title), ("author", meta.author),
                                                     ("published", meta.published)) if v)
        sys.stdout.write(f"-- dropped {counts['dropped']}, kept {counts['kept']}, left open {counts['open']}"
                         f"{'; ' + found if found else ''}\n")
        read += 1
    return 0 if read else 1


def run_learn(args: argparse.Namespace, options: Options) -> int:
    texts: list[str] = []
    pages: list[str | bytes] = []
    for item in iter_documents(args.pages, stdin=getattr(sys.stdin, "buffer", None)):
        if not isinstance(item, Document):
            log.error("%s", item.error)
            continue
        if item.kind is ContentKind.HTML:
            pages.append(item.content)
        else:
            content = item.content
            texts.append(content.decode("utf-8", "replace") if isinstance(content, bytes) else content)
    if len(texts) < 2 and len(pages) < 2:
        log.error("learning needs at least two pages of the site, got %d", len(texts) + len(pages))
        return 1
    if not 0.0 < args.min_share <= 1.0:
        log.error("--min-share must be in (0, 1], got %s", args.min_share)
        return 2
    try:
        if len(texts) >= 2:
            learned = learn_rule(texts, name=args.site, domains=args.domain, min_share=args.min_share)
        else:
            learned = LearnedTemplate(args.site, len(pages), (), 0, domains=tuple(args.domain))
        if len(pages) >= 2:
            learned = replace(learned, html_remove=learn_html_remove(pages, min_share=args.min_share))
        text = rule_toml(learned)
        _check_readable(text, args.output)
    except RuleError as exc:
        log.error("%s", exc)
        return 1
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    n_lines = len(learned.template) + learned.covered + bool(learned.start_after) + bool(learned.end_before)
    sys.stderr.write(f"newsclean: learned {n_lines} template lines from {len(texts)} dumps"
                     f"{', start marker' if learned.start_after else ''}{', end marker' if learned.end_before else ''}"
                     f" and {len(learned.html_remove)} template elements from {len(pages)} HTML pages"
                     f" -> {args.output}\n")
    return 0


def _check_readable(text: str, where: str) -> None:
    """The written rule must load as any rule file does (raises RuleError otherwise)."""
    from ..sites.load import tomllib

    parse_rule(tomllib.loads(text), where)


def _find_rule(name_or_path: str, rules: RuleSet) -> SiteRule | None:
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.is_file():
        return load_rule_file(path)
    return rules.get(name_or_path)


def _match_summary(rule: SiteRule) -> str:
    match = rule.match
    parts = []
    if match.domains:
        parts.append(", ".join(match.domains))
    if match.urls:
        parts.append(f"{len(match.urls)} URL patterns")
    if match.text:
        parts.append(f"{match.min_text} of {len(match.text)} text fingerprints")
    if match.fallback:
        parts.append("fallback for any page")
    return "; ".join(parts) or "never matched (use it by name)"
