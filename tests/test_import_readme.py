"""The README's "Real event data" reports are what relgraph prints for those commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_the_readme_import_reports_are_real(run, monkeypatch, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Real event data")[1].split("\n## ")[0]
    block = section.split("```text\n")[1].split("```")[0]
    examples = re.findall(r"^\$ (relgraph import [^\n]*)\n(.*?)(?=^\$ |\Z)", block, re.M | re.S)
    assert len(examples) == 4  # gdelt, icews, polecat, acled
    monkeypatch.chdir(tmp_path)  # the relative -o folders land here, not in the checkout
    for command, shown in examples:
        args = shlex.split(command)[1:]
        args = [str(ROOT / a) if a.startswith("tests/") else a for a in args]
        result = run(*args)
        assert result.exit_code == 0
        # The report names the files as given: here with the checkout's path in front.
        assert result.stderr.replace(f"{ROOT}/", "") == shown, command
