"""The materiality rule set: the packaged rules file, merged with tree and statement overrides.

Rules are data (`rules/default.toml`); this module reads them, checks override keys, and
compiles the word lists into matchers the classifier can count with.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from kpversion.change import Verdict
from kpversion.errors import ConfigError
from kpversion.materiality import rules_cache
from kpversion.materiality.claims import Reader
from kpversion.materiality.lexicon import Entry, Lexicon, Tables
from kpversion.materiality.ontology import Ontology
from kpversion.materiality.wording import plain, tokenize

if TYPE_CHECKING:
    from kpversion.config import StatementSettings, TreeSettings

RULES_FILE = "default.toml"
ONTOLOGY_FILE = "ontology.toml"
COMMITMENT_LISTS = {
    "negations": ("negation", "negation"),
    "obligations": ("obligation", "obligation"),
    "permissions": ("permission", "permission"),
    "advisories": ("advice", "advice"),
    "limits": ("limit", "limit"),
    "burdens": ("burden", "burden"),
    "waivers": ("waiver", "free of charge"),
    "exceptions": ("exception", "exception"),
    "discretion": ("discretion", "discretion"),
    "hedges": ("hedge", "hedge"),
    "universal": ("quantifier", "universal"),
    "partial": ("quantifier", "partial"),
}
"""The commitment words of `[commitments]`, and the kind and id the lexicon finds them as."""
OPEN_TABLES = frozenset(
    {"table", "profiles", "practices", "data_types", "recipients", "purposes", "rights",
     "choices", "measures", "threats", "audiences", "legal_bases", "terms_of_service",
     "policy_change", "channels"}
)  # fmt: skip
"""Tables of named entries: an override may add new names to these."""


@cache
def _packaged_data() -> dict[str, Any]:
    # Imported here: a process the rules cache serves never parses TOML.
    import tomllib
    from importlib import resources

    folder = resources.files("kpversion.materiality") / "rules"
    data = tomllib.loads((folder / RULES_FILE).read_text(encoding="utf-8"))
    ontology = folder / ONTOLOGY_FILE
    data["ontology"] = (
        tomllib.loads(ontology.read_text(encoding="utf-8")) if ontology.is_file() else {}
    )
    return data


def packaged_rules_data() -> dict[str, Any]:
    """The packaged rules file, parsed once per process; the caller gets its own copy."""
    return copy.deepcopy(_packaged_data())


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
    tables: Tables | None = field(default=None, repr=False)
    """The lexicon's tables, when the rules cache had them (rules_cache.py)."""

    @property
    def practices(self) -> bool:
        """False for the generic profile: substantive wording is review, never material."""
        return bool(self._profile.get("practices", True))

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
    def ontology(self) -> Ontology:
        """The privacy ontology (rules/ontology.toml with the overrides of `[rules.ontology]`)."""
        return Ontology(self.data.get("ontology", {}))

    @cached_property
    def lexicon(self) -> Lexicon:
        """Every term of the ontology and the commitment words, in one automaton."""
        if self.tables is not None:
            return Lexicon(built=self.tables)
        return Lexicon(self._entries())

    def _entries(self) -> list[Entry]:
        commitments = self.data.get("commitments", {})
        words = (Entry(kind, name, term) for key, (kind, name) in COMMITMENT_LISTS.items()
                 for term in commitments.get(key, ()))  # fmt: skip
        pointers = (Entry("pointer", "pointer", t) for t in self.data.get("links", {}).get(
            "pointers", ()))  # fmt: skip
        entities = (Entry("entity", normalize_term(name), name)
                    for name in self.data.get("entities", {}).get("names", ()))  # fmt: skip
        return [*self.ontology.entries(), *words, *pointers, *entities]

    @cached_property
    def reader(self) -> Reader:
        return Reader(self.lexicon)

    @cached_property
    def commitments(self) -> Terms:
        """The words and phrases that make a commitment: negations, obligations, permissions,
        advice, limits and quantifiers (what a retroactivity record calls a commitment)."""
        commitments = self.data.get("commitments", {})
        keys = ("negations", "obligations", "permissions", "advisories", "limits", "quantifiers")
        return Terms.of(term for key in keys for term in commitments.get(key, ()))

    @cached_property
    def chrome(self) -> tuple[re.Pattern[str], ...]:
        patterns = self.data.get("chrome", {}).get("patterns", ())
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@cache
def _terms(terms: tuple[str, ...]) -> Terms:
    return Terms.of(terms)


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
    cached = rules_cache.read(key)
    if cached is not None:
        return Rules(kind=kind, data=cached.data, tables=cached.tables)
    rules = _build_rules(tree_rules, statement_rules, entities, kind)
    rules_cache.write(key, rules.data, rules.lexicon.tables)
    return rules


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
            import difflib  # only for the message of a misspelled key

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
