"""kpversion.text."""
