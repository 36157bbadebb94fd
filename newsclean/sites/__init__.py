"""Site rules: declarative per-site cleaning of dumps, applied around the generic classifier.

Rules are TOML files (one per site or platform) in ``newsclean/sites/rules/`` and in the directories of
``Options.rules``, validated into :class:`SiteRule` values when loaded (:mod:`.load`). A page is matched to a
rule by its URL or, for dumps without one, by text fingerprints (:mod:`.ruleset`); the rule drops lines,
ends the article at markers and reads metadata (:mod:`.apply`); the classifier decides what it leaves open.
:mod:`.html` applies a rule's ``[html]`` selectors in ``clean_html``. :mod:`.memory` counts lines across the
pages of a site in a batch; :mod:`.learn` (dumps) and :mod:`.learn_html` (HTML) learn a rule from pages.
"""

from __future__ import annotations

from .apply import Action, RuleVerdict, apply_rule
from .errors import RuleError
from .learn import LearnedTemplate, learn_rule, rule_toml
from .load import load_rule_file, parse_rule
from .memory import SiteMemory, fingerprint
from .model import DumpRules, HtmlRules, Match, Selector, SelectorKind, SiteRule, Skip
from .ruleset import SHIPPED, RuleSet, load_rules

__all__ = [
    "SHIPPED",
    "Action",
    "DumpRules",
    "HtmlRules",
    "LearnedTemplate",
    "Match",
    "RuleError",
    "RuleSet",
    "RuleVerdict",
    "Selector",
    "SelectorKind",
    "SiteMemory",
    "SiteRule",
    "Skip",
    "apply_rule",
    "fingerprint",
    "learn_rule",
    "load_rule_file",
    "load_rules",
    "parse_rule",
    "rule_toml",
]
