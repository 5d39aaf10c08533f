"""What a protection is made of and how long it lasts: "using end-to-end encryption" names the
instrument of a protection, not a use of data; the period of a protection ("security updates
for 5 years") is the person's, so longer is more protective, where a longer period of keeping
data is more permissive; and an interval ("every 90 days") is how often a thing is done, so
longer is less often: less protection, or less data taken.
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import strongest

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "Personal data travels between our offices through our secure wide area network.",
            "Personal data travels between our offices through our secure wide area network "
            "using end-to-end encryption.",
            PROTECTIVE,
        ),
        (
            "We store your backups in two regions, using AES 256 bit encryption.",
            "We store your backups in two regions.",
            PERMISSIVE,
        ),
        (
            "We use industry standard physical, technical, and administrative security "
            "measures to keep your data confidential.",
            "We keep your data confidential.",
            PERMISSIVE,
        ),
    ],
)
def test_using_a_measure_is_a_protection_not_a_use(
    old: str, new: str, direction: Direction
) -> None:
    verdict, way, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and way is direction, reason
    assert "practice added: use" not in reason and "practice removed: use" not in reason


def test_using_data_is_still_a_use() -> None:
    verdict, way, reason = strongest(
        "We show you local news.",
        "We use your location data and encryption keys to show you local news.",
    )
    assert verdict is Verdict.MATERIAL and way is PERMISSIVE, reason


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We protect your devices with automatic security updates for at least 5 years.",
            "We protect your devices with automatic security updates for at least 3 years.",
            PERMISSIVE,
        ),
        # A measure and no practice: the sentence is about the measure, and so is its period.
        (
            "We provide critical security updates for at least five years.",
            "We provide critical security updates for at least three years.",
            PERMISSIVE,
        ),
        (
            "Devices receive security patches for 2 years.",
            "Devices receive security patches for 4 years.",
            PROTECTIVE,
        ),
        (
            "Devices receive security patches for 2 years.",
            "Devices receive security patches.",
            PERMISSIVE,
        ),
    ],
)
def test_the_period_of_a_protection_is_the_persons(
    old: str, new: str, direction: Direction
) -> None:
    verdict, way, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and way is direction, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We retain server logs for 14 days.", "We retain server logs for 30 days."),
        (
            "We reserve the right to delete inactive accounts after 14 days.",
            "We reserve the right to delete inactive accounts after 30 days.",
        ),
    ],
)
def test_a_period_of_the_writers_is_no_right(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL, reason
    assert "exercise a right" not in reason


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "Encryption keys are rotated every 90 days.",
            "Encryption keys are rotated every 365 days.",
            PERMISSIVE,
        ),
        (
            "We audit our systems every 12 months.",
            "We audit our systems every 6 months.",
            PROTECTIVE,
        ),
        (
            "We collect your location every 5 minutes.",
            "We collect your location every 15 minutes.",
            PROTECTIVE,
        ),
        ("Backups are deleted every 30 days.", "Backups are deleted every 90 days.", PERMISSIVE),
        ("We review each vendor every 1 year.", "We review each vendor every 2 years.", PERMISSIVE),
    ],
)
def test_an_interval_lengthened_is_done_less_often(
    old: str, new: str, direction: Direction
) -> None:
    verdict, way, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and way is direction, reason
    assert "often" in reason, reason


def test_a_length_is_no_interval() -> None:
    verdict, way, reason = strongest("We keep logs for 30 days.", "We keep logs for 90 days.")
    assert verdict is Verdict.MATERIAL and way is PERMISSIVE, reason
    assert reason == "retention lengthened: 30 days → 90 days"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We retain data for 12 months.", "We retain data for one year."),
        ("We retain data for 24 months.", "We retain data for 2 years."),
    ],
)
def test_months_that_make_a_year_are_that_year(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL, reason


def test_a_half_year_to_a_year_reads_in_years() -> None:
    verdict, way, reason = strongest("We retain data for 6 months.", "We retain data for 1 year.")
    assert verdict is Verdict.MATERIAL and way is PERMISSIVE, reason
    assert reason == "retention lengthened: 6 months → 1 year"


def test_an_interval_beside_a_length_leaves_the_length_a_length() -> None:
    verdict, way, reason = strongest(
        "We use your data for 2 years and review it every 12 months.",
        "We use your data for 5 years and review it every 12 months.",
    )
    assert verdict is Verdict.MATERIAL and way is PERMISSIVE, reason
    assert "often" not in reason, reason
