"""`python -m relgraph.build_store --fd=N FOLDER...`: the background build background.py starts.

Compiles the store of FOLDER... into the cache (cache.open_store, never answering from Arrow
columns: that is what the call that started it did) while the lock background.start took
stays held through the open file N, so that one process builds a dataset's store at a time;
`python -m relgraph.build_store LOCK FOLDER...` takes the lock file LOCK itself. Exits quietly:
0 when built (or when another process holds the lock), 1 when the build failed; the next
call then builds the store itself and says what is wrong, if anything is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .background import holding
from .cache import open_store


def build(lock: Path, folders: list[Path]) -> bool:
    """Build the store of `folders` while holding `lock`; False when another process holds
    it."""
    with holding(lock) as held:
        if held is None:
            return False
        open_store(folders, first_answer=False).close()
        return True


def main(argv: list[str]) -> int:
    lock, *folders = argv
    try:
        if lock.startswith("--fd="):
            with open(int(lock[len("--fd="):]), "rb"):  # held until this process ends
                open_store([Path(f) for f in folders], first_answer=False).close()
        else:
            build(Path(lock), [Path(f) for f in folders])
    except Exception:  # invalid data, a full disk: nothing was cached, the next call says why
        return 1
    return 0


if __name__ == "__main__":
    os.nice(5)  # the user's next command comes first
    sys.exit(main(sys.argv[1:]))
