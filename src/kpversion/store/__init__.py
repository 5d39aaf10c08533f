"""kpversion.store."""
