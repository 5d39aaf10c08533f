"""Three classes of material change a probe of written edits found called non-material, each
tested on edits of its own, with the look-alikes that must stay as they were:

- a kind of service added to or dropped from what the statement says it applies to ("This
  policy applies to our website and mobile apps");
- a figure in a list or table of ages ("- Netherlands: 16" under "Age of consent");
- a de-identification qualifier before any noun ("aggregated, anonymised statistics").

And two classes of false alarm: "constantly" for "always" (one quantifier over time), and
"any" before the reader's questions: "if you have any questions, contact us" quantifies
nothing (non-material); "send any concerns to ..." may reach what the lexicon does not know,
and goes to a reader, but is never called material.
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import carried, strongest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "This policy applies to our website.",
            "This policy applies to our website and mobile apps.",
        ),
        (
            "This Privacy Notice covers our websites, apps and retail stores.",
            "This Privacy Notice covers our websites and apps.",
        ),
        (
            "These Terms govern your use of our services and browser extensions.",
            "These Terms govern your use of our services.",
        ),
        (
            "This statement does not apply to third-party websites.",
            "This statement does not apply to third-party websites or apps.",
        ),
    ],
)
def test_a_kind_of_service_the_statement_covers_added_or_dropped_is_material(
    old: str, new: str
) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL
    assert "website or service covered" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A clause's own reach, not the statement's.
        (
            "This section applies to purchases of gift cards.",
            "This section applies to purchases of gift cards and services.",
        ),
        # Terms that govern something else.
        (
            "- To enforce the legal terms that govern your use of our website.",
            "- To enforce the legal terms that govern your use of our website and apps.",
        ),
        # Covered by something else.
        (
            "If you are a member covered by an insured policy, this Notice is in our app.",
            "If you are a member covered by an insured policy, this Notice is on our website.",
        ),
        # The same kinds, reworded.
        ("This policy applies to our websites.", "This policy applies to our web sites."),
        ("This policy applies to our Service.", "This policy applies to our Services."),
    ],
)
def test_a_kind_of_service_elsewhere_or_respelled_is_no_scope_change(old: str, new: str) -> None:
    _, _, reasons = carried(old, new)
    assert "website or service covered" not in reasons


def test_a_kind_of_service_alone_in_page_chrome_stays_a_label() -> None:
    old = "Home | Blog | Apps\n\nWe collect your name.\n"
    new = "Home | Blog | Apps | Careers\n\nWe collect your name.\n"
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.NON_MATERIAL


AGE_LIST = "## Age of consent\n\nThe minimum age to use the service:\n\n"
AGE_TABLE = "## Minimum ages\n\n| Country | Age |\n|---|---|\n"


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (AGE_LIST + "- Spain: 14\n- Netherlands: 16\n",
         AGE_LIST + "- Spain: 14\n- Netherlands: 13\n", Direction.MORE_PERMISSIVE),
        (AGE_TABLE + "| Spain | 14 |\n| Germany | 13 |\n",
         AGE_TABLE + "| Spain | 14 |\n| Germany | 16 |\n", Direction.MORE_PROTECTIVE),
        ("# Ages\n\n- Hong Kong: 18\n- Japan: 16\n", "# Ages\n\n- Hong Kong: 16\n- Japan: 16\n",
         Direction.MORE_PERMISSIVE),
    ],
)  # fmt: skip
def test_a_figure_in_a_list_of_ages_is_an_age(old: str, new: str, direction: Direction) -> None:
    verdict, found, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL
    assert found is direction
    assert "age threshold" in reason


def test_a_figure_in_a_list_under_another_heading_is_no_age() -> None:
    old = "## Offices\n\n- Madrid: 14 staff\n- Berlin: 16 staff\n"
    new = "## Offices\n\n- Madrid: 14 staff\n- Berlin: 13 staff\n"
    _, _, reasons = carried(old, new)
    assert "age threshold" not in reasons


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We share aggregated, anonymised statistics with our partners.",
         "We share statistics with our partners."),
        ("We keep de-identified usage records for research.",
         "We keep usage records for research."),
        ("We may disclose pseudonymous survey answers to researchers.",
         "We may disclose survey answers to researchers."),
    ],
)  # fmt: skip
def test_a_de_identification_qualifier_dropped_exposes_people(old: str, new: str) -> None:
    verdict, direction, _ = strongest(old, new)
    assert verdict is Verdict.MATERIAL
    assert direction is Direction.MORE_PERMISSIVE
    verdict, direction, _ = strongest(new, old)
    assert verdict is Verdict.MATERIAL
    assert direction is Direction.MORE_PROTECTIVE


def test_a_new_claim_to_share_anonymised_data_still_shares_more() -> None:
    old = "We collect your name.\n"
    new = "We collect your name.\n\nWe may share aggregated, anonymised statistics with partners.\n"
    verdict, directions, _ = carried(old, new)
    assert verdict is Verdict.MATERIAL
    assert directions == {Direction.MORE_PERMISSIVE}


def test_the_wider_promise_dropped_beside_a_narrower_one_exposes_people() -> None:
    # Aggregates can still single a person out; "anonymous" said more.
    old = "We share usage data on an aggregate, anonymous basis."
    verdict, direction, _ = strongest(old, "We share usage data on an aggregate basis.")
    assert verdict is Verdict.MATERIAL
    assert direction is Direction.MORE_PERMISSIVE


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We may provide aggregated or anonymized information to partners.",
         "We may provide anonymized information to partners."),
        ("We share data with partners on a de-identified basis.",
         "We share data with partners on an aggregated and/or de-identified basis."),
    ],
)  # fmt: skip
def test_one_way_of_keeping_data_unnamed_for_another_is_rewording(old: str, new: str) -> None:
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We constantly monitor our systems for attacks.",
         "We always monitor our systems for attacks."),
        ("We continuously review who can access your data.",
         "We constantly review who can access your data."),
    ],
)  # fmt: skip
def test_always_said_of_what_is_done_over_time_is_one_quantifier(old: str, new: str) -> None:
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.NON_MATERIAL


def test_always_for_sometimes_still_narrows() -> None:
    verdict, _, _ = carried("We sometimes review access.", "We continuously review access.")
    assert verdict is not Verdict.NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("If you have questions, contact us.", "If you have any questions, please contact us."),
        (
            "If you have additional questions, contact us.",
            "If you have any additional questions, contact us.",
        ),
    ],
)
def test_any_before_the_readers_own_questions_is_no_change(old: str, new: str) -> None:
    verdict, _, reason = carried(old, new)
    assert verdict is Verdict.NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Send any concerns to privacy@example.com.", "Send concerns to privacy@example.com."),
        ("We keep your feedback and ratings.", "We keep any feedback and ratings."),
    ],
)
def test_any_before_what_the_reader_sends_quantifies_no_known_claim(old: str, new: str) -> None:
    verdict, _, reason = carried(old, new)
    assert verdict is Verdict.REVIEW
    assert "quantifier before questions" in reason


def test_a_quantifier_before_data_still_quantifies() -> None:
    old, new = "We may share some of your data.", "We may share all of your data."
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.MATERIAL


@pytest.mark.parametrize("place", ["state", "country", "place"])
def test_residency_is_residence(place: str) -> None:
    right = "you may have the right to know what we collect."
    old = f"Depending on your {place} of residency, {right}"
    new = f"Depending on your {place} of residence, {right}"
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("When you make a purchase, we will email you a receipt.",
         "When you make a purchase, we will send you a receipt."),
        ("We may email you to confirm your account.",
         "We may write to you to confirm your account."),
    ],
)  # fmt: skip
def test_emailing_a_message_is_sending_it(old: str, new: str) -> None:
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.NON_MATERIAL


def test_a_notice_of_changes_by_email_dropped_still_counts() -> None:
    old = "If we change this policy, we will notify you by email and post a notice on our site."
    new = "If we change this policy, we will post a notice on our site."
    verdict, _, _ = carried(old, new)
    assert verdict is Verdict.MATERIAL
