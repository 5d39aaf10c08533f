"""The `unified` format: a real patch of the old text into the new, annotated with verdicts.

`git apply` and `patch` accept it. Its hunks are whole lines with three lines of context, as
`git diff` writes them, over an optimal line alignment (rapidfuzz `Indel`, LCS). Each hunk
header names, after its second `@@` where patch tools allow any text, the section and the
changes the hunk holds (`#2 modified sentence · material`); every change's full verdict note
comes first, before the `---` line, where patch tools skip text.

Both header names are the file the patch applies to: the old operand's path, or, for
`SLUG@VERSION`, `SLUG@draft` or `SLUG@latest`, `statements/SLUG/draft.md` (the working copy,
where an edit made against that text lands); for `git:REF:PATH`, PATH.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from kpversion.change import DiffResult

CONTEXT = 3
STORE_REF = re.compile(r"([a-z0-9][a-z0-9-]{0,63})@(draft|latest|\d{4}-\d{2}-\d{2})")
NO_NEWLINE = "\\ No newline at end of file\n"

Opcode = tuple[str, int, int, int, int]


class ChangeNote(NamedTuple):
    """How a change is named in the patch: in full before it, briefly in a hunk header."""

    full: str
    short: str
    section: str


def unified_patch(result: DiffResult, summary: str, notes: Sequence[ChangeNote]) -> str:
    """The patch of result.old.text into result.new.text, after the summary line and one
    note per change (notes[k] describes change k + 1)."""
    old, new = lines_of(result.old.text), lines_of(result.new.text)
    preamble = [f"kpversion diff {result.old.label} → {result.new.label}\n", f"{summary}\n"]
    preamble += [f"#{k} {note.full}\n" for k, note in enumerate(notes, 1)]
    hunks = list(_groups(line_opcodes(old, new)))
    if not hunks:
        return "".join(preamble)
    target = patch_target(result.old.label)
    lines = [*preamble, "\n", f"--- {quote_path('a/' + target)}\n"]
    lines.append(f"+++ {quote_path('b/' + target)}\n")
    spans = _ChangeSpans(result, notes)
    for group in hunks:
        lines.append(_header(group, spans))
        lines.extend(_body(group, old, new))
    return "".join(lines)


def lines_of(text: str) -> list[str]:
    """Lines as git counts them: split at LF only, each keeping its LF (the last may lack it)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def patch_target(label: str) -> str:
    """The file a patch from this operand applies to (see the module docstring)."""
    store = STORE_REF.fullmatch(label)
    if store:
        return f"statements/{store.group(1)}/draft.md"
    if label.startswith("git:"):
        return label.split(":", 2)[-1]
    return label.replace("\\", "/").lstrip("/")


def quote_path(path: str) -> str:
    """A name as git writes it: C-quoted when it holds a quote, a backslash, a control
    character or white space (git apply reads both forms)."""
    if not re.search(r'[\s"\\\x00-\x1f\x7f]', path):
        return path
    body = "".join(_quote_char(ch) for ch in path)
    return f'"{body}"'


def _quote_char(ch: str) -> str:
    escapes = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if ch in escapes:
        return escapes[ch]
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"\\{ord(ch):03o}"
    return ch


def line_opcodes(old: Sequence[str], new: Sequence[str]) -> list[Opcode]:
    """An optimal (LCS) alignment of the lines, as difflib-style opcodes; the common head and
    tail are matched first, so the aligner's memory covers only the lines that differ."""
    from rapidfuzz.distance import Indel

    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    mid_old, mid_new = old[head : len(old) - tail], new[head : len(new) - tail]
    ops: list[Opcode] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    for op in Indel.opcodes(mid_old, mid_new):
        ops.append(
            (
                op.tag,
                op.src_start + head,
                op.src_end + head,
                op.dest_start + head,
                op.dest_end + head,
            )
        )
    if tail:
        ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return [op for op in _merged(ops) if op[1] != op[2] or op[3] != op[4]]


def _merged(ops: list[Opcode]) -> Iterator[Opcode]:
    """Adjacent deletions and insertions as one replace, as git shows them."""
    pending: Opcode | None = None
    for op in ops:
        if pending and op[0] != "equal" and pending[0] != "equal":
            pending = ("replace", pending[1], op[2], pending[3], op[4])
            continue
        if pending:
            yield pending
        pending = op
    if pending:
        yield pending


