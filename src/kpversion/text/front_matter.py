"""YAML front matter: the metadata block some statements start with (Jekyll's `---` block).

It is metadata, not content: pages show the body only, and take the `title` and `description`
from the block, parsed with PyYAML's safe loader. The block is found the way the document
model finds it (`text.document`), so the diff and the pages agree on where the body starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpversion.text.document import outline

MAX_FRONT_MATTER = 64 * 1024
"""Front matter larger than this is not parsed (its fields are left empty); the body still
starts after it."""


@dataclass(frozen=True)
class FrontMatter:
    """A text split into its front matter's fields and its body."""

    title: str
    description: str
    body: str


def split_front_matter(text: str) -> FrontMatter:
    """title and description from text's front matter ("" when absent, unreadable or not
    text), and the body after it; a text without front matter is all body."""
    found = outline(text).front
    if not found:
        return FrontMatter("", "", text)
    lines = found.count("\n") + 1
    body = "\n".join(text.split("\n")[lines:]).lstrip("\n")
    fields = _fields(found) if len(found) <= MAX_FRONT_MATTER else {}
    return FrontMatter(_text(fields.get("title")), _text(fields.get("description")), body)


def _fields(block: str) -> dict[object, object]:
    import yaml

    inner = block.split("\n")[1:-1]
    try:
        data = yaml.load("\n".join(inner), Loader=_loader())
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
