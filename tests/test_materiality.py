"""Materiality: verdicts, directions, rules and reasons for single changes, and the rules file."""

from __future__ import annotations

import pytest

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Side, Verdict
from kpversion.config import StatementSettings, TreeSettings
from kpversion.errors import ConfigError
from kpversion.materiality import classify, load_rules

SECTION = ("Privacy Statement",)
MATERIAL, REVIEW, NON = Verdict.MATERIAL, Verdict.REVIEW, Verdict.NON_MATERIAL
PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


def change(
    old: str,
    new: str,
    kind: ChangeKind = ChangeKind.MODIFIED,
    old_section: tuple[str, ...] = SECTION,
    new_section: tuple[str, ...] = SECTION,
) -> Change:
    return Change(kind, old_section, new_section, old, new)


def one(item: Change, kind: str = "privacy") -> Change:
    rules = load_rules(None, StatementSettings(title="t", kind=kind))
    result = classify(DiffResult(Side("a", ""), Side("b", ""), (item,)), rules)
    return result.changes[0]


@pytest.mark.parametrize(
    ("old", "new", "verdict", "direction", "rule"),
    [
        (
            "We do not sell or rent personal information.",
            "We may sell or rent personal information.",
            MATERIAL,
            PERMISSIVE,
            "A11",
        ),
        (
            "Kaiser Permanente never shares any information.",
            "Kaiser Permanente may share any information.",
            MATERIAL,
            PERMISSIVE,
            "A11",
        ),
        (
            "If we make material changes, we will post notice of this on our website.",
            "If we make material changes, we may post notice of this on our website.",
            MATERIAL,
            PERMISSIVE,
            "A12",
        ),
        (
            "We collect information solely for personnel-related functions.",
            "We collect information for personnel-related functions.",
            MATERIAL,
            PERMISSIVE,
            "A12",
        ),
        (
            "We may disclose personal information only when required to do so by a subpoena.",
            "We may disclose personal information as we deem appropriate.",
            MATERIAL,
            PERMISSIVE,
            "A12",
        ),
        (
            "We do not knowingly allow any person under the age of 13 to create accounts.",
            "We do not knowingly allow any person under the age of 12 to create accounts.",
            MATERIAL,
            PERMISSIVE,
            "A16",
        ),
        (
            "We use web log information to help us design our site.",
            "We use web log information to help us design our site and for targeted advertising.",
            MATERIAL,
            PERMISSIVE,
            "A8",
        ),
    ],
)
def test_commitment_and_practice_edits_are_material(
    old: str, new: str, verdict: Verdict, direction: Direction, rule: str
) -> None:
    result = one(change(old, new))
    assert (result.verdict, result.direction) == (verdict, direction)
    assert rule in result.rules
    assert result.reason


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("We maintain standard web logs.", "We  maintain standard\nweb logs.", "A2"),
        ("We place “cookies” on computers.", 'We place "cookies" on computers.', "A2"),
        ("We maintain standard web logs.", "We maintain Standard Web Logs.", "A1"),
        (
            "We maintain standard web logs taht record data.",
            "We maintain standard web logs that record data.",
            "A1",
        ),
        ("Web logs recrod and store data.", "Web logs record and store data.", "A1"),
        ("See [our page](http://a.example/x).", "See [our page](https://b.example/y).", "A2"),
        ("Last reviewed/updated: January 24, 2023", "Last reviewed/updated: March 1, 2024", "A4"),
        (
            "These measures include the Secure Socket Layer (SSL) system.",
            "These measures include the Transport Layer Security (TLS) system.",
            "G2",
        ),
    ],
)
def test_formatting_typos_and_dates_are_non_material(old: str, new: str, rule: str) -> None:
    result = one(change(old, new))
    assert (result.verdict, result.rules, result.direction) == (NON, (rule,), Direction.NEUTRAL)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We now share data with vendors.", "We not share data with vendors."),
        ("Cookies may expire.", "Cookies will expire."),
        ("Persons under 13 may not apply.", "Persons under 18 may not apply."),
        ("Kaiser Permanente uses logs.", "Kaiser Permanante uses logs."),
        ("We keep all logs.", "We keep al logs."),
    ],
)
def test_a1_guard_never_lets_a_typo_through(old: str, new: str) -> None:
    """No spelling proof accepts a slip that may be another word or another name."""
    assert "A1" not in one(change(old, new)).rules


