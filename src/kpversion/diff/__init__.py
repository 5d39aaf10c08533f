"""kpversion.diff: the structural diff of two texts, its word segments, and `apply`.

`engine` holds the entry points; `blocks` aligns blocks, `align` the sequences beneath,
`emit` turns an alignment into changes, `words` diffs words, `rebuild` applies changes and
`redline` renders them.
"""

from kpversion.diff.align import SIMILAR
from kpversion.diff.blocks import Alignment
from kpversion.diff.engine import LARGE_CHARS, diff_documents, diff_texts
from kpversion.diff.rebuild import apply
from kpversion.diff.words import Segment, segments, word_edits

__all__ = [
    "LARGE_CHARS",
    "SIMILAR",
    "Alignment",
    "Segment",
    "apply",
    "diff_documents",
    "diff_texts",
    "segments",
    "word_edits",
]
