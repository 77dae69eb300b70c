"""Files and folders ssi-tui creates: readable by their owner only, whatever the umask.

Everything written holds a member's activity, posts and scores, so a new database, a
backup, an export or a folder made for one is private from the start (0600 and 0700), not
after a `chmod` that a crash could skip.
"""

from __future__ import annotations

import os
from pathlib import Path

from ssi_tui.store.errors import DatabaseError

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def make_private_folders(folder: Path) -> None:
    """Create `folder` and every missing parent with mode 0700 (`mkdir -p` would give the
    parents the umask's mode); folders that exist are left as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        if current.is_symlink():  # a dangling link: creating through it writes elsewhere
            raise FileExistsError(0, "a symbolic link points nowhere", str(current))
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            if not path.is_dir():
                raise
        else:
            path.chmod(PRIVATE_FOLDER_MODE)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless one exists (a database
    another process created a moment ago is fine)."""
    try:
        if not path.parent.is_dir():
            make_private_folders(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        if not path.parent.is_dir():
            raise DatabaseError(f"Cannot create {path}: its folder is a file.") from None
        return
    except OSError as error:
        raise DatabaseError(f"Cannot create {path}: {error.strerror or error}.") from error
    os.close(fd)


def create_new_private_file(path: Path) -> None:
    """Create a file that must not exist yet (a backup, a copy kept aside): an existing
    file, or a symbolic link even one pointing nowhere, is refused rather than written
    through."""
    if path.is_symlink():
        raise DatabaseError(f"{path} is a symbolic link; name a new file.")
    try:
        if not path.parent.is_dir():
            make_private_folders(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, PRIVATE_FILE_MODE)
    except FileExistsError:
        raise DatabaseError(f"{path} already exists; choose a new file name.") from None
    except OSError as error:
        raise DatabaseError(f"Cannot create {path}: {error.strerror or error}.") from error
    os.close(fd)
