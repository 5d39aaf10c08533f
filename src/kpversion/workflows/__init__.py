"""kpversion.workflows."""