def _groups(ops: list[Opcode]) -> Iterator[list[Opcode]]:
    """Hunks: changed runs with CONTEXT lines around them, joined when their contexts touch."""
    if not any(op[0] != "equal" for op in ops):
        return
    ops = list(ops)
    if ops[0][0] == "equal":
        _, i1, i2, j1, j2 = ops[0]
        ops[0] = ("equal", max(i1, i2 - CONTEXT), i2, max(j1, j2 - CONTEXT), j2)
    if ops[-1][0] == "equal":
        _, i1, i2, j1, j2 = ops[-1]
        ops[-1] = ("equal", i1, min(i2, i1 + CONTEXT), j1, min(j2, j1 + CONTEXT))
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" and i2 - i1 > 2 * CONTEXT and group:
            group.append((tag, i1, i1 + CONTEXT, j1, j1 + CONTEXT))
            yield group
            group = []
            i1, j1 = i2 - CONTEXT, j2 - CONTEXT
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _header(group: list[Opcode], spans: _ChangeSpans) -> str:
    old_lo, old_hi, new_lo, new_hi = group[0][1], group[-1][2], group[0][3], group[-1][4]
    numbers = spans.within(old_lo, old_hi, new_lo, new_hi)
    where = spans.section(numbers)
    described = " · ".join(spans.short(k) for k in numbers)
    text = " ".join(f"{where} · {described}".split()) if described else where
    return f"@@ -{_range(old_lo, old_hi)} +{_range(new_lo, new_hi)} @@ {text}".rstrip() + "\n"


def _body(group: list[Opcode], old: Sequence[str], new: Sequence[str]) -> Iterator[str]:
    for tag, i1, i2, j1, j2 in group:
        if tag == "equal":
            yield from (_line(" ", line) for line in old[i1:i2])
            continue
        yield from (_line("-", line) for line in old[i1:i2])
        yield from (_line("+", line) for line in new[j1:j2])


def _line(mark: str, line: str) -> str:
    return mark + line if line.endswith("\n") else f"{mark}{line}\n{NO_NEWLINE}"


class _ChangeSpans:
    """Which changes a hunk holds: the line span of each change's block, on the new side when
    it has one, else the old; looked up by bisection, so a patch of many hunks stays fast."""

    def __init__(self, result: DiffResult, notes: Sequence[ChangeNote]) -> None:
        from kpversion.text.document import parse_many

        self.changes, self.notes = result.changes, notes
        # Parsed together, the chunks the two texts share are parsed once.
        documents = parse_many([result.old.text, result.new.text])
        old, new = (_block_lines(d.text, [b.text for b in d.blocks]) for d in documents)
        self.sides: dict[str, list[tuple[int, int, int]]] = {"old": [], "new": []}
        for number, change in enumerate(self.changes, 1):
            if (span := _span(new, change.new_index)) is not None:
                self.sides["new"].append((*span, number))
            elif (span := _span(old, change.old_index)) is not None:
                self.sides["old"].append((*span, number))
        for spans in self.sides.values():
            spans.sort()
        self.longest = {
            side: max((hi - lo for lo, hi, _ in spans), default=0)
            for side, spans in self.sides.items()
        }

    def within(self, old_lo: int, old_hi: int, new_lo: int, new_hi: int) -> list[int]:
        found = self._overlapping("old", old_lo, old_hi) + self._overlapping("new", new_lo, new_hi)
        return sorted(found)

    def _overlapping(self, side: str, lo: int, hi: int) -> list[int]:
        spans, hi = self.sides[side], max(hi, lo + 1)  # an empty range sits between two lines
        first = bisect.bisect_left(spans, (lo - self.longest[side], -1, -1))
        last = bisect.bisect_left(spans, (hi, -1, -1))
        return [number for start, end, number in spans[first:last] if end > lo and start < hi]

    def section(self, numbers: list[int]) -> str:
        return self.notes[numbers[0] - 1].section if numbers else ""

    def short(self, number: int) -> str:
        return f"#{number} {self.notes[number - 1].short}"


def _block_lines(text: str, blocks: list[str]) -> list[tuple[int, int] | None]:
    """Each block's [first, last + 1) line in text, found in order (blocks are its slices)."""
    starts = [0, *itertools.accumulate(len(line) for line in lines_of(text))]
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for block in blocks:
        at = text.find(block, cursor) if block else -1
        if at < 0:
            spans.append(None)
            continue
        cursor = at + len(block)
        first = bisect.bisect_right(starts, at) - 1
        spans.append((first, first + block.count("\n") + 1))
    return spans


def _span(spans: list[tuple[int, int] | None], index: int) -> tuple[int, int] | None:
    return spans[index] if 0 <= index < len(spans) else None