def test_negation_flip_blocks_publish() -> None:
    result = one(change("We do not sell personal information.", "We sell personal information."))
    assert result.block
    assert "'do not sell" in result.reason or "do not sell" in result.reason


def test_statutory_right_removed_blocks_publish() -> None:
    item = change(
        "The deletion of personal information collected about them;",
        "",
        ChangeKind.REMOVED,
        old_section=(*SECTION, "Rights Under the CCPA/CPRA"),
    )
    result = one(item)
    assert (result.verdict, result.direction, result.block) == (MATERIAL, PERMISSIVE, True)
    assert "A15" in result.rules


def test_right_added_is_material_and_protective() -> None:
    result = one(
        change(
            "", "The right to opt out of the sale of your personal information;", ChangeKind.ADDED
        )
    )
    assert (result.verdict, result.direction, result.block) == (MATERIAL, PROTECTIVE, False)


def test_new_category_of_data_is_material() -> None:
    result = one(change("", "Biometric information", ChangeKind.ADDED))
    assert (result.verdict, result.rules[0], result.category) == (
        MATERIAL,
        "A6",
        "first-party-collection",
    )


def test_added_prose_is_read_for_its_claims() -> None:
    praise = one(change("", "We value your feedback about this website.", ChangeKind.ADDED))
    assert (praise.verdict, praise.rules) == (NON, ("G2",))
    claim = one(change("", "We also collect your precise geolocation.", ChangeKind.ADDED))
    assert (claim.verdict, claim.direction) == (MATERIAL, PERMISSIVE)


def test_move_within_scope_is_non_material_and_across_scope_is_review() -> None:
    moved = change(
        "Some text.",
        "Some text.",
        ChangeKind.MOVED,
        old_section=("A", "Web Logs"),
        new_section=("A", "Web Logs"),
    )
    assert one(moved).verdict is NON
    across = change(
        "Some text.",
        "Some text.",
        ChangeKind.MOVED,
        old_section=("A", "Disclosures"),
        new_section=("A", "Emails"),
    )
    assert one(across).verdict is REVIEW


def test_page_chrome_is_not_material() -> None:
    assert one(change("2 days ago", "3 days ago")).verdict is NON
    assert (
        one(change("Skip to toolbar\n\n*   Xanga\n\n*   Log In", "", ChangeKind.REMOVED)).verdict
        is NON
    )


def test_privacy_contact_channel_change_is_material() -> None:
    item = change(
        "Questions about your rights: write to kp-hires@kp.org.",
        "Questions about your rights: write to hr@kp.org.",
    )
    result = one(item)
    assert (result.verdict, result.rules) == (MATERIAL, ("A5",))


def test_general_profile_caps_substantive_wording_at_review() -> None:
    flip = change("We do not tolerate bias.", "We tolerate bias.")
    assert one(flip, kind="general").verdict is REVIEW
    assert one(change("We value  people.", "We value people."), kind="general").verdict is NON


def test_revision_verdict_is_the_strongest_change() -> None:
    items = (change("a b c", "a  b c"), change("We do not sell data.", "We sell data."))
    result = classify(DiffResult(Side("a", ""), Side("b", ""), items))
    assert result.verdict is MATERIAL
    assert [c.verdict for c in result.changes] == [NON, MATERIAL]


def test_statement_rules_extend_the_packaged_lexicons() -> None:
    item = change(
        "We use data to run the site.", "We use data to run the site and for quantum divination."
    )
    assert one(item).verdict is not MATERIAL
    quantum = {"label": "quantum divination", "terms": ["quantum divination"]}
    statement = StatementSettings(
        title="t", rules={"ontology": {"purposes": {"quantum_divination": quantum}}}
    )
    rules = load_rules(TreeSettings(), statement)
    result = classify(DiffResult(Side("a", ""), Side("b", ""), (item,)), rules).changes[0]
    assert (result.verdict, result.rules[0]) == (MATERIAL, "A8")


