"""The rules in force: the shipped ones plus the user's directories, and which rule a page matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import RuleError
from .literal import EnoughMatcher, enough_matcher, may_match
from .load import load_rule_file
from .model import SiteRule, url_host

SHIPPED = Path(__file__).parent / "rules"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules by name, in the order they were loaded; a later directory overrides a rule of the same name."""

    rules: tuple[SiteRule, ...] = ()
    # may_claim's test, made once: hashing the rules for a cache on every page costs more than the test.
    _may_claim: EnoughMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fingerprints = tuple((tuple(rule.match.text), max(rule.match.min_text, 1)) for rule in self.rules)
        object.__setattr__(self, "_may_claim", enough_matcher(fingerprints))

    def get(self, name: str) -> SiteRule | None:
        return next((r for r in self.rules if r.name == name), None)

    def match(self, lines: Sequence[str], url: str | None = None) -> SiteRule | None:
        """The rule for a page: by URL (domain, then URL pattern), else by text fingerprints (the rule
        with most fingerprints found, at least its ``min_text``), else the fallback rule, else ``None``."""
        return self.match_text("\n".join(lines), url)

    def match_text(self, text: str, url: str | None = None) -> SiteRule | None:
        """:meth:`match` for the lines of a page joined by ``"\\n"`` (no need to split them first)."""
        if url:
            by_url = self.by_url(url)
            if by_url is not None:
                return by_url
        best, best_hits = None, 0
        for rule in self.rules:
            if not rule.match.text:
                continue
            hits = sum(1 for p in rule.match.text if may_match(p, text) and p.search(text))
            if hits >= rule.match.min_text and hits > best_hits:
                best, best_hits = rule, hits
        return best if best is not None else self.fallback

    @property
    def fallback(self) -> SiteRule | None:
        """The rule for pages no other rule claims."""
        return next((r for r in self.rules if r.match.fallback), None)

    def may_claim(self, dump: str) -> bool:
        """Whether a rule's text fingerprints may be found in a page whose dump, before it is prepared
        (:func:`newsclean.text.lines.prepare`), is ``dump``: false means no page's text fingerprints
        choose its rule, and the page need not be prepared to learn that."""
        return self._may_claim(dump)

    def by_url(self, url: str) -> SiteRule | None:
        """The rule claiming ``url``: its host is a rule's domain (or under it), else a URL pattern matches."""
        host = url_host(url)
        if host:
            for rule in self.rules:
                if any(host == d or host.endswith("." + d) for d in rule.match.domains):
                    return rule
        return next((r for r in self.rules if any(p.search(url) for p in r.match.urls)), None)


def load_rules(dirs: Sequence[str | Path] = (), *, shipped: bool = True) -> RuleSet:
    """The shipped rules (unless ``shipped`` is false) and those in ``dirs`` (``*.toml``, not recursive).

    A rule in a later directory replaces the one of the same name before it; two files with one name in
    the same directory raise :class:`RuleError`. A set is read once per process (the cleaners call this
    for every batch); :func:`reload_rules` forgets what was read.
    """
    return _load(((str(SHIPPED),) if shipped else ()) + tuple(str(d) for d in dirs))


def reload_rules() -> None:
    """Read rule files again on the next :func:`load_rules` (after they were edited)."""
    _load.cache_clear()


@cache
def _load(dirs: tuple[str, ...]) -> RuleSet:
    by_name: dict[str, SiteRule] = {}
    for directory in dirs:
        path = Path(directory)
        if not path.is_dir():
            raise RuleError(directory, None, "a directory of rule files (*.toml)")
        seen: dict[str, str] = {}
        for file in sorted(path.glob("*.toml")):
            rule = load_rule_file(file)
            if rule.name in seen:
                raise RuleError(str(file), "rule.name", f"a name no other file in {directory} uses "
                                f"({seen[rule.name]} has it)", rule.name)
            seen[rule.name] = str(file)
            by_name.pop(rule.name, None)
            by_name[rule.name] = rule
    return RuleSet(tuple(by_name.values()))
