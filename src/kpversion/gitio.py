"""All git access goes through here; the only module that imports GitPython (lazily)."""

from __future__ import annotations

from pathlib import Path

from kpversion.errors import KpversionError


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
            raise KpversionError(f"unknown git ref {ref!r}", repo.working_dir) from None
        try:
            blob = commit.tree / path.lstrip("/")
        except KeyError:
            raise KpversionError(f"no such file at {ref}", path) from None
        if blob.type != "blob":
            raise KpversionError(f"is a folder at {ref}, not a file", path)
        data: bytes = blob.data_stream.read()
        return data
