"""All git access goes through here; the only module that imports GitPython (lazily)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpversion.errors import KpversionError
from kpversion.limits import MAX_PAGE_BYTES, MAX_TEXT_BYTES, describe_limit


def read_file_at_ref(repo_path: Path | str, ref: str, path: str) -> bytes:
    """The bytes of `path` (relative to the repository's top folder) at the git `ref`."""
    import git

    try:
        repo = git.Repo(repo_path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise KpversionError("not inside a git repository", repo_path) from None
    with repo:
        try:
            commit = repo.commit(ref)
        except (git.BadName, git.BadObject, ValueError):
            raise KpversionError(f"unknown git ref {ref!r}", str(repo.working_dir)) from None
        try:
            blob = commit.tree / path.lstrip("/")
        except KeyError:
            raise KpversionError(f"no such file at {ref}", path) from None
        if blob.type != "blob":
            raise KpversionError(f"is a folder at {ref}, not a file", path)
        if blob.size > MAX_PAGE_BYTES:
            raise KpversionError(
                f"is {blob.size:,} bytes at {ref}, {describe_limit(MAX_PAGE_BYTES)}", path
            )
        data: bytes = blob.data_stream.read()
        return data


# --- publish, check, hooks and backfill ------------------------------------------------------


@dataclass(frozen=True)
class FileCommit:
    """One commit that changed a followed file: when, why, where the file was, and its bytes."""

    commit: str
    author_date: dt.datetime
    committer_date: dt.datetime
    subject: str
    path: str
    data: bytes


@dataclass(frozen=True)
class StagedChange:
    """One path in the index that differs from HEAD (`git diff --cached --name-status`)."""

    status: str
    path: str
    old_path: str = ""


def _has_commits(repo: Any) -> bool:
    try:
        return bool(repo.head.commit)
    except ValueError:
        return False


@contextlib.contextmanager
def _repo(path: Path | str) -> Iterator[Any]:
    """The repository holding path; a git command failing inside is one line, `git X failed`
    (out of disk, a lock held, a corrupt object), never a traceback."""
    import git

    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise KpversionError("not inside a git repository", path) from None
    with repo:
        try:
            yield repo
        except git.CommandError as exc:
            raise KpversionError(
                f"git {_subcommand(exc)} failed: {_git_message(exc)}", str(repo.working_dir or path)
            ) from None


def _subcommand(exc: Any) -> str:
    command = exc.command if isinstance(exc.command, list) else str(exc.command).split()
    words = [str(word) for word in command[1:2]]
    return words[0] if words else "command"


def worktree(path: Path | str) -> Path | None:
    """The top folder of the git work tree holding path, or None outside any repository."""
    import git

    try:
        with git.Repo(path, search_parent_directories=True) as repo:
            return None if repo.bare or not repo.working_dir else Path(repo.working_dir)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def head(top: Path) -> str | None:
    """The commit HEAD points at; None on a branch with no commit yet."""
    with _repo(top) as repo:
        try:
            return str(repo.head.commit.hexsha)
        except ValueError:
            return None


def has_tag(top: Path, tag: str) -> bool:
    with _repo(top) as repo:
        return f"refs/tags/{tag}" in {ref.path for ref in repo.tags}


def tags(top: Path, prefix: str) -> list[str]:
    """The names of the tags that start with prefix, sorted (a name ending in .lock is a killed
    `git tag`'s lock file, which GitPython lists: git forbids such a tag name)."""
    with _repo(top) as repo:
        names = (ref.name for ref in repo.tags if not ref.name.endswith(".lock"))
        return sorted(name for name in names if name.startswith(prefix))


def add_paths(top: Path, paths: Sequence[str]) -> None:
    """Stage exactly these paths."""
    import git

    with _repo(top) as repo:
        try:
            repo.git.add("--", *paths)
        except git.GitCommandError as exc:
            raise KpversionError(f"git commit failed: {_git_message(exc)}", top) from None


def commit_paths(top: Path, paths: Sequence[str], message: str) -> str:
    """Commit exactly these (staged) paths; other staged changes stay staged. Returns the
    commit."""
    import git

    with _repo(top) as repo:
        try:
            repo.git.commit("--quiet", "--only", "-m", message, "--", *paths)
        except git.GitCommandError as exc:
            raise KpversionError(f"git commit failed: {_git_message(exc)}", top) from None
        return str(repo.head.commit.hexsha)


def create_tag(top: Path, tag: str, commit: str, message: str) -> None:
    """An annotated tag."""
    import git

    with _repo(top) as repo:
        try:
            repo.create_tag(tag, ref=commit, message=message)
        except git.GitCommandError as exc:
            raise KpversionError(f"git tag failed: {_git_message(exc)}", top) from None


def delete_tag(top: Path, tag: str) -> None:
    with _repo(top) as repo:
        if f"refs/tags/{tag}" in {ref.path for ref in repo.tags}:
            repo.delete_tag(tag)


def commit_with_trailers(top: Path, parent: str | None, trailers: Mapping[str, str]) -> str | None:
    """HEAD, when it is a child of parent whose message carries all these trailers."""
    with _repo(top) as repo:
        try:
            commit = repo.head.commit
        except ValueError:
            return None
        parents = [p.hexsha for p in commit.parents]
        if parents != ([parent] if parent else []):
            return None
        message = str(commit.message)
        wanted = (f"{key}: {value}" for key, value in trailers.items())
        if all(line in message.splitlines() for line in wanted):
            return str(commit.hexsha)
        return None


def undo_commit(top: Path, parent: str | None, paths: Sequence[str]) -> None:
    """Move the branch back to parent and put the index entries of paths back as they were."""
    with _repo(top) as repo:
        if parent is None:
            repo.git.update_ref("-d", "HEAD")
        else:
            repo.git.reset("--soft", parent)
    unstage(top, parent, paths)


def unstage(top: Path, parent: str | None, paths: Sequence[str]) -> None:
    """Put the index entries of paths back to parent's (or drop them on an unborn branch)."""
    with _repo(top) as repo:
        if parent is None:
            repo.git.rm("--cached", "-q", "-r", "--ignore-unmatch", "--", *paths)
        else:
            repo.git.reset("-q", parent, "--", *paths)


def file_versions(top: Path, path: str) -> list[tuple[str, bytes]]:
    """(commit, bytes) of every commit on HEAD's history that changed path, oldest first."""
    with _repo(top) as repo:
        if not _has_commits(repo):
            return []
        shas = repo.git.log("--format=%H", "--", path).split()
        return [(sha, _blob(repo.commit(sha), path)) for sha in reversed(shas)]


def head_bytes(top: Path, path: str) -> bytes | None:
    """The bytes of path at HEAD; None when HEAD has no such file."""
    with _repo(top) as repo:
        try:
            return _blob(repo.head.commit, path)
        except (ValueError, KeyError):
            return None


def staged_bytes(top: Path, path: str) -> bytes:
    with _repo(top) as repo:
        data: bytes = repo.git.show(f":{path}", stdout_as_string=False)
        return data


def staged_changes(top: Path) -> list[StagedChange]:
    """Paths whose staged content differs from HEAD, with renames detected."""
    with _repo(top) as repo:
        against = "HEAD" if _has_commits(repo) else repo.git.hash_object("-t", "tree", "/dev/null")
        output = repo.git.diff("--cached", "--name-status", "-M", "-z", against)
    fields = output.split("\0")
    changes, i = [], 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":
            changes.append(StagedChange(status[0], fields[i + 2], fields[i + 1]))
            i += 3
        else:
            changes.append(StagedChange(status[0], fields[i + 1]))
            i += 2
    return changes


def hooks_folder(top: Path) -> Path:
    """Where git looks for hooks (honours core.hooksPath)."""
    with _repo(top) as repo:
        folder = repo.git.rev_parse("--git-path", "hooks")
    path = Path(folder)
    return path if path.is_absolute() else top / path


def user_name(top: Path) -> str:
    with _repo(top) as repo:
        try:
            return str(repo.git.config("user.name"))
        except Exception:
            return ""


def follow_file(
    repo_path: Path | str, path: str, progress: Callable[[int, int], None] | None = None
) -> list[FileCommit]:
    """Every first-parent commit that changed path, following renames, oldest first.

    The walk goes back from HEAD through one log of the whole first-parent history, keeping
    the file's name as it was at each commit: a rename (git's, or a commit that adds the file
    while deleting exactly one other file whose text is alike, a rewrite too large for git's
    line-based similarity test) switches to the old name, so renames and renames back are
    both followed. `git log --follow` cannot do that: it keeps to one name's history."""
    import git

    with _repo(repo_path) as repo, repo.git.custom_environment(GIT_LITERAL_PATHSPECS="1"):
        try:
            entries = _follow(repo, posixpath.normpath(path)) if _has_commits(repo) else []
        except git.GitCommandError as exc:
            raise KpversionError(f"git log failed: {_git_message(exc)}", path) from None
        result = []
        for number, entry in enumerate(entries, start=1):
            # A statement's text, each one: a larger file is refused before it is read.
            data = _blob(repo.commit(entry.sha), entry.path, MAX_TEXT_BYTES)
            result.append(FileCommit(entry.sha, entry.author, entry.committer, entry.subject,
                                     entry.path, data))  # fmt: skip
            if progress:
                progress(number, len(entries))
        return result


@dataclass(frozen=True)
class _LogEntry:
    sha: str
    author: dt.datetime
    committer: dt.datetime
    subject: str
    status: str
    path: str


@dataclass(frozen=True)
class _Commit:
    """One commit of the first-parent log and what it changed: (status, old path, new path)."""

    sha: str
    author: dt.datetime
    committer: dt.datetime
    subject: str
    changes: tuple[tuple[str, str, str], ...]


def _follow(repo: Any, path: str) -> list[_LogEntry]:
    """The log entries of path under each of its names, oldest first."""
    kind = _kind_at_head(repo, path)
    if kind == "tree":
        raise KpversionError("is a folder in the repository, not a file", path)
    if kind is None:
        if repo.git.log("-1", "--format=%H", "HEAD", "--", path).strip():
            # Following an old name from HEAD would stop at the rename and lose what came after.
            raise KpversionError("is not in the repository at HEAD; give its newest path", path)
        return []
    found: list[_LogEntry] = []
    for commit in _first_parent_log(repo):
        change = next((c for c in commit.changes if c[2] == path and c[0] != "D"), None)
        if change is None:
            continue
        status, old, _ = change
        found.append(_LogEntry(commit.sha, commit.author, commit.committer, commit.subject,
                               status, path))  # fmt: skip
        if status == "R":
            path = old
        elif status == "A":
            previous = _replaced(repo, commit, path)
            if previous is None:
                break
            path = previous
    return list(reversed(found))


def _first_parent_log(repo: Any) -> list[_Commit]:
    """The first-parent history from HEAD, newest first, each commit with its changes against
    its first parent (renames detected)."""
    log = repo.git.log(
        "--first-parent", "--diff-merges=first-parent", "-M", "--name-status", "-z",
        "--format=%x01%H%x00%aI%x00%cI%x00%s", "HEAD",
    )  # fmt: skip
    return [_commit_entry(chunk) for chunk in log.split("\x01") if chunk.strip("\0\n")]


def _commit_entry(chunk: str) -> _Commit:
    sha, author, committer, rest = chunk.split("\0", 3)
    subject, _, status = rest.partition("\n")
    fields = [f for f in status.strip("\n").split("\0") if f]
    changes: list[tuple[str, str, str]] = []
    index = 0
    while index < len(fields):
        code = fields[index][0]
        if code in "RC" and index + 2 < len(fields):
            changes.append((code, fields[index + 1], fields[index + 2]))
            index += 3
        elif index + 1 < len(fields):
            changes.append((code, fields[index + 1], fields[index + 1]))
            index += 2
        else:
            break
    return _Commit(sha, dt.datetime.fromisoformat(author), dt.datetime.fromisoformat(committer),
                   subject.rstrip("\0"), tuple(changes))  # fmt: skip


RENAME_SHARED = 25.0
"""Percent of the smaller text's word 5-grams the two texts must share to be one file renamed.

Measured on the corpus: Basecamp's 2020 rename back came with a consolidation (7 KB to 18 KB:
51% shared; rapidfuzz's ratio only 47), GitHub's 2024 rename with a rewrite (40%; git's line
similarity 18%); the last texts of different companies' policies share at most 5.4%."""
SHINGLE = 5


def _replaced(repo: Any, commit: _Commit, path: str) -> str | None:
    """The one file deleted by the commit that added path, if it is the only one and alike."""
    deleted = [old for code, old, _ in commit.changes if code == "D"]
    parents = repo.commit(commit.sha).parents
    if len(deleted) != 1 or not parents:
        return None
    before = _blob(parents[0], deleted[0], MAX_TEXT_BYTES)
    after = _blob(repo.commit(commit.sha), path, MAX_TEXT_BYTES)
    return deleted[0] if _alike(before, after) else None


def _alike(before: bytes, after: bytes) -> bool:
    old, new = (_shingles(data.decode("utf-8", errors="replace")) for data in (before, after))
    smaller = min(len(old), len(new))
    return smaller > 0 and 100 * len(old & new) / smaller >= RENAME_SHARED


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


_WORD = re.compile(r"\w+")


def _kind_at_head(repo: Any, path: str) -> str | None:
    """`blob` or `tree` for what path names at HEAD, None when HEAD has nothing there."""
    try:
        return str((repo.head.commit.tree / path).type)
    except KeyError:
        return None


def _blob(commit: Any, path: str, limit: int | None = None) -> bytes:
    """The file's bytes at commit; one larger than limit is refused before it is read."""
    blob = commit.tree / path
    if limit is not None and blob.type == "blob" and blob.size > limit:
        shown = f"{path} at {str(commit.hexsha)[:12]}"
        raise KpversionError(f"is {blob.size:,} bytes, {describe_limit(MAX_TEXT_BYTES)}", shown)
    data: bytes = blob.data_stream.read()
    return data


def _git_message(exc: Any) -> str:
    text = (exc.stderr or exc.stdout or str(exc)).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1].removeprefix("stderr: ").strip("'") if lines else str(exc)


@dataclass(frozen=True)
class PathEdit:
    """A commit that modified (M) or deleted (D) a file."""

    commit: str
    status: str
    path: str


def edits_under(top: Path, folder: str) -> list[PathEdit]:
    """Every commit on HEAD's history that modified or deleted a file under folder."""
    with _repo(top) as repo:
        if not _has_commits(repo):
            return []
        log = repo.git.log(
            "--no-renames", "--diff-filter=MD", "--name-status", "--format=%x01%H", "--", folder
        )
    found = []
    for chunk in log.split("\x01"):
        sha, _, status = chunk.strip().partition("\n")
        for line in status.splitlines():
            if line.strip():
                kind, path = line.split("\t", 1)
                found.append(PathEdit(sha, kind[0], path))
    return found


def changed_since_head(top: Path, folder: str) -> list[str]:
    """Files under folder whose working-tree content was modified or deleted since HEAD."""
    with _repo(top) as repo:
        if not _has_commits(repo):
            return []
        output = repo.git.diff(
            "--name-only", "--no-renames", "--diff-filter=MD", "HEAD", "--", folder
        )
    return [line for line in output.splitlines() if line]


# --- publish tags: the anchor of each ledger line -------------------------------------------
@dataclass(frozen=True)
class TagDetail:
    """A tag: whether it is annotated, its message and the commit it points at."""

    name: str
    annotated: bool
    message: str
    commit: str


def tag_details(top: Path, prefix: str) -> dict[str, TagDetail]:
    """Every tag whose name starts with prefix, in one `git for-each-ref`."""
    with _repo(top) as repo:
        output = repo.git.for_each_ref(
            "--format=%(refname:strip=2)%00%(objecttype)%00%(*objectname)%00%(objectname)"
            "%00%(contents)%01",
            f"refs/tags/{prefix}",
        )
    found = {}
    for record in output.split("\x01"):
        parts = record.lstrip("\n").split("\0", 4)
        if len(parts) < 5:
            continue
        name, kind, peeled, target, message = parts
        annotated = kind == "tag"
        found[name] = TagDetail(name, annotated, message if annotated else "",
                                peeled if annotated else target)  # fmt: skip
    return found


def blob_at(top: Path, commit: str, path: str) -> bytes | None:
    """The bytes of path (relative to the top folder) at commit; None when it has no such file."""
    with _repo(top) as repo:
        try:
            return _blob(repo.commit(commit), path)
        except (KeyError, ValueError):
            return None


# --- a git killed mid-step: its index.lock, and whether any git still runs here -------------


def common_dir(top: Path) -> Path:
    """The repository's git folder shared by all its work trees (where refs and tags live)."""
    return _git_path(top, "--git-common-dir")


def index_lock(top: Path) -> Path:
    """Where git keeps the lock of this work tree's index while a command changes it."""
    return _git_path(top, "--git-path", "index.lock")


def _git_path(top: Path, *args: str) -> Path:
    with _repo(top) as repo:
        path = Path(repo.git.rev_parse(*args))
        return path if path.is_absolute() else Path(repo.working_dir) / path


PROC = Path("/proc")


def live_git_processes(top: Path) -> list[int] | None:
    """The live git processes that work in this repository, by pid; None where the system
    does not show processes' folders and files (no /proc), so nothing can be proven.

    A git process works here when its folder is inside the work tree or the git folder, its
    GIT_DIR or GIT_WORK_TREE points there, or it has a file of the git folder open. One whose
    folder cannot be read (another user's) counts as working here: only proof makes a lock
    stale. GitPython's own `git cat-file` readers, children of this process, are not counted:
    they never take the index lock."""
    if not (PROC / "self" / "fd").is_dir():
        return None
    places = (top.resolve(), common_dir(top).resolve(), index_lock(top).parent.resolve())
    found = []
    for entry in os.scandir(PROC):
        if entry.name.isdigit() and _is_git_working_in(Path(entry.path), places):
            found.append(int(entry.name))
    return found


def _is_git_working_in(proc: Path, places: tuple[Path, ...]) -> bool:
    try:
        stat = (proc / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # gone meanwhile
    name, _, rest = stat.partition(" (")[2].rpartition(") ")
    fields = rest.split()
    if not name.startswith("git") or not fields or fields[0] in "ZX":
        return False  # not git, or a zombie (it holds nothing)
    if int(fields[1]) == os.getpid() and _is_reader(proc):
        return False
    try:
        return _uses(proc, places)
    except PermissionError:
        return True
    except OSError:
        return False


def _is_reader(proc: Path) -> bool:
    try:
        arguments = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"cat-file" in arguments[1:3]


def _uses(proc: Path, places: tuple[Path, ...]) -> bool:
    folder = Path(os.readlink(proc / "cwd"))
    if _inside_any(folder, places):
        return True
    environ = (proc / "environ").read_bytes().split(b"\0")
    for variable in environ:
        name, _, value = variable.partition(b"=")
        pointed = name in (b"GIT_DIR", b"GIT_WORK_TREE", b"GIT_INDEX_FILE") and value
        if pointed and _inside_any(folder / os.fsdecode(value), places):
            return True
    for fd in os.listdir(proc / "fd"):
        with contextlib.suppress(OSError):
            if _inside_any(Path(os.readlink(proc / "fd" / fd)), places):
                return True
    return False


def _inside_any(path: Path, places: tuple[Path, ...]) -> bool:
    resolved = Path(os.path.normpath(path))
    return any(resolved == place or place in resolved.parents for place in places)
