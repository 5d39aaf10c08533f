"""The materiality rule set: the packaged rules file, merged with tree and statement overrides.

Rules are data (`rules/default.toml`); this module reads them, checks override keys, and
compiles the word lists into matchers the classifier can count with.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from kpversion.change import Direction, Verdict
from kpversion.config import StatementSettings, TreeSettings
from kpversion.errors import ConfigError

RULES_FILE = "default.toml"
OPEN_TABLES = frozenset({"table", "profiles", "lexicons"})
"""Tables of named entries: an override may add new names to these."""


@cache
def _packaged_text() -> str:
    return (resources.files("kpversion") / "rules" / RULES_FILE).read_text(encoding="utf-8")


def packaged_rules_data() -> dict[str, Any]:
    return tomllib.loads(_packaged_text())


_SPLIT = re.compile(r"[\s\-/]+")
_POLARITY = {
    "practice": Direction.MORE_PERMISSIVE,
    "protective": Direction.MORE_PROTECTIVE,
    "unknown": Direction.UNKNOWN,
}


@dataclass(frozen=True)
class Terms:
    """A word list compiled for counting whole-word matches in normalized text."""

    terms: tuple[str, ...]
    pattern: re.Pattern[str] | None = field(compare=False)
    lookup: Mapping[str, str] = field(compare=False)

    @classmethod
    def of(cls, terms: Iterable[str]) -> Terms:
        variants: dict[str, str] = {}
        wildcards: list[str] = []
        for term in terms:
            words = normalize_term(term)
            if not words:
                continue
            if words.endswith("*"):
                wildcards.append(re.escape(words[:-1]) + r"\w*")
                continue
            for variant in (words, words + "s", words + "es"):
                variants.setdefault(variant, term)
        alternatives = sorted((re.escape(v) for v in variants), key=len, reverse=True)
        alternatives += wildcards
        pattern = (
            re.compile(rf"(?<![\w§]){'|'.join(alternatives)}(?![\w])") if alternatives else None
        )
        return cls(tuple(terms), pattern, variants)

    def count(self, text: str) -> Counter[str]:
        """How often each term occurs in `text` (normalized: lowercase words, single spaces)."""
        if self.pattern is None:
            return Counter()
        return Counter(self.lookup.get(m.group(), m.group()) for m in self.pattern.finditer(text))

    def matches(self, text: str) -> list[tuple[str, int, int]]:
        """Each occurrence in `text` as (term, start, end)."""
        if self.pattern is None:
            return []
        return [
            (self.lookup.get(m.group(), m.group()), m.start(), m.end())
            for m in self.pattern.finditer(text)
        ]

    def fullmatch(self, word: str) -> bool:
        return self.pattern is not None and self.pattern.fullmatch(word) is not None

    def strip(self, text: str) -> str:
        """`text` without any of the terms, single-spaced."""
        if self.pattern is None:
            return text
        return " ".join(self.pattern.sub(" ", text).split())

    def search(self, text: str) -> str | None:
        """The first term found in `text`, or None."""
        if self.pattern is None:
            return None
        match = self.pattern.search(text)
        return None if match is None else self.lookup.get(match.group(), match.group())


def normalize_term(term: str) -> str:
    """Terms are compared as lowercase words separated by single spaces."""
    term = term.lower().replace("\u2019", "'").replace(".", " ")
    return " ".join(_SPLIT.split(term)).strip()


@dataclass(frozen=True)
class Lexicon:
    """One practice's words, the rule they fire and which way adding them moves the statement."""

    name: str
    label: str
    rule: str
    removed_rule: str
    category: str
    polarity: Direction
    material: str
    terms: Terms
    extra: Mapping[str, Terms] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RowSpec:
    """A row of Table A as configured: its default verdict and whether it may block publish."""

    title: str
    verdict: Verdict
    block: bool = False


