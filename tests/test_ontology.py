"""The privacy ontology (materiality/rules/ontology.toml): its shape, its subsumption graph, its
terms under the matching rules, and its coverage of the statutes and of PoliGraph's data
ontology. The statute lists below are written out from the law, by letter, so a missing
category fails here rather than in a verdict."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SHARED, needs_shared

ONTOLOGY = files("kpversion") / "materiality" / "rules" / "ontology.toml"
POLIGRAPH = SHARED / "reference" / "poligraph" / "data_ontology_readable.graphml"

# Kinds with entries (`<kind>.<id>` tables), the keys an entry may hold, and those it must hold.
ENTRY_KINDS = (
    "practices",
    "data_types",
    "recipients",
    "purposes",
    "legal_bases",
    "rights",
    "choices",
    "security.measures",
    "security.threats",
    "audiences",
    "regimes",
    "policy_change",
    "channels",
    "scopes",
    "terms_of_service",
)
ALLOWED_KEYS = {
    "practices": {"label", "source", "terms"},
    "data_types": {
        "label",
        "parents",
        "sensitive",
        "protective",
        "source",
        "terms",
        "whole_item_terms",
    },
    "recipients": {"label", "parents", "organisation", "source", "terms"},
    "purposes": {"label", "parents", "protective", "source", "terms"},
    "legal_bases": {"label", "protective", "source", "terms"},
    "rights": {"label", "regimes", "statutory", "source", "terms"},
    "choices": {"label", "source", "terms"},
    "security.measures": {"label", "source", "terms"},
    "security.threats": {"label", "source", "terms"},
    "channels": {"label", "source", "terms"},
    "audiences": {"label", "parents", "source", "terms"},
    "regimes": {"label", "code", "source", "terms"},
    "policy_change": {"label", "source", "terms", "protective"},
    "scopes": {"label", "source", "terms", "protective"},
    "terms_of_service": {"label", "source", "terms"},
}
HIERARCHICAL = ("data_types", "recipients", "purposes", "audiences")
PRACTICES = {
    "collect", "use", "share", "sell", "retain", "delete", "transfer", "protect", "combine",
    "infer", "notify", "process",
}  # fmt: skip
DATA_TYPE_ROOTS = {"personal_information", "non_personal_information", "deidentified_information"}
RECIPIENT_ROOTS = {"first_party", "third_party"}
SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
TERM_SHAPE = re.compile(r"[a-z0-9@§'.&]+(?: [a-z0-9@§'.&]+)*\*?")

# CCPA/CPRA, Cal. Civ. Code §1798.140(v)(1): the categories of personal information.
CCPA_CATEGORIES = {
    "(v)(1)(A)": ("identifiers such as a real name, alias, postal address, ...", ["identifier"]),
    "(v)(1)(B)": ("personal information described in §1798.80(e)", ["customer_records"]),
    "(v)(1)(C)": ("characteristics of protected classifications", ["protected_classification"]),
    "(v)(1)(D)": ("commercial information", ["commercial_information"]),
    "(v)(1)(E)": ("biometric information", ["biometric_information"]),
    "(v)(1)(F)": ("internet or other electronic network activity", ["internet_activity"]),
    "(v)(1)(G)": ("geolocation data", ["geolocation"]),
    "(v)(1)(H)": ("audio, electronic, visual, thermal, olfactory", ["sensory_information"]),
    "(v)(1)(I)": ("professional or employment-related information", ["professional_information"]),
    "(v)(1)(J)": ("education information", ["education_information"]),
    "(v)(1)(K)": ("inferences drawn to create a profile", ["inferences"]),
    "(v)(1)(L)": ("sensitive personal information", ["sensitive_personal_information"]),
}
# §1798.140(ae): sensitive personal information (with AB 947, 2023, and SB 1223, 2024).
CCPA_SENSITIVE = {
    "(ae)(1)(A)": (
        "social security, driver's license, state identification card, or passport number",
        ["ssn", "drivers_license_number", "state_id_number", "passport_number"],
    ),
    "(ae)(1)(B)": (
        "account log-in, financial account, debit card, or credit card number with a code",
        ["account_credentials", "financial_account", "payment_card_number"],
    ),
    "(ae)(1)(C)": ("precise geolocation", ["precise_geolocation"]),
    "(ae)(1)(D)": (
        "racial or ethnic origin, citizenship or immigration status, religious or "
        "philosophical beliefs, or union membership",
        [
            "racial_or_ethnic_origin",
            "citizenship_immigration_status",
            "religious_or_philosophical_beliefs",
            "union_membership",
        ],
    ),
    "(ae)(1)(E)": ("contents of mail, email, and text messages", ["communications_content"]),
    "(ae)(1)(F)": ("genetic data", ["genetic_data"]),
    "(ae)(1)(G)": ("neural data", ["neural_data"]),
    "(ae)(2)(A)": ("biometric information processed to identify", ["biometric_information"]),
    "(ae)(2)(B)": ("personal information concerning health", ["health_information"]),
    "(ae)(2)(C)": ("sex life or sexual orientation", ["sex_life", "sexual_orientation"]),
}
# GDPR Art. 9(1) special categories and Art. 10.
GDPR_SPECIAL = {
    "Art. 9(1)": {
        "racial or ethnic origin": "racial_or_ethnic_origin",
        "political opinions": "political_opinions",
        "religious or philosophical beliefs": "religious_or_philosophical_beliefs",
        "trade union membership": "union_membership",
        "genetic data": "genetic_data",
        "biometric data for uniquely identifying a natural person": "biometric_information",
        "data concerning health": "health_information",
        "data concerning a natural person's sex life": "sex_life",
        "data concerning a natural person's sexual orientation": "sexual_orientation",
    },
    "Art. 10": {"criminal convictions and offences": "criminal_records"},
}

# PoliGraph's data ontology (data_ontology_readable.graphml, commit e93771156e22): each node's
# entry, and its 44 subsumption edges (parent, child). test_poligraph_list_matches_the_file
# checks this copy against the file when ../shared is present.
POLIGRAPH_NODES = {
    "personal information": "personal_information",
    "non-personal information": "non_personal_information",
    "aggregate / deidentified / pseudonymized information": "deidentified_information",
    "identifier": "identifier",
    "anonymous identifier": "anonymous_identifier",
    "personal identifier": "personal_identifier",
    "contact information": "contact_information",
    "person name": "person_name",
    "email address": "email_address",
    "phone number": "phone_number",
    "postal address": "postal_address",
    "ip address": "ip_address",
    "government identifier": "government_identifier",
    "ssn": "ssn",
    "passport number": "passport_number",
    "driver's license number": "drivers_license_number",
    "credit / debit card number": "payment_card_number",
    "device information": "device_information",
    "device identifier": "device_identifier",
    "hardware identifier": "hardware_identifier",
    "imei": "imei",
    "mac address": "mac_address",
    "serial number": "serial_number",
    "sim serial number": "sim_serial_number",
    "software identifier": "software_identifier",
    "advertising id": "advertising_id",
    "android id": "android_id",
    "gsf id": "gsf_id",
    "router ssid": "router_ssid",
    "cookie / pixel tag": "cookie",
    "personal characteristic": "personal_characteristic",
    "protected classification": "protected_classification",
    "age": "age",
    "date of birth": "date_of_birth",
    "gender": "gender",
    "race / ethnicity": "racial_or_ethnic_origin",
    "biometric information": "biometric_information",
    "fingerprint": "fingerprint",
    "voiceprint": "voiceprint",
    "internet activity": "internet_activity",
    "browsing / search history": "browsing_search_history",
    "package dump": "installed_apps",
    "geolocation": "geolocation",
    "precise geolocation": "precise_geolocation",
    "coarse geolocation": "coarse_geolocation",
}
POLIGRAPH_EDGES = [
    ("contact information", "phone number"),
    ("contact information", "email address"),
    ("contact information", "postal address"),
    ("contact information", "person name"),
    ("personal information", "personal identifier"),
    ("personal information", "geolocation"),
    ("identifier", "device identifier"),
    ("identifier", "personal identifier"),
    ("device identifier", "hardware identifier"),
    ("device identifier", "software identifier"),
    ("hardware identifier", "imei"),
    ("hardware identifier", "mac address"),
    ("software identifier", "advertising id"),
    ("software identifier", "android id"),
    ("hardware identifier", "serial number"),
    ("hardware identifier", "sim serial number"),
    ("personal information", "personal characteristic"),
    ("personal identifier", "contact information"),
    ("personal characteristic", "biometric information"),
    ("biometric information", "fingerprint"),
    ("biometric information", "voiceprint"),
    ("personal identifier", "ip address"),
    ("software identifier", "router ssid"),
    ("personal information", "internet activity"),
    ("internet activity", "browsing / search history"),
    ("device information", "internet activity"),
    ("device information", "device identifier"),
    ("device information", "geolocation"),
    ("geolocation", "coarse geolocation"),
    ("geolocation", "precise geolocation"),
    ("software identifier", "gsf id"),
    ("personal characteristic", "protected classification"),
    ("protected classification", "gender"),
    ("protected classification", "race / ethnicity"),
    ("protected classification", "date of birth"),
    ("internet activity", "package dump"),
    ("software identifier", "cookie / pixel tag"),
    ("protected classification", "age"),
    ("government identifier", "ssn"),
    ("government identifier", "passport number"),
    ("government identifier", "driver's license number"),
    ("personal identifier", "government identifier"),
    ("software identifier", "ip address"),
    ("personal identifier", "credit / debit card number"),
]

# Words that stand alone as no term: function words, and words too general to name anything
# (a term that matches ordinary prose is worse than no term).
STOP_WORDS = {
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as",
    "is", "are", "be", "been", "it", "its", "this", "that", "these", "those", "from", "you",
    "our", "your", "they", "their", "them", "such", "which", "who", "when", "where", "if",
    "also", "not", "no", "all", "any", "some", "other", "may", "will", "can", "do", "have",
}  # fmt: skip
VERBS_ALLOWED = {("practices", "use"), ("practices", "used"), ("practices", "using")}
"""The verb of the use practice stands alone: "we use", "we do not use", "you may use" state the
practice (the classifier reads the practice's objects from the words around it)."""
TOO_GENERAL = {
    "data", "datum", "information", "info", "detail", "details", "content", "service",
    "services", "site", "website", "use", "uses", "used", "using", "account", "product",
    "products", "party", "parties", "company", "companies", "business", "provider",
    "organization", "organisation", "entity", "person", "people", "user", "users", "customer",
    "customers", "consumer", "consumers", "member", "members", "request", "law", "laws", "time",
    "way", "means", "purpose", "purposes", "category", "categories", "type", "kind", "thing",
    "record", "records", "policy", "privacy", "statement", "notice", "terms", "following",
    "certain", "right", "rights", "choice", "choices", "settings", "access", "security",
    "contact", "address", "email", "phone", "id", "number", "online", "internet", "app",
    "application", "device", "technology", "system", "platform", "communication", "message",
    "messages", "feature", "features", "tool", "network", "public", "third", "keep", "store",
    "provide", "give", "send", "get", "make", "help", "improve", "change", "changes", "update",
    "include", "including", "applicable", "necessary", "personal", "general", "legal",
}  # fmt: skip
# The first party is named by its pronouns: the actor of most claims.
BARE_ALLOWED = {("recipients", "we"), ("recipients", "us")}
# Commitment words the classifier reads itself; a term holding one would hide it. Only these
# fixed names may hold one.
COMMITMENT_WORDS = {
    "not", "no", "never", "neither", "nor", "none", "nothing", "nobody", "without", "cannot",
    "may", "might", "can", "could", "will", "would", "shall", "should", "must", "only",
    "solely", "exclusively", "except", "unless",
}  # fmt: skip
FIXED_NAMES = {
    "do not track", "do not track signal", "do not track request", "do not sell my",
    "do not sell my info", "do not sell my personal information", "do not sell or share my",
    "do not sell or share my info", "do not sell or share my personal information",
    "not personally identifiable", "does not personally identify", "does not identify you",
    "not to be subject to a decision", "not be subject to a decision", "without notice",
    "without prior notice", "without advance notice", "without further notice",
    "without notifying you", "at any time without", "without regard to its conflict",
    "solely automated", "decision based solely on automated processing", "can spam",
}  # fmt: skip
# Digits belong to quantities (ages, periods, counts), which the classifier reads itself; only
# named standards and statutes hold them.
DIGITS_ALLOWED = ("security.measures", "security.qualifiers", "regimes", "rights")

# A term in two kinds on purpose: the same words name both, and the sentence says which.
SHARED_ACROSS_KINDS: dict[str, set[str]] = {}
# "US" lowercased is "us": these terms read it as the country, not the first party.
US_AS_COUNTRY = {"us residents", "us persons", "us state privacy", "us state privacy laws"}
# Determiners: a term may end with one ("use your") or start with one ("our company"), but the
# two may not meet. INTENDED_STRADDLES lists the meetings kept on purpose.
DETERMINERS = {
    "a", "an", "the", "this", "that", "these", "those", "your", "our", "my", "their", "its",
    "such",
}  # fmt: skip
INTENDED_STRADDLES: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    body: dict[str, Any]

    @property
    def terms(self) -> list[str]:
        terms: list[str] = self.body.get("terms", [])
        return terms

    @property
    def parents(self) -> list[str]:
        parents: list[str] = self.body.get("parents", [])
        return parents


def load() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(ONTOLOGY.read_text(encoding="utf-8"))
    return data


ONTOLOGY_DATA = load()


def entries(data: dict[str, Any] = ONTOLOGY_DATA) -> Iterator[Entry]:
    for kind in ENTRY_KINDS:
        table: dict[str, Any] = data
        for part in kind.split("."):
            table = table[part]
        for key, body in table.items():
            if isinstance(body, dict):
                yield Entry(kind, key, body)


@cache
def by_kind(kind: str) -> dict[str, Entry]:
    return {entry.id: entry for entry in entries() if entry.kind == kind}


def term_lists() -> Iterator[tuple[str, str, list[str]]]:
    """(kind, owner, terms) for every term list: entries and the flat lists."""
    for entry in entries():
        yield entry.kind, entry.id, entry.terms
    yield "security.qualifiers", "qualifiers", ONTOLOGY_DATA["security"]["qualifiers"]["terms"]
    yield "channels", "channels", ONTOLOGY_DATA["channels"]["terms"]
    yield "policy_change", "policy_change", ONTOLOGY_DATA["policy_change"]["terms"]


def matches(term: str, other: str) -> bool:
    """Whether text reading `other` is matched by `term` under the matching rules."""
    if term.endswith("*"):
        head, _, last = term[:-1].rpartition(" ")
        other_head, _, other_last = other.rpartition(" ")
        return head == other_head and other_last.startswith(last)
    return other in (term, term + "s", term + "es")


@cache
def ancestors(kind: str, entry_id: str) -> frozenset[str]:
    table = by_kind(kind)
    seen: set[str] = set()
    todo = list(table[entry_id].parents)
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            todo.extend(table[parent].parents)
    return frozenset(seen)


def test_the_file_parses_and_has_every_kind() -> None:
    assert set(ONTOLOGY_DATA) == {
        "practices", "data_types", "recipients", "purposes", "legal_bases", "rights", "choices",
        "security", "audiences", "regimes", "channels", "policy_change", "scopes",
        "terms_of_service",
    }  # fmt: skip
    assert set(ONTOLOGY_DATA["security"]) == {"measures", "qualifiers", "threats"}
    assert set(ONTOLOGY_DATA["channels"]) == {"terms", "addressee"}
    assert set(by_kind("practices")) == PRACTICES


def entry_problems(entry: Entry) -> Iterator[str]:
    where = f"{entry.kind}.{entry.id}"
    if not SNAKE_CASE.fullmatch(entry.id):
        yield f"{where}: the id is not snake_case"
    if unknown := set(entry.body) - ALLOWED_KEYS[entry.kind]:
        yield f"{where}: unknown keys {sorted(unknown)}"
    for key in ("label", "source"):
        value = entry.body.get(key)
        if not (isinstance(value, str) and value.strip()):
            yield f"{where}: no {key}"
    if not (entry.terms and all(isinstance(term, str) for term in entry.terms)):
        yield f"{where}: no terms"
    if entry.body.get("sensitive", True) is not True:
        yield f"{where}: sensitive is omitted when false"
    if entry.kind == "rights":
        codes = {regime.body["code"] for regime in by_kind("regimes").values()}
        if not isinstance(entry.body.get("statutory"), bool):
            yield f"{where}: statutory is true or false"
        if not entry.body.get("regimes") or not set(entry.body["regimes"]) <= codes:
            yield f"{where}: regimes must be codes of [regimes] entries"
    if entry.body.get("organisation") and not entry.parents:
        yield f"{where}: a named organisation is a child of its kind"


def test_every_entry_has_its_shape() -> None:
    assert [problem for entry in entries() for problem in entry_problems(entry)] == []


@pytest.mark.parametrize("kind", HIERARCHICAL)
def test_subsumption_is_a_graph_without_cycles_to_the_most_specific_parents(kind: str) -> None:
    table = by_kind(kind)
    for entry in table.values():
        for parent in entry.parents:
            assert parent in table, f"{kind}.{entry.id}: parent {parent!r} is no entry"
        assert len(set(entry.parents)) == len(entry.parents)
    for entry_id in table:
        assert entry_id not in ancestors(kind, entry_id), f"{kind}.{entry_id}: a cycle"
    for entry in table.values():
        for parent in entry.parents:
            others = set(entry.parents) - {parent}
            assert not any(parent in ancestors(kind, other) for other in others), (
                f"{kind}.{entry.id}: parent {parent!r} is an ancestor of another parent"
            )


def test_the_roots_are_the_documented_ones() -> None:
    assert {i for i, e in by_kind("data_types").items() if not e.parents} == DATA_TYPE_ROOTS
    assert {i for i, e in by_kind("recipients").items() if not e.parents} == RECIPIENT_ROOTS


def test_every_descendant_of_a_sensitive_type_is_sensitive() -> None:
    table = by_kind("data_types")
    for entry_id, entry in table.items():
        sensitive_ancestors = [a for a in ancestors("data_types", entry_id) if a in sensitive()]
        if sensitive_ancestors:
            assert entry.body.get("sensitive"), f"{entry_id} is under {sensitive_ancestors}"


def sensitive() -> set[str]:
    return {i for i, e in by_kind("data_types").items() if e.body.get("sensitive")}


@pytest.mark.parametrize("letter", sorted(CCPA_CATEGORIES))
def test_every_ccpa_category_of_personal_information_has_an_entry(letter: str) -> None:
    wording, ids = CCPA_CATEGORIES[letter]
    table = by_kind("data_types")
    for entry_id in ids:
        assert entry_id in table, f"CCPA 1798.140{letter} ({wording}): no entry {entry_id}"
        assert f"1798.140{letter}" in table[entry_id].body["source"], f"{entry_id}: not cited"


@pytest.mark.parametrize("letter", sorted(CCPA_SENSITIVE))
def test_every_ccpa_sensitive_category_has_a_sensitive_entry(letter: str) -> None:
    wording, ids = CCPA_SENSITIVE[letter]
    table = by_kind("data_types")
    for entry_id in ids:
        assert entry_id in table, f"CCPA 1798.140{letter} ({wording}): no entry {entry_id}"
        source = table[entry_id].body["source"]
        assert re.search(re.escape(letter), source.replace("1798.140", "")), entry_id
        assert table[entry_id].body.get("sensitive") is True, f"{entry_id} is not sensitive"
        assert "sensitive_personal_information" in ancestors("data_types", entry_id)


@pytest.mark.parametrize("article", sorted(GDPR_SPECIAL))
def test_every_gdpr_special_category_has_a_sensitive_entry(article: str) -> None:
    table = by_kind("data_types")
    for wording, entry_id in GDPR_SPECIAL[article].items():
        assert entry_id in table, f"GDPR {article} ({wording}): no entry {entry_id}"
        assert f"GDPR {article}" in table[entry_id].body["source"], f"{entry_id}: not cited"
        assert table[entry_id].body.get("sensitive") is True, f"{entry_id} is not sensitive"
    if article == "Art. 9(1)":
        members = {i for i, e in table.items() if "special_category_data" in e.parents}
        assert set(GDPR_SPECIAL[article].values()) <= members


def test_every_poligraph_node_has_its_entry_and_every_edge_holds() -> None:
    table = by_kind("data_types")
    for label, entry_id in POLIGRAPH_NODES.items():
        assert entry_id in table, f"PoliGraph {label!r}: no entry {entry_id}"
        assert f"PoliGraph '{label}'" in table[entry_id].body["source"], entry_id
    for parent, child in POLIGRAPH_EDGES:
        parent_id, child_id = POLIGRAPH_NODES[parent], POLIGRAPH_NODES[child]
        assert parent_id in ancestors("data_types", child_id), f"{parent} > {child} is lost"


@needs_shared(POLIGRAPH)
def test_poligraph_list_matches_the_file() -> None:
    graphml = "{http://graphml.graphdrawing.org/xmlns}"
    label_tag = "{http://www.yworks.com/xml/graphml}NodeLabel"
    graph = ET.parse(POLIGRAPH).getroot().find(f"{graphml}graph")
    assert graph is not None
    labels = {}
    for node in graph.iter(f"{graphml}node"):
        label = next(node.iter(label_tag)).text
        assert label is not None
        labels[node.attrib["id"]] = label.strip()
    edges = [
        (labels[edge.attrib["source"]], labels[edge.attrib["target"]])
        for edge in graph.iter(f"{graphml}edge")
    ]
    assert set(labels.values()) == set(POLIGRAPH_NODES)
    assert sorted(edges) == sorted(POLIGRAPH_EDGES)


def term_problems(kind: str, owner: str, term: str) -> Iterator[str]:
    where = f"{kind}.{owner}: {term!r}"
    if not TERM_SHAPE.fullmatch(term):
        yield f"{where}: lowercase words and single spaces, no - or /"
    words = term.rstrip("*").split()
    if len(words) == 1 and term in STOP_WORDS and (kind, term) not in BARE_ALLOWED:
        yield f"{where}: a stop word"
    general = term.rstrip("*") in TOO_GENERAL and (kind, term) not in VERBS_ALLOWED
    # The kinds of service are read only in a sentence about what the statement applies to.
    if len(words) == 1 and general and kind != "scopes":
        yield f"{where}: too general"
    if (held := COMMITMENT_WORDS.intersection(words)) and term not in FIXED_NAMES:
        yield f"{where}: holds commitment words {sorted(held)}"
    if kind not in DIGITS_ALLOWED and any(word.isdigit() for word in words):
        yield f"{where}: numbers are quantities"


def test_terms_are_written_to_match() -> None:
    problems = [
        problem
        for kind, owner, terms in term_lists()
        for term in terms
        for problem in term_problems(kind, owner, term)
    ]
    assert problems == []


def test_whole_item_terms_are_distinct_and_add_to_the_terms() -> None:
    """Words that name a data type only as a whole list item ("- Email") are few, belong to
    one data type each, and are not already terms (which match anywhere)."""
    plain = [t for e in by_kind("data_types").values() for t in e.terms]
    seen: dict[str, str] = {}
    for entry in by_kind("data_types").values():
        for item in entry.body.get("whole_item_terms", []):
            assert TERM_SHAPE.fullmatch(item) and not item.endswith("*"), f"{entry.id}: {item!r}"
            assert item not in seen, f"{item!r} is a whole item of {seen[item]} and {entry.id}"
            assert not any(matches(term, item) for term in plain), f"{item!r} is a term already"
            seen[item] = entry.id


def forms(term: str) -> set[str]:
    """The words a term without "*" matches."""
    return {term, term + "s", term + "es"}


def test_no_term_repeats_within_a_kind() -> None:
    """No term is listed twice in a kind, and no two entries of a kind hold terms that match
    the same words ("cookie" in one, "cookies" in another). One entry may list inflections."""
    owners_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    stars: list[tuple[str, str, str]] = []
    for kind, owner, terms in term_lists():
        assert len(set(terms)) == len(terms), f"{kind}.{owner}: a term is listed twice"
        for term in terms:
            if term.endswith("*"):
                stars.append((kind, owner, term))
            for form in forms(term.rstrip("*")):
                owners_of[(kind, form)].add(owner)
    for (kind, form), owners in owners_of.items():
        assert len(owners) == 1, f"{kind}: {form!r} is matched by terms of {sorted(owners)}"
    for kind, owner, star in stars:
        for other_kind, other_owner, terms in term_lists():
            if other_kind == kind and other_owner != owner:
                assert not [t for t in terms if matches(star, t)], f"{kind}.{owner}: {star!r}"


def test_terms_shared_across_kinds_are_intended() -> None:
    kinds_of: dict[str, set[str]] = defaultdict(set)
    for kind, _, terms in term_lists():
        for term in terms:
            kinds_of[term.rstrip("*")].add(kind)
    plain = {t: k for t, k in kinds_of.items()}
    shared: dict[str, set[str]] = {}
    for term, kinds in plain.items():
        together = set(kinds)
        for form in (term + "s", term + "es"):
            together |= plain.get(form, set())
        if len(together) > 1:
            shared[term] = together
    assert shared == SHARED_ACROSS_KINDS


def test_no_term_ends_where_another_begins() -> None:
    """Under one leftmost-longest pass, a term ending in a determiner ("use your") would hide
    a term starting with it ("your name") wherever the two meet. No term of one entry ends with
    the determiner another entry's term starts with, except where listed as intended."""
    owners: dict[str, set[str]] = defaultdict(set)
    for kind, owner, terms in term_lists():
        for term in terms:
            owners[term].add(f"{kind}.{owner}")
    starts: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for term in owners:
        words = tuple(term.rstrip("*").split())
        for size in range(1, len(words)):
            starts[words[:size]].append(term)
    found = set()
    for term in owners:
        words = tuple(term.rstrip("*").split())
        for size in range(1, len(words)):
            if words[-size] not in DETERMINERS:
                continue
            for other in starts.get(words[-size:], []):
                if owners[term] != owners[other]:
                    found.add((term, other))
    assert found == INTENDED_STRADDLES


def test_no_other_term_swallows_the_first_party_pronouns() -> None:
    """A term starting with "we" ("we record") would hide the actor of the claim; only
    "US" read as the country may start a term."""
    pronouns = {t for t in by_kind("recipients")["first_party"].terms if " " not in t}
    for kind, owner, terms in term_lists():
        for term in terms:
            first = term.split()[0]
            if first in pronouns and (kind, owner) != ("recipients", "first_party"):
                assert term in US_AS_COUNTRY, f"{kind}.{owner}: {term!r} hides {first!r}"


def counts() -> dict[str, int]:
    found = {kind: len(by_kind(kind)) for kind in ENTRY_KINDS}
    found["terms"] = sum(len(terms) for _, _, terms in term_lists())
    return found


def test_the_docs_state_the_counts() -> None:
    page = (REPO / "docs" / "ontology.md").read_text(encoding="utf-8")
    for kind, number in counts().items():
        assert re.search(rf"\| `{re.escape(kind)}` \| {number} \|", page), (
            f"docs/ontology.md: the count of {kind} is not {number}"
        )


def test_the_notice_credits_poligraph() -> None:
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    assert "Copyright (c) 2023 UCI Networking Group" in notice
    assert "The above copyright notice and this permission notice shall be included" in notice
    assert "Permission is hereby granted, free of charge" in notice
    header = ONTOLOGY.read_text(encoding="utf-8").split("\n[", 1)[0]
    assert "#     Copyright (c) 2023 UCI Networking Group" in header
    assert "#     The above copyright notice and this permission notice shall be" in header


def test_shared_reference_path_is_relative() -> None:
    text = Path(str(ONTOLOGY)).read_text(encoding="utf-8")
    assert "/work/" not in text and "github.com" not in text
