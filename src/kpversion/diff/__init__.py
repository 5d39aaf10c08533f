"""kpversion.diff."""