@dataclass(frozen=True, eq=False)
class Rules:
    """The rule profile used to classify one statement's changes."""

    kind: str = "privacy"
    data: Mapping[str, Any] = field(default_factory=packaged_rules_data)

    @property
    def practices(self) -> bool:
        """False for the generic profile: substantive wording is review, never material."""
        return bool(self._profile.get("practices", True))

    @property
    def commitments_verdict(self) -> Verdict:
        return Verdict(self._profile.get("commitments", "material"))

    @property
    def _profile(self) -> Mapping[str, Any]:
        profiles: Mapping[str, Any] = self.data.get("profiles", {})
        return profiles.get(self.kind, {})

    def row(self, rule: str) -> RowSpec:
        spec = self.data.get("table", {}).get(rule, {})
        return RowSpec(
            title=spec.get("title", rule),
            verdict=Verdict(spec.get("verdict", "review")),
            block=bool(spec.get("block", False)),
        )

    def words(self, section: str, key: str) -> Terms:
        return _terms(tuple(self.data.get(section, {}).get(key, ())))

    @cached_property
    def lexicons(self) -> tuple[Lexicon, ...]:
        tables = self.data.get("lexicons", {})
        return tuple(_lexicon(name, spec) for name, spec in tables.items())

    @cached_property
    def guard(self) -> Terms:
        """Single words a typo fix may never touch (the A1 guard)."""
        words: list[str] = []
        commitments = self.data.get("commitments", {})
        for key in ("negations", "obligations", "permissions", "limits", "quantifiers"):
            words += commitments.get(key, ())
        words += commitments.get("number_words", ())
        for name in self.data.get("entities", {}).get("names", ()):
            words += normalize_term(name).split()
        return Terms.of(w for w in words if " " not in normalize_term(w))

    @cached_property
    def negators(self) -> Terms:
        """Words that turn a practice near them around: negations and opt-out phrases."""
        commitments = self.data.get("commitments", {})
        return Terms.of([*commitments.get("negations", ()), *commitments.get("inverters", ())])

    @cached_property
    def practice_words(self) -> Terms:
        """Single words of the practice lexicons: a typo may mend them, not swap them."""
        words: list[str] = []
        for spec in self.data.get("lexicons", {}).values():
            if spec.get("material") != "never":
                words += spec.get("terms", ())
        return Terms.of(w for w in words if " " not in normalize_term(w))

    @cached_property
    def chrome(self) -> tuple[re.Pattern[str], ...]:
        patterns = self.data.get("chrome", {}).get("patterns", ())
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@cache
def _terms(terms: tuple[str, ...]) -> Terms:
    return Terms.of(terms)


def _lexicon(name: str, spec: Mapping[str, Any]) -> Lexicon:
    extra = {
        key: _terms(tuple(value))
        for key, value in spec.items()
        if key != "terms" and isinstance(value, list)
    }
    return Lexicon(
        name=name,
        label=spec.get("label", name),
        rule=spec["rule"],
        removed_rule=spec.get("removed_rule", spec["rule"]),
        category=spec.get("category", "other"),
        polarity=_POLARITY[spec.get("polarity", "unknown")],
        material=spec.get("material", "always"),
        terms=_terms(tuple(spec.get("terms", ()))),
        extra=extra,
    )


def load_rules(
    tree: TreeSettings | None = None, statement: StatementSettings | None = None
) -> Rules:
    """The packaged rules, extended by the tree's `[rules]`, then by the statement's."""
    data = packaged_rules()
    if tree is not None and tree.rules:
        data = merge(data, tree.rules, "kpversion.toml [rules]")
    if statement is not None:
        if statement.rules:
            data = merge(data, statement.rules, "statement.toml [rules]")
        if statement.entities:
            data = merge(data, {"entities": {"names": list(statement.entities)}}, "entities")
    return Rules(kind=statement.kind if statement else "privacy", data=data)


@cache
def default_rules() -> Rules:
    return Rules(kind="privacy", data=packaged_rules())


def packaged_rules() -> dict[str, Any]:
    return packaged_rules_data()


def merge(base: Mapping[str, Any], override: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Tables merge, lists extend, scalars replace; `replace = true` replaces a whole table."""
    result = dict(base)
    for key, value in override.items():
        if base and key not in base and where.rsplit(".", 1)[-1] not in OPEN_TABLES:
            close = difflib.get_close_matches(key, list(base), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"unknown rules key {key!r}{hint}", where)
        result[key] = _merge_value(base.get(key), value, f"{where}.{key}")
    return result


def _merge_value(base: Any, value: Any, where: str) -> Any:
    if isinstance(value, Mapping):
        if value.get("replace") is True:
            return {k: v for k, v in value.items() if k != "replace"}
        return merge(base if isinstance(base, Mapping) else {}, value, where)
    if isinstance(value, list) and isinstance(base, list):
        return base + [v for v in value if v not in base]
    return value
