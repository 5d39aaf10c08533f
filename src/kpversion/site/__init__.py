"""kpversion.site."""
