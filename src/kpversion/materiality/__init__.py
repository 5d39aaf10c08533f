"""kpversion.materiality."""
