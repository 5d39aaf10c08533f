"""The privacy ontology: data types, recipients, purposes, rights, choices, security measures,
audiences, contact words and terms-of-service topics, with their subsumption.

The data is `rules/ontology.toml` (sources cited there and in docs/ontology.md), merged with
the tree's and the statement's `[rules.ontology]` like every other part of the rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kpversion.materiality.lexicon import Entry

CONCEPT_KINDS = {
    "practices": "practice",
    "data_types": "data",
    "recipients": "recipient",
    "purposes": "purpose",
    "rights": "right",
    "choices": "choice",
    "audiences": "audience",
    "legal_bases": "legal-basis",
    "terms_of_service": "terms",
}
"""Tables of named concepts, and the kind their terms are found as."""
SCOPE = "scope"
"""The kind of a service a statement covers, read where it says what it applies to."""
SECURITY_GROUPS = {"measures": "security", "threats": "threat"}
"""Tables of `[security]`: the measures taken, and the harms they guard against."""
WORD_LISTS = {"channels": "channel-word", "policy_change": "policy", "scopes": SCOPE}
"""Tables holding a list of terms, and named sub-tables of their own terms (a sub-table's
name is its id; the table's own list has the kind as its id)."""


@dataclass(frozen=True)
class Concept:
    """One entry of the ontology."""

    kind: str
    id: str
    label: str
    parents: tuple[str, ...] = ()
    sensitive: bool = False
    statutory: bool = False
    regimes: tuple[str, ...] = ()
    protective: bool | None = None
    """For wording whose presence protects people (true: "prior notice") or leaves them
    exposed (false: "changes without notice"); None when it says neither."""


@dataclass(frozen=True, eq=False)
class Ontology:
    """The ontology of one rule set."""

    data: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def concepts(self) -> dict[tuple[str, str], Concept]:
        found: dict[tuple[str, str], Concept] = {}
        for table, kind in CONCEPT_KINDS.items():
            for name, spec in self._table(table).items():
                found[(kind, name)] = _concept(kind, name, spec)
        for group, kind in SECURITY_GROUPS.items():
            for name, spec in self._table("security").get(group, {}).items():
                found[(kind, name)] = _concept(kind, name, spec)
        for table, kind in WORD_LISTS.items():
            for name, spec in self._table(table).items():
                if isinstance(spec, Mapping):
                    found[(kind, name)] = _concept(kind, name, spec)
        return found

    def concept(self, kind: str, name: str) -> Concept:
        return self.concepts.get((kind, name)) or Concept(kind, name, name.replace("_", " "))

    def label(self, kind: str, name: str) -> str:
        return self.concept(kind, name).label

    def ancestors(self, kind: str, name: str) -> frozenset[str]:
        """The concept's parents, their parents and so on (not the concept itself)."""
        seen: set[str] = set()
        todo = list(self.concept(kind, name).parents)
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo += self.concept(kind, parent).parents
        return frozenset(seen)

    def entries(self) -> Iterator[Entry]:
        """Every term of the ontology, with the kind and id it is found as."""
        for table, kind in CONCEPT_KINDS.items():
            for name, spec in self._table(table).items():
                for term in spec.get("terms", ()):
                    yield Entry(kind, name, term)
                for term in spec.get("whole_item_terms", ()):
                    yield Entry(f"whole-{kind}", name, term)
        security = self._table("security")
        for group, kind in SECURITY_GROUPS.items():
            for name, spec in security.get(group, {}).items():
                yield from (Entry(kind, name, term) for term in spec.get("terms", ()))
        for term in security.get("qualifiers", {}).get("terms", ()):
            yield Entry("qualifier", term, term)
        for table, kind in WORD_LISTS.items():
            spec = self._table(table)
            for term in spec.get("terms", ()):
                yield Entry(kind, kind, term)
            for name, sub in spec.items():
                if isinstance(sub, Mapping):
                    yield from (Entry(kind, name, term) for term in sub.get("terms", ()))

    def _table(self, name: str) -> Mapping[str, Any]:
        table = self.data.get(name, {})
        return table if isinstance(table, Mapping) else {}


def _concept(kind: str, name: str, spec: Mapping[str, Any]) -> Concept:
    return Concept(
        kind=kind,
        id=name,
        label=str(spec.get("label", name.replace("_", " "))),
        parents=tuple(spec.get("parents", ())),
        sensitive=bool(spec.get("sensitive", False)),
        statutory=bool(spec.get("statutory", False)),
        regimes=tuple(spec.get("regimes", ())),
        protective=spec.get("protective") if isinstance(spec.get("protective"), bool) else None,
    )
