"""`check`: verify, then the obligations a published statement carries.

Findings come in three severities. `integrity`: a revision or ledger line was tampered with
(in the files, the index or the git history). `obligation`: a legal duty is not met (annual
review, notice of a material revision, effective before published). `warning`: worth knowing,
never a failure (an unpublished material change in the draft). `check` fails (exit 3) on
integrity and obligation findings; the pre-commit hook (`check --staged`) only on integrity.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kpversion.change import Verdict
from kpversion.dates import add_months
from kpversion.errors import KpversionError
from kpversion.store import transaction as journal
from kpversion.store.ledger import LedgerEntry, read_ledger, verify_statement
from kpversion.store.tree import Store

ANNUAL_RULE = (
    "CCPA: a privacy policy is updated at least once every 12 months, "
    "Cal. Civ. Code §1798.130(a)(5); 11 CCR §7011(e)(4)"
)
NOTICE_RULE = "the statement promises notice of material changes on the website; FTC Act §5"
DATES_RULE = "effective >= published: 45 CFR 164.520(b)(1)(viii); LEGAL.md A4"


class Severity(StrEnum):
    INTEGRITY = "integrity"
    OBLIGATION = "obligation"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: the file it is about, what is wrong, how bad, and the rule it cites."""

    path: str
    problem: str
    severity: Severity = Severity.INTEGRITY
    rule: str = ""

    def __str__(self) -> str:
        label = "warning: " if self.severity is Severity.WARNING else ""
        cited = f" ({self.rule})" if self.rule else ""
        return f"{self.path}: {label}{self.problem}{cited}"


@dataclass(frozen=True)
class CheckReport:
    statements: int
    findings: tuple[Finding, ...]

    def blocking(self, *, staged: bool = False) -> tuple[Finding, ...]:
        """The findings that fail the check (in the hook, only tampering does)."""
        severe = {Severity.INTEGRITY} if staged else {Severity.INTEGRITY, Severity.OBLIGATION}
        return tuple(f for f in self.findings if f.severity in severe)

    def failed(self, *, staged: bool = False) -> bool:
        return bool(self.blocking(staged=staged))


def check_store(store: Store, today: dt.date, *, staged: bool = False) -> CheckReport:
    """Every finding of every statement; with staged, also the index against HEAD."""
    from kpversion import gitio

    top = gitio.worktree(store.folder)
    findings: list[Finding] = []
    if staged and top is not None:
        findings += staged_findings(store, top)
    for slug in store.slugs():
        findings += check_statement(store, slug, today, top)
    return CheckReport(len(store.slugs()), tuple(findings))


def check_statement(store: Store, slug: str, today: dt.date, top: Path | None) -> list[Finding]:
    tampered = tampering(store, slug, top)
    if any(finding.path.endswith("ledger.jsonl") for finding in tampered):
        # The other checks read the ledger; it no longer says what was published.
        return tampered
    return [
        *tampered,
        *orphans(store, slug),
        *obligations(store, slug, today),
        *draft_warnings(store, slug),
    ]


def tampering(store: Store, slug: str, top: Path | None) -> list[Finding]:
    """verify, plus the git history and the working tree against HEAD."""
    folder = store.statement(slug).folder
    found = [Finding(p.path, p.problem) for p in verify_statement(folder, store.display(folder))]
    if top is not None:
        found += _committed_locks(store, folder, top)
        if not _in_progress(folder):
            found += _history(store, folder, top)
    return found


def _committed_locks(store: Store, folder: Path, top: Path) -> list[Finding]:
    """A publish lock or journal belongs to one live publish; committed, it would be planted."""
    from kpversion import gitio

    return [
        Finding(store.display(folder / name), "a publish lock or journal is committed to git")
        for name in (journal.LOCK, journal.JOURNAL)
        if gitio.head_bytes(top, _rel(folder / name, top)) is not None
    ]


def _history(store: Store, folder: Path, top: Path) -> list[Finding]:
    from kpversion import gitio

    found = []
    for edit in gitio.edits_under(top, _rel(folder / "revisions", top)):
        verb = "changed" if edit.status == "M" else "deleted"
        shown = store.display(top / edit.path)
        found.append(Finding(shown, f"published revision {verb} in commit {edit.commit[:12]}"))
    for path in gitio.changed_since_head(top, _rel(folder / "revisions", top)):
        shown = store.display(top / path)
        found.append(Finding(shown, "published revision edited in the working tree"))
    found += _ledger_history(store, folder, top)
    found += _tags(store, folder, top)
    return found


def _tags(store: Store, folder: Path, top: Path) -> list[Finding]:
    """Each publish tag `<slug>/<version>` still matches the revision and ledger line it tagged.

    History rewritten whole (an amended commit, a new chain of hashes) passes every other test;
    the tag still points at what was published."""
    from kpversion import gitio

    ledger = folder / "ledger.jsonl"
    lines = {entry.version: line for line, entry in read_ledger(ledger)}
    found = []
    for tag in gitio.tags(top, f"{folder.name}/"):
        version = tag.partition("/")[2]
        if version not in lines:
            found.append(Finding(store.display(ledger), f"has no line for {version}, tagged {tag}"))
            continue
        revision = folder / "revisions" / f"{version}.md"
        if _at_tag(top, tag, revision) != _bytes_or_none(revision):
            found.append(Finding(store.display(revision), f"differs from what tag {tag} holds"))
        tagged_ledger = (_at_tag(top, tag, ledger) or b"").decode("utf-8", "replace")
        if lines[version] not in tagged_ledger.splitlines():
            found.append(
                Finding(store.display(ledger), f"line for {version} differs from tag {tag}")
            )
    return found


