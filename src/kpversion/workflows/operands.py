"""What `kpversion diff` compares: operand strings resolved to labelled texts.

An operand is a file path (.txt, .md or .html, converted exactly as `import` converts),
`SLUG@VERSION`, `SLUG@draft`, `SLUG@latest`, or `git:REF:PATH`. A lone `SLUG` compares the
latest revision with the draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kpversion.errors import InputError

if TYPE_CHECKING:
    from kpversion.change import DiffResult, Override
    from kpversion.config import StatementSettings, TreeSettings
    from kpversion.store.tree import Store


@dataclass(frozen=True)
class Operand:
    """One side of a diff: its label, its Markdown text and, when from the store, its slug."""

    label: str
    text: str
    slug: str = ""


class _Context:
    """The store, found only when an operand needs it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._store: Store | None = None

    def store(self) -> Store:
        if self._store is None:
            from kpversion.store.tree import Store

            self._store = Store.open(self.root)
        return self._store

    def tree_settings(self) -> TreeSettings:
        """The tree's settings; the defaults when there is no store (two files compared
        outside one). Settings that are wrong are an error, as for every command.

        Read without opening the store: a diff of two files needs no more of it.
        """
        from kpversion.config import TreeSettings, load_tree_settings
        from kpversion.store.layout import TREE_SETTINGS, find_root, tree_folder

        if self._store is not None:
            return self._store.settings
        root = find_root(self.root)
        folder = tree_folder(root) if root is not None else None
        if folder is None or not folder.is_dir():
            return TreeSettings()
        return load_tree_settings(folder / TREE_SETTINGS)


def resolve_pair(specs: Sequence[str], root: Path | str = ".") -> tuple[Operand, Operand]:
    """The two operands of `diff [A [B]]`; one operand must be a slug (latest vs draft)."""
    context = _Context(Path(root))
    if len(specs) == 1 and "@" not in specs[0] and not specs[0].startswith("git:"):
        slug = specs[0]
        if Path(slug).is_file():
            raise InputError("give two operands to compare a file", slug)
        return _from_store(context, f"{slug}@latest"), _from_store(context, f"{slug}@draft")
    if len(specs) != 2:
        raise InputError("diff takes A B, or one statement SLUG (latest revision vs draft)")
    return resolve(specs[0], context), resolve(specs[1], context)


def resolve(spec: str, context: _Context) -> Operand:
    if spec.startswith("git:"):
        return _from_git(spec, context)
    path = Path(spec)
    if path.is_file():
        return _from_file(path, spec, context)
    if "@" in spec:
        return _from_store(context, spec)
    raise InputError("no such file (and not SLUG@VERSION or git:REF:PATH)", spec)


def _from_file(path: Path, label: str, context: _Context) -> Operand:
    from kpversion.text.convert import to_markdown_file

    return Operand(label, to_markdown_file(path, context.tree_settings().chrome_patterns, label))


def _from_store(context: _Context, spec: str) -> Operand:
    from kpversion.store.tree import parse_ref

    slug, ref = parse_ref(spec)
    return Operand(f"{slug}@{ref}", context.store().text(slug, ref), slug)


def _from_git(spec: str, context: _Context) -> Operand:
    from kpversion.gitio import read_file_at_ref
    from kpversion.limits import check_text
    from kpversion.text.convert import HTML_SUFFIXES, detect_format, to_markdown

    ref, _, name = spec[len("git:") :].partition(":")
    if not ref or not name:
        raise InputError("write a git operand as git:REF:PATH", spec)
    data = read_file_at_ref(context.root, ref, name)
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        from kpversion.text.html import decode_html

        text, fmt = decode_html(data, spec), "html"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", spec) from None
        fmt = detect_format(Path(name), text)
    markdown = to_markdown(text, fmt, context.tree_settings().chrome_patterns)
    return Operand(spec, check_text(markdown, spec))


def compare_operands(
    specs: Sequence[str],
    root: Path | str = ".",
    override: Override | None = None,
    because: str = "",
) -> DiffResult:
    """Resolve the operands and compare them under the rules of their statement."""
    from kpversion.compare import compare, rules_for

    old, new = resolve_pair(specs, root)
    tree, statement = _statement_settings(Path(root), new.slug or old.slug)
    return compare(
        old.text,
        new.text,
        (old.label, new.label),
        rules=rules_for(tree, statement),
        override=override,
        because=because,
    )


def _statement_settings(
    root: Path, slug: str
) -> tuple[TreeSettings | None, StatementSettings | None]:
    if not slug:
        return None, None
    context = _Context(root)
    store = context.store()
    return store.settings, store.statement(slug).settings
