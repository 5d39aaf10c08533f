"""The site stage: the static site planned page by page, built incrementally, and previewed."""
