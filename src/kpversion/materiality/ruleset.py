"""The materiality rule set: the packaged rules file, merged with tree and statement overrides.

Rules are data (`rules/default.toml`); this module reads them, checks override keys, and
compiles the word lists into matchers the classifier can count with.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

from kpversion.change import Direction, Verdict
from kpversion.config import StatementSettings, TreeSettings
from kpversion.errors import ConfigError
from kpversion.materiality.wording import plain, tokenize

RULES_FILE = "default.toml"
OPEN_TABLES = frozenset({"table", "profiles", "lexicons"})
"""Tables of named entries: an override may add new names to these."""


@cache
def _packaged_data() -> dict[str, Any]:
    text = (resources.files("kpversion.materiality") / "rules" / RULES_FILE).read_text(
        encoding="utf-8"
    )
    return tomllib.loads(text)


def packaged_rules_data() -> dict[str, Any]:
    """The packaged rules file, parsed once per process; the caller gets its own copy."""
    return copy.deepcopy(_packaged_data())


_POLARITY = {
    "practice": Direction.MORE_PERMISSIVE,
    "protective": Direction.MORE_PROTECTIVE,
    "unknown": Direction.UNKNOWN,
}


Words = str | Sequence[str]
_Entry = tuple[tuple[str, ...], bool, str]  # following words, last word is a prefix, term


@dataclass(frozen=True)
class Terms:
    """A word list compiled for counting whole-word matches in normalized words.

    Texts are normalized words (`wording.Token.norm`), given as a list or a space-joined
    string. Matching walks the words once and looks each up in an index by first word, which
    keeps hundreds of terms cheap.
    """

    terms: tuple[str, ...]
    index: Mapping[str, tuple[_Entry, ...]] = field(compare=False)
    prefixes: tuple[tuple[str, str], ...] = field(compare=False)
    _prefixed: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    """Memo of which prefix term each word seen so far starts with (words repeat a lot)."""

    @classmethod
    def of(cls, terms: Iterable[str]) -> Terms:
        index: dict[str, list[_Entry]] = {}
        prefixes: list[tuple[str, str]] = []
        for term in terms:
            words, wildcard = term_words(term)
            if not words:
                continue
            if wildcard and len(words) == 1:
                prefixes.append((words[0], term))
                continue
            firsts = (words[0],) if len(words) > 1 else _plurals(words[0])
            for first in firsts:
                index.setdefault(first, []).append((words[1:], wildcard, term))
        for entries in index.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        frozen = {k: tuple(v) for k, v in index.items()}
        ordered = tuple(sorted(prefixes, key=lambda p: -len(p[0])))
        return cls(tuple(terms), frozen, ordered)

    def matches(self, text: Words) -> list[tuple[str, int, int]]:
        """Each occurrence as (term, first word index, index after the last word)."""
        words = text.split() if isinstance(text, str) else text
        found = []
        i = 0
        while i < len(words):
            hit = self._match_at(words, i)
            if hit is None:
                i += 1
                continue
            found.append((hit[0], i, hit[1]))
            i = hit[1]
        return found

    def _match_at(self, words: Sequence[str], i: int) -> tuple[str, int] | None:
        word = words[i]
        for rest, wildcard, term in self.index.get(word, ()):
            end = i + 1 + len(rest)
            if end <= len(words) and _follows(words, i + 1, rest, wildcard):
                return term, end
        if word not in self._prefixed:
            prefixed = (t for prefix, t in self.prefixes if word.startswith(prefix))
            self._prefixed[word] = next(prefixed, None)
        found = self._prefixed[word]
        return None if found is None else (found, i + 1)

    def count(self, text: Words) -> Counter[str]:
        """How often each term occurs."""
        return Counter(term for term, _, _ in self.matches(text))

    def fullmatch(self, word: str) -> bool:
        """True when the single word `word` is one of the terms."""
        hit = self._match_at((word,), 0)
        return hit is not None and hit[1] == 1

    def strip(self, text: Words) -> str:
        """The words without any of the terms, single-spaced."""
        words = text.split() if isinstance(text, str) else list(text)
        for _, start, end in reversed(self.matches(words)):
            del words[start:end]
        return " ".join(words)

    def search(self, text: Words) -> str | None:
        """The first term found, or None."""
        found = self.matches(text)
        return found[0][0] if found else None


def _plurals(word: str) -> tuple[str, ...]:
    return (word, word + "s", word + "es")


def _follows(words: Sequence[str], start: int, rest: tuple[str, ...], wildcard: bool) -> bool:
    for offset, expected in enumerate(rest):
        actual = words[start + offset]
        last = offset == len(rest) - 1
        if last and wildcard:
            if not actual.startswith(expected):
                return False
        elif actual != expected and not (last and actual in _plurals(expected)):
            return False
    return True


def term_words(term: str) -> tuple[tuple[str, ...], bool]:
    """A term as the normalized words it matches, and whether its last word is a prefix."""
    wildcard = term.rstrip().endswith("*")
    words = tuple(t.norm for t in tokenize(plain(term.rstrip().rstrip("*"))))
    return words, wildcard


def normalize_term(term: str) -> str:
    """A term's words, single-spaced (with a final "*" kept for a prefix)."""
    words, wildcard = term_words(term)
    return " ".join(words) + ("*" if wildcard else "")


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


