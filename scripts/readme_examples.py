"""Keep the README's `$ relgraph ...` examples true to relgraph's real output.

    python scripts/readme_examples.py          # rewrite the outputs in README.md
    python scripts/readme_examples.py --check  # exit 1 if any output differs (tests do this)

An example is a ```console block whose first line is `$ relgraph ARGS`; what follows is what
the command prints (stdout and stderr, as a terminal shows them) at 100 columns, without colour.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```console\n\$ (relgraph [^\n]*)\n(.*?)```", re.S)
COLUMNS = "100"


def run_example(command: str) -> str:
    from typer.testing import CliRunner

    from relgraph.cli import app

    args = shlex.split(command)[1:]
    env = {"NO_COLOR": "1", "COLUMNS": COLUMNS, "TERM": "dumb"}
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    return result.output


def examples(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text)]


def rewrite(text: str) -> str:
    return BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run_example(m.group(1))}```", text)


def main(argv: list[str]) -> int:
    os.environ.pop("RELGRAPH_DATA", None)
    text = README.read_text(encoding="utf-8")
    if "--check" in argv:
        stale = [cmd for cmd, shown in examples(text) if run_example(cmd) != shown]
        for cmd in stale:
            print(f"README example out of date: $ {cmd}")
        return 1 if stale else 0
    README.write_text(rewrite(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