def _at_tag(top: Path, tag: str, path: Path) -> bytes | None:
    from kpversion import gitio

    try:
        return gitio.read_file_at_ref(top, tag, _rel(path, top))
    except KpversionError:
        return None


def _bytes_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _ledger_history(store: Store, folder: Path, top: Path) -> list[Finding]:
    from kpversion import gitio

    ledger = folder / "ledger.jsonl"
    shown = store.display(ledger)
    found = []
    versions = gitio.file_versions(top, _rel(ledger, top))
    for (_, before), (commit, after) in itertools.pairwise(versions):
        if not after.startswith(before):
            found.append(Finding(shown, f"ledger lines rewritten in commit {commit[:12]}"))
    committed = gitio.head_bytes(top, _rel(ledger, top))
    current = ledger.read_bytes() if ledger.exists() else b""
    if committed is not None and not current.startswith(committed):
        found.append(
            Finding(shown, "ledger lines edited in the working tree (only appending is allowed)")
        )
    return found


def staged_findings(store: Store, top: Path) -> list[Finding]:
    """The index against HEAD: published revisions stay as they are, ledgers only grow."""
    from kpversion import gitio

    found = []
    for change in gitio.staged_changes(top):
        gone = change.old_path if change.status == "R" else change.path
        if change.status in "MDR" and _is_revision(gone):
            found.append(Finding(gone, "staged edit to a published revision (refused)"))
        if change.status in "MD" and Path(change.path).name == "ledger.jsonl":
            found += _staged_ledger(top, change.path, change.status)
    return found


def _is_revision(path: str) -> bool:
    parts = Path(path).parts
    return len(parts) >= 2 and parts[-2] == "revisions" and path.endswith(".md")


def _staged_ledger(top: Path, path: str, status: str) -> list[Finding]:
    from kpversion import gitio

    before = gitio.head_bytes(top, path) or b""
    after = b"" if status == "D" else gitio.staged_bytes(top, path)
    if after.startswith(before):
        return []
    return [Finding(path, "staged edit to ledger lines (only appending is allowed)")]


def orphans(store: Store, slug: str) -> list[Finding]:
    """Notices and records that no ledger line accounts for."""
    statement = store.statement(slug)
    if _in_progress(statement.folder):
        return []
    versions = {revision.entry.version for revision in store.revisions(slug)}
    found = []
    for folder, suffix in (("notices", ".md"), ("records", ".json")):
        for path in sorted((statement.folder / folder).glob(f"*{suffix}")):
            if path.name.removesuffix(suffix) not in versions:
                found.append(Finding(store.display(path), "not in the ledger"))
    return found


def obligations(store: Store, slug: str, today: dt.date) -> list[Finding]:
    statement = store.statement(slug)
    revisions = store.revisions(slug)
    shown = store.display(statement.folder)
    found = []
    if revisions and statement.settings.kind == "privacy" and "CCPA" in statement.settings.regimes:
        latest = revisions[-1].version.date
        due = add_months(latest, store.settings.review_months)
        if due < today:
            found.append(Finding(
                shown,
                f"overdue for its annual review: the latest revision {latest} is "
                f"{(today - latest).days} days old (review was due {due})",
                Severity.OBLIGATION,
                ANNUAL_RULE,
            ))  # fmt: skip
    for revision in revisions:
        found += _entry_findings(store, statement.folder, revision.entry)
    return found


def _entry_findings(store: Store, folder: Path, entry: LedgerEntry) -> list[Finding]:
    version = entry.version
    shown = store.display(folder / "revisions" / f"{version}.md")
    found = []
    if entry.verdict == Verdict.MATERIAL.value:
        if not isinstance(entry.meta.get("notice"), dict):
            found.append(Finding(shown, "material revision has no notice in the ledger",
                                 Severity.OBLIGATION, NOTICE_RULE))  # fmt: skip
        elif not (folder / "notices" / f"{version}.md").is_file():
            found.append(Finding(shown, f"material revision has no notices/{version}.md",
                                 Severity.OBLIGATION, NOTICE_RULE))  # fmt: skip
    if entry.effective < entry.published_at:
        found.append(Finding(
            shown,
            f"effective {entry.effective} is before published {entry.published_at}",
            Severity.OBLIGATION,
            DATES_RULE,
        ))  # fmt: skip
    return found


def draft_warnings(store: Store, slug: str) -> list[Finding]:
    """An unpublished material change in the draft, or one that needs a person's review."""
    from kpversion.workflows.publish import classified

    statement = store.statement(slug)
    latest = store.latest(slug)
    if latest is None or not store.draft_path(slug).exists():
        return []
    draft = store.draft(slug)
    if draft == latest.text():
        return []
    result = classified(store, statement, latest, draft, "draft")
    shown = store.display(store.draft_path(slug))
    if result.verdict is Verdict.MATERIAL:
        rules = sorted(
            {r for c in result.changes if c.verdict is Verdict.MATERIAL for r in c.rules}
        )
        return [Finding(shown, "draft holds an unpublished material change", Severity.WARNING,
                        ", ".join(rules))]  # fmt: skip
    if result.verdict is Verdict.REVIEW:
        return [Finding(shown, "draft holds unpublished changes that need review",
                        Severity.WARNING)]  # fmt: skip
    return []


def _in_progress(folder: Path) -> bool:
    """A live publish holds this statement: its files are mid-flight, not tampered with."""
    return (folder / journal.JOURNAL).exists() and journal.held_here(folder)


def _rel(path: Path, top: Path) -> str:
    # The last part is not resolved: a symlinked revisions/ is named as git tracks it.
    return Path(os.path.relpath(path.parent.resolve() / path.name, top.resolve())).as_posix()
