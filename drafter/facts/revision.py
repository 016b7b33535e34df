"""Load versions of the fact base named on the command line (folders or git revisions); compare.

A revision is read with `git ls-tree` and one `git cat-file --batch`, into a temporary folder
that the ordinary loader then reads; problems found in it are reported as `REV:path`.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from drafter.errors import DrafterError, FactBaseError, Location, Problem
from drafter.facts.diff import FactBaseDiff, diff_fact_bases
from drafter.facts.load import FACT_SUFFIXES, load_fact_base
from drafter.facts.model import FactBase


def diff_versions(old: str, new: str | None, facts_dir: Path) -> FactBaseDiff:
    """Compare version `old` with `new` (by default, `facts_dir` as it is now).

    Raises:
        DrafterError: a version is neither a folder nor a git revision.
        FactBaseError: a version of the fact base is not sound.
    """
    before = load_version(old, facts_dir)
    after = load_version(new, facts_dir) if new else load_fact_base(facts_dir)
    return diff_fact_bases(before, after, old_name=old, new_name=new or str(facts_dir))


def load_version(spec: str, facts_dir: Path) -> FactBase:
    """The fact base in folder `spec`, or in `facts_dir` as it was at git revision `spec`.

    Raises:
        DrafterError: `spec` is neither a folder nor a revision, or git fails.
        FactBaseError: that version of the fact base is not sound.
    """
    if Path(spec).is_dir():
        return load_fact_base(Path(spec))
    root, folder = _repository(facts_dir, spec)
    files = _read_revision(root, spec, folder)
    with tempfile.TemporaryDirectory(prefix="drafter-rev-") as temporary:
        for name, data in files.items():
            (Path(temporary) / name).write_bytes(data)
        try:
            return load_fact_base(Path(temporary))
        except FactBaseError as error:
            raise relocated(error, Path(temporary), Path(f"{spec}:{folder}")) from error


def _repository(facts_dir: Path, spec: str) -> tuple[Path, PurePosixPath]:
    """The repository root holding `facts_dir`, and the folder's path inside it."""
    start = facts_dir if facts_dir.is_dir() else Path.cwd()
    top = _git(start, "rev-parse", "--show-toplevel")
    if top is None:
        raise DrafterError(f"'{spec}' is not a folder, and {start} is not in a git repository")
    root = Path(top.decode().strip())
    if _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}") is None:
        raise DrafterError(f"'{spec}' is neither a folder nor a git revision")
    try:
        folder = facts_dir.resolve().relative_to(root.resolve())
    except ValueError:
        raise DrafterError(f"{facts_dir} is not inside the git repository at {root}") from None
    return root, PurePosixPath(folder.as_posix())


def _read_revision(root: Path, spec: str, folder: PurePosixPath) -> dict[str, bytes]:
    """The `*.yaml` files directly inside `folder` at revision `spec`, by name."""
    tree = f"{spec}:" if str(folder) == "." else f"{spec}:{folder}"
    listing = _git(root, "ls-tree", "-z", tree)
    if listing is None:
        raise DrafterError(f"revision '{spec}' has no folder '{folder}'")
    blobs: dict[str, str] = {}
    for entry in filter(None, listing.decode().split("\0")):
        meta, name = entry.split("\t", 1)
        if meta.split()[1] == "blob" and name.endswith(FACT_SUFFIXES):
            blobs[name] = meta.split()[2]
    if not blobs:
        return {}
    contents = _git(root, "cat-file", "--batch", stdin="\n".join(blobs.values()) + "\n")
    if contents is None:
        raise DrafterError(f"cannot read revision '{spec}' with git")
    return dict(zip(blobs, _split_batch(contents), strict=True))


def _split_batch(output: bytes) -> list[bytes]:
    """The objects in `git cat-file --batch` output: `<oid> <type> <size>\\n<data>\\n` each."""
    objects, at = [], 0
    while at < len(output):
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        objects.append(output[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return objects


def _git(cwd: Path, *args: str, stdin: str | None = None) -> bytes | None:
    """Run git; its output, or None when it fails or is not installed."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin.encode() if stdin is not None else None,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def relocated(error: FactBaseError, temporary: Path, target: Path) -> FactBaseError:
    """The same problems, naming files under `target` instead of the temporary folder."""
    problems = [
        Problem(
            Location(
                target / problem.location.path.relative_to(temporary),
                problem.location.line,
                problem.location.column,
            ),
            problem.message,
            problem.hint,
            problem.severity,
        )
        if problem.location.path.is_relative_to(temporary)
        else problem
        for problem in error.problems
    ]
    return FactBaseError(problems, target)
