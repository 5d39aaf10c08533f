"""`check`: verify, then the obligations a published statement carries.

Findings come in three severities. `integrity`: a revision or ledger line was tampered with
(in the files, the index or the git history). `obligation`: a legal duty is not met (annual
review, notice of a material revision, effective before published). `warning`: worth knowing,
never a failure (an unpublished material change in the draft). `check` fails (exit 3) on
integrity and obligation findings; the pre-commit hook (`check --staged`) only on integrity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kpversion.change import Verdict
from kpversion.config import notice_days
from kpversion.dates import DateVersion, add_months
from kpversion.errors import IntegrityError
from kpversion.store.files import LinkRefused
from kpversion.store.history import in_progress, staged_problems, tampering
from kpversion.store.layout import LEDGER, NOTICES, RECORDS, Layout
from kpversion.store.ledger import LedgerEntry
from kpversion.store.tree import Store

ANNUAL_RULE = (
    "CCPA: a privacy policy is updated at least once every 12 months, "
    "Cal. Civ. Code §1798.130(a)(5); 11 CCR §7011(e)(4)"
)
NOTICE_RULE = "the statement promises notice of material changes on the website; FTC Act §5"
DATES_RULE = "effective >= published: 45 CFR 164.520(b)(1)(viii); docs/legal.md A4"


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
        findings += [Finding(p.path, p.problem) for p in staged_problems(store, top)]
    for slug in store.slugs():
        findings += check_statement(store, slug, today, top)
    return CheckReport(len(store.slugs()), tuple(findings))


def check_statement(store: Store, slug: str, today: dt.date, top: Path | None) -> list[Finding]:
    tampered = [Finding(p.path, p.problem) for p in tampering(store, slug, top)]
    if any(finding.path.endswith(LEDGER) for finding in tampered):
        # The other checks read the ledger; it no longer says what was published.
        return tampered
    try:
        return [
            *tampered,
            *orphans(store, slug),
            *obligations(store, slug, today),
            *notice_periods(store, slug),
            *settings_changes(store, slug),
            *reconstructed(store, slug),
            *draft_warnings(store, slug),
        ]
    except (LinkRefused, IntegrityError) as exc:
        # A linked or unreadable file is never read; verify's findings above name it (and
        # every other link), or this one does.
        refused = Finding(exc.path or slug, exc.problem)
        return tampered if refused in tampered else [*tampered, refused]


def orphans(store: Store, slug: str) -> list[Finding]:
    """Notices and records that no ledger line accounts for, under names that are no version
    (verify reports those named like one)."""
    statement = store.statement(slug)
    if in_progress(statement.folder):
        return []
    found = []
    for folder, suffix in ((NOTICES, ".md"), (RECORDS, ".json")):
        for path in sorted((statement.folder / folder).glob(f"*{suffix}")):
            if not DateVersion.is_valid(path.name.removesuffix(suffix)):
                found.append(Finding(store.display(path), "not in the ledger"))
    return found


def notice_periods(store: Store, slug: str) -> list[Finding]:
    """Every revision that was in force before a notice period ended: its own (a material
    revision effective sooner than its notice period, with no recorded reason), or that of a
    pending material revision whose change it carries. Reconstructed (backfilled) revisions
    are not judged: kpversion has no record of their notices."""
    from kpversion.compare import compare, rules_for

    statement = store.statement(slug)
    revisions = store.revisions(slug)
    rules = rules_for(store.settings, statement.settings)
    configured = notice_days(store.settings, statement.settings)
    found = []
    for index, revision in enumerate(revisions):
        days = configured
        entry = revision.entry
        if entry.meta.get("reconstructed"):
            continue
        shown = store.display(revision.path)
        if entry.verdict == Verdict.MATERIAL.value and index and not _justified(entry):
            lead = (_day(entry.effective) - _day(entry.published_at)).days
            recorded = entry.meta.get("settings")
            days = days if not isinstance(recorded, dict) else recorded.get("notice_days", days)
            if lead < days:
                found.append(Finding(
                    shown,
                    f"in force on {entry.effective}, {lead} days after its notice went up: "
                    f"before its notice period of {days} days ended, with no reason recorded",
                    Severity.OBLIGATION, NOTICE_RULE,
                ))  # fmt: skip
        for earlier in range(1, index):
            pending = revisions[earlier]
            if pending.entry.verdict != Verdict.MATERIAL.value:
                continue
            if not entry.published_at < pending.entry.effective or pending.entry.meta.get(
                "reconstructed"
            ):
                continue
            if entry.effective >= pending.entry.effective:
                continue
            labels = (f"{slug}@{revisions[earlier - 1].version}", f"{slug}@{revision.version}")
            before = revisions[earlier - 1].text()
            if compare(before, revision.text(), labels, rules=rules).verdict is Verdict.MATERIAL:
                found.append(Finding(
                    shown,
                    f"in force on {entry.effective}, before the notice period of revision "
                    f"{pending.version} ended ({pending.entry.effective}), whose material "
                    "change it carries",
                    Severity.OBLIGATION, NOTICE_RULE,
                ))  # fmt: skip
    return found


def _justified(entry: LedgerEntry) -> bool:
    """A shorter notice was decided with a recorded reason (--because, or an override's)."""
    override = entry.meta.get("override")
    return bool(entry.meta.get("because")) or (
        isinstance(override, dict) and bool(override.get("because"))
    )


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def settings_changes(store: Store, slug: str) -> list[Finding]:
    """The settings that decide verdicts and obligations, changed since the last publish (as
    its ledger line recorded them)."""
    from kpversion.store.ledger import settings_digest

    statement = store.statement(slug)
    recorded = next(
        (r.entry.meta["settings"] for r in reversed(store.revisions(slug))
         if isinstance(r.entry.meta.get("settings"), dict)),
        None,
    )  # fmt: skip
    if recorded is None:
        return []
    settings = statement.settings
    now = settings_digest(
        settings.kind,
        settings.regimes,
        notice_days(store.settings, settings),
        store.settings.rules,
        settings.rules,
    )
    changed = [name for name, value in now.items() if recorded.get(name) != value]
    if not changed:
        return []
    words = ", ".join(
        "rules" if name == "rules_sha256" else f"{name} {recorded.get(name)!r} -> {now[name]!r}"
        for name in changed
    )
    latest = store.latest(slug)
    return [Finding(
        store.display(statement.layout.settings),
        f"changed since the last publish ({latest.version if latest else '?'}): {words}; "
        "verdicts and obligations now follow the new settings",
        Severity.WARNING,
    )]  # fmt: skip


def reconstructed(store: Store, slug: str) -> list[Finding]:
    """Backfilled material revisions: their notices are not known, so they are not judged."""
    material = [
        r for r in store.revisions(slug)
        if r.entry.meta.get("reconstructed") and r.entry.verdict == Verdict.MATERIAL.value
    ]  # fmt: skip
    if not material:
        return []
    return [Finding(
        store.display(store.statement(slug).layout.ledger),
        f"{len(material)} material revision(s) reconstructed by backfill "
        f"({material[0].version} ... {material[-1].version}): kpversion has no record of their "
        "notices, so their notice periods are not checked",
        Severity.WARNING,
    )]  # fmt: skip


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
    shown = store.display(Layout(folder).revision(version))
    found = []
    if entry.verdict == Verdict.MATERIAL.value and not entry.meta.get("reconstructed"):
        if not isinstance(entry.meta.get("notice"), dict):
            found.append(Finding(shown, "material revision has no notice in the ledger",
                                 Severity.OBLIGATION, NOTICE_RULE))  # fmt: skip
        elif not Layout(folder).notice(version).is_file():
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
    from kpversion.compare import compare, rules_for

    statement = store.statement(slug)
    latest = store.latest(slug)
    if latest is None or not store.draft_path(slug).exists():
        return []
    draft = store.draft(slug)
    if draft == latest.text():
        return []
    labels = (f"{slug}@{latest.version}", f"{slug}@draft")
    rules = rules_for(store.settings, statement.settings)
    result = compare(latest.text(), draft, labels, rules=rules)
    shown = store.display(store.draft_path(slug))
    if result.verdict is Verdict.MATERIAL:
        fired = sorted(
            {r for c in result.changes if c.verdict is Verdict.MATERIAL for r in c.rules}
        )
        return [Finding(shown, "draft holds an unpublished material change", Severity.WARNING,
                        ", ".join(fired))]  # fmt: skip
    if result.verdict is Verdict.REVIEW:
        return [Finding(shown, "draft holds unpublished changes that need review",
                        Severity.WARNING)]  # fmt: skip
    return []