def test_statement_entities_are_guarded() -> None:
    """An entity the statement covers, dropped from the sentence saying whom it covers, is
    found even written in a way no proper name is."""
    rules = load_rules(None, StatementSettings(title="t", entities=("acme health",)))
    item = change(
        "This notice covers acme health and its affiliates.", "This notice covers its affiliates."
    )
    result = classify(DiffResult(Side("a", ""), Side("b", ""), (item,)), rules).changes[0]
    assert "A18" in result.rules and result.verdict is MATERIAL
    unguarded = classify(DiffResult(Side("a", ""), Side("b", ""), (item,))).changes[0]
    assert unguarded.verdict is NON


def test_unknown_rules_key_is_refused_with_a_hint() -> None:
    with pytest.raises(ConfigError, match="did you mean 'ontology'"):
        load_rules(TreeSettings(rules={"ontolgy": {}}), None)


def test_a_rules_table_can_be_replaced() -> None:
    own = {"replace": True, "ours": {"label": "our one purpose", "terms": ["our one purpose"]}}
    rules = load_rules(None, StatementSettings(title="t", rules={"ontology": {"purposes": own}}))
    purposes = {name for kind, name in rules.ontology.concepts if kind == "purpose"}
    assert purposes == {"ours"}


def test_a_reason_quotes_only_the_words_added_then_where() -> None:
    old = "We keep logs about all visitors who use this site."
    result = one(change(old, old.replace("site.", "site and its mobile pages.")))
    assert "'and its mobile pages' added: 'this site and its mobile pages'" in result.reason
    removed = one(change("We do not sell personal information.", "We sell personal information."))
    assert "'do not' removed from 'We do not sell personal'" in removed.reason


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "The information is not shared with other organizations.",
            "The information is not shared with other organizations, except our subcontractors.",
            "more_permissive",
        ),
        (
            "We do not sell your data except as required by law.",
            "We do not sell your data.",
            "more_protective",
        ),
        (
            "We share data with the police.",
            "We share data with the police as required by law.",
            "more_protective",
        ),
    ],
)
def test_an_exception_to_a_prohibition_widens_it(old: str, new: str, direction: str) -> None:
    result = one(change(old, new))
    assert (result.verdict.value, result.direction.value) == ("material", direction)


@pytest.mark.parametrize(
    ("old", "new", "verdict"),
    [
        ("We use it for payroll, taxes and benefits.", "We use it for benefits, payroll and taxes.",
         "non-material"),
        ("Examples are aol.com or abc.org.", "Examples are abc.org or aol.com.", "non-material"),
        ("We share data with Acme and sell data to Beta.",
         "We share data with Beta and sell data to Acme.", "material"),
        ("We keep logs for 30 days and backups for 90 days.",
         "We keep logs for 90 days and backups for 30 days.", "material"),
    ],
)  # fmt: skip
def test_a_reordered_list_is_non_material_but_swapped_parties_are_not(
    old: str, new: str, verdict: str
) -> None:
    assert one(change(old, new)).verdict.value == verdict


def test_not_limited_to_widens_and_negates_nothing() -> None:
    result = one(
        change(
            "The information we collect includes your name and email address.",
            "The information we collect includes, but is not limited to, your name and email.",
        )
    )
    assert (result.verdict.value, result.direction.value) == ("material", "more_permissive")
    assert "A11" not in result.rules


def test_reasons_are_the_same_in_every_process() -> None:
    """The order of a reason's parts must not follow Python's per-process string hashing: a
    record read twice says the same."""
    import os
    import subprocess
    import sys

    script = (
        "from kpversion.compare import compare\n"
        "from kpversion.materiality import load_rules\n"
        "r = compare('We may collect, use and retain your email address.', "
        "'We will collect, use and retain your email address.', rules=load_rules())\n"
        "print([c.reason for c in r.changes])\n"
    )
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