_Hit = tuple[int, str, int, int]  # lexicon index, term, first word, after the last word


@dataclass(frozen=True, eq=False)
class Catalogue:
    """All practice lexicons matched in one pass over a sentence's words."""

    lexicons: tuple[Lexicon, ...]
    index: Mapping[str, tuple[tuple[tuple[str, ...], bool, int, str], ...]]
    prefixes: tuple[tuple[str, int, str], ...]
    _prefixed: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[str, ...], tuple[_Hit, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, lexicons: tuple[Lexicon, ...]) -> Catalogue:
        index: dict[str, list[tuple[tuple[str, ...], bool, int, str]]] = {}
        prefixes: list[tuple[str, int, str]] = []
        for number, lexicon in enumerate(lexicons):
            for first, entries in lexicon.terms.index.items():
                index.setdefault(first, []).extend((*e[:2], number, e[2]) for e in entries)
            prefixes += [(prefix, number, term) for prefix, term in lexicon.terms.prefixes]
        frozen = {k: tuple(v) for k, v in index.items()}
        return cls(lexicons, frozen, tuple(prefixes))

    def find(self, words: tuple[str, ...]) -> tuple[_Hit, ...]:
        """Every lexicon's matches in `words`, leftmost-longest within each lexicon."""
        if words not in self._memo:
            if len(self._memo) > 20000:
                self._memo.clear()
            self._memo[words] = self._find(words)
        return self._memo[words]

    def _find(self, words: tuple[str, ...]) -> tuple[_Hit, ...]:
        free = [0] * len(self.lexicons)
        hits: list[_Hit] = []
        for i, word in enumerate(words):
            best: dict[int, tuple[int, str]] = {}
            for rest, wildcard, number, term in self.index.get(word, ()):
                end = i + 1 + len(rest)
                if free[number] > i or end > len(words) or end <= best.get(number, (0, ""))[0]:
                    continue
                if _follows(words, i + 1, rest, wildcard):
                    best[number] = (end, term)
            for number, term in self._prefix_terms(word):
                if free[number] <= i and number not in best:
                    best[number] = (i + 1, term)
            for number, (end, term) in best.items():
                hits.append((number, term, i, end))
                free[number] = end
        return tuple(hits)

    def _prefix_terms(self, word: str) -> tuple[tuple[int, str], ...]:
        if word not in self._prefixed:
            found: dict[int, str] = {}
            for prefix, number, term in self.prefixes:
                if word.startswith(prefix):
                    found.setdefault(number, term)
            self._prefixed[word] = tuple(found.items())
        return self._prefixed[word]


