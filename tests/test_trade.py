"""Selling goods is trade, not a sale of data: "from the date we start selling them [the
devices]" states no sale of personal information, where "we do not sell them" with no goods
named, or any sale with a data type, still does."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import strongest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We provide security updates for our devices for at least 5 years after launch.",
            "We provide security updates for our devices for at least 5 years from the date "
            "we start selling them.",
        ),
        ("We sell devices in our store.", "We sell devices and accessories in our store."),
    ],
)
def test_selling_goods_states_no_sale_of_data(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert "practice added: sell" not in reason, reason
    assert verdict is Verdict.NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We do not sell them.", "We sell them."),
        ("We do not sell your device information.", "We sell your device information."),
        ("We sell products.", "We sell products and your purchase history."),
    ],
)
def test_a_sale_of_data_is_still_one(old: str, new: str) -> None:
    verdict, direction, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and direction is Direction.MORE_PERMISSIVE, reason
