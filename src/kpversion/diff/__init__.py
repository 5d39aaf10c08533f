"""The diff stage: two documents become changes in reading order (sections, blocks, sentences,
words; moves as moves)."""

from kpversion.diff.engine import apply, diff_documents, diff_texts, segments, word_edits

__all__ = ["apply", "diff_documents", "diff_texts", "segments", "word_edits"]