@dataclass(frozen=True)
class Synonyms:
    """Groups of words or phrases that mean the same, each read as its group's first member.

    A "#" in a phrase stands for one number, carried into the canonical form."""

    phrases: Mapping[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    numbers: Terms

    @classmethod
    def of(cls, groups: Iterable[Sequence[str]], numbers: Terms) -> Synonyms:
        index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for group in groups:
            canonical = _phrase(group[0])
            for member in group:
                words = _phrase(member)
                index.setdefault(words[0], []).append((words, canonical))
        for entries in index.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        return cls({k: tuple(v) for k, v in index.items()}, numbers)

    def canonical(self, words: Sequence[str]) -> tuple[str, ...]:
        out: list[str] = []
        i = 0
        while i < len(words):
            for phrase, canonical in self.phrases.get(words[i], ()):
                number = self._match(words, i, phrase)
                if number is not None:
                    out += [number if w == "#" else w for w in canonical]
                    i += len(phrase)
                    break
            else:
                out.append(words[i])
                i += 1
        return tuple(out)

    def _match(self, words: Sequence[str], i: int, phrase: tuple[str, ...]) -> str | None:
        """The number "#" stood for ("" when the phrase has none), or None if no match."""
        if i + len(phrase) > len(words):
            return None
        number = ""
        for expected, actual in zip(phrase, words[i : i + len(phrase)], strict=True):
            if expected == "#" and (actual.isdigit() or self.numbers.fullmatch(actual)):
                number = actual
            elif expected != actual:
                return None
        return number


def _phrase(text: str) -> tuple[str, ...]:
    return tuple("#" if part == "#" else normalize_term(part) for part in text.split())


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
        profiles: Mapping[str, Mapping[str, Any]] = self.data.get("profiles", {})
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
        keys = ("negations", "obligations", "permissions", "advisories", "limits", "quantifiers")
        for key in (*keys, "hedges"):
            words += commitments.get(key, ())
        words += commitments.get("number_words", ())
        grammar = set(commitments.get("grammar", ()))
        for name in self.data.get("entities", {}).get("names", ()):
            words += [w for w in normalize_term(name).split() if w not in grammar and len(w) > 2]
        return Terms.of(w for w in words if " " not in normalize_term(w))

    @cached_property
    def commitments(self) -> Terms:
        """The words and phrases that make a commitment: negations, obligations, permissions,
        advice, limits and quantifiers (what a retroactivity record calls a commitment)."""
        commitments = self.data.get("commitments", {})
        keys = ("negations", "obligations", "permissions", "advisories", "limits", "quantifiers")
        return Terms.of(term for key in keys for term in commitments.get(key, ()))

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
    def entity_words(self) -> frozenset[str]:
        """The words of the entity names (three letters or more)."""
        names = self.data.get("entities", {}).get("names", ())
        return frozenset(w for name in names for w in normalize_term(name).split() if len(w) > 2)

    @cached_property
    def synonyms(self) -> Synonyms:
        groups = self.data.get("synonyms", {}).get("groups", ())
        return Synonyms.of(groups, self.words("commitments", "number_words"))

    @cached_property
    def catalogue(self) -> Catalogue:
        return Catalogue.of(self.lexicons)

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
    """The packaged rules, extended by the tree's `[rules]`, then by the statement's.

    Rules with the same overrides are built once: their compiled word lists are the cost."""
    tree_rules = tree.rules if tree is not None else {}
    statement_rules = statement.rules if statement is not None else {}
    entities = list(statement.entities) if statement is not None else []
    kind = statement.kind if statement is not None else "privacy"
    try:
        key = json.dumps([tree_rules, statement_rules, entities, kind], sort_keys=True)
    except TypeError:  # a TOML date or time in an override: build without the cache
        return _build_rules(tree_rules, statement_rules, entities, kind)
    return _cached_rules(key)


@lru_cache(maxsize=32)
def _cached_rules(key: str) -> Rules:
    tree_rules, statement_rules, entities, kind = json.loads(key)
    return _build_rules(tree_rules, statement_rules, entities, kind)


def _build_rules(
    tree: Mapping[str, Any], statement: Mapping[str, Any], entities: list[str], kind: str
) -> Rules:
    data = packaged_rules()
    if tree:
        data = merge(data, tree, "kpversion.toml [rules]")
    if statement:
        data = merge(data, statement, "statement.toml [rules]")
    if entities:
        data = merge(data, {"entities": {"names": list(entities)}}, "entities")
    return Rules(kind=kind, data=data)


def default_rules() -> Rules:
    return load_rules()


def packaged_rules() -> dict[str, Any]:
    # Shared, not copied: `merge` builds new tables and lists and never changes its base.
    return _packaged_data()


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
