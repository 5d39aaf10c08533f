"""kpversion.records."""
