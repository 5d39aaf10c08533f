"""The text stage: a page (plain text, Markdown, HTML) becomes canonical Markdown, and Markdown
becomes a document of sections, blocks, sentences and words."""
