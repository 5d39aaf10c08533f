"""How a period or an age a claim states is written in a reason."""

from __future__ import annotations


def amount(role: str, value: str) -> str:
    """A period in days, or an age in years, as read: "3 months", "5 minutes", "13 years"."""
    number = float(value)
    if role == "age":
        return f"{number:g} years"
    if number == 0:
        return "immediately"
    if 0 < number < 1:
        # Under a day ("every 5 minutes"): in the largest unit that gives a whole count.
        for unit, per_day in (("hour", 24), ("minute", 1440)):
            count = number * per_day
            if count >= 1 and abs(count - round(count)) < 0.02:
                return f"{round(count)} {unit}{'s' if round(count) != 1 else ''}"
        return f"{number * 1440:.3g} minutes"
    for unit, days, slack in (
        ("year", 365.25, 0.26),
        ("month", 365.25 / 12, 0.01),
        ("week", 7.0, 0.01),
    ):
        count = round(number / days)
        # Whole units, a year allowed its quarter day ("365 days" is a year, "725 days" are
        # not two, "30 days" are no month).
        if count >= 1 and abs(number - count * days) <= slack * count:
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{number:g} day{'s' if number != 1 else ''}"
