"""A skipped test fails a CI run (CI=true) and names itself with its reason; elsewhere it is a
skip as usual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_env

HERE = Path(__file__).parent

SUITE = """
import pytest

def test_passes():
    pass

def test_needs_a_tool():
    pytest.skip("the tool is not installed")
"""


def run_pytest(folder: Path, suite: str, **env: str) -> subprocess.CompletedProcess:
    (folder / "test_suite.py").write_text(suite, encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "ci_skips", "-p", "no:cacheprovider",
         str(folder)], cwd=folder, capture_output=True, text=True, timeout=120,
        env=clean_env(PYTHONPATH=str(HERE), **env))  # PYTHONPATH: to find the plugin


@pytest.mark.slow
def test_a_skip_fails_a_ci_run_and_names_the_test_and_its_reason(tmp_path):
    done = run_pytest(tmp_path, SUITE, CI="true")
    assert done.returncode == 1, done.stdout
    assert ("SKIPPED test_suite.py::test_needs_a_tool: the tool is not installed"
            in done.stdout.splitlines())


@pytest.mark.slow
def test_a_module_skipped_whole_fails_a_ci_run(tmp_path):
    done = run_pytest(tmp_path, 'import pytest\npytest.skip("no browser", allow_module_level=True)'
                      '\n\ndef test_page():\n    pass\n', CI="true")
    assert done.returncode == 1, done.stdout
    assert "SKIPPED test_suite.py: no browser" in done.stdout.splitlines()


@pytest.mark.slow
def test_a_skip_outside_ci_is_only_a_skip(tmp_path):
    done = run_pytest(tmp_path, SUITE, CI="")
    assert done.returncode == 0, done.stdout
    assert "1 passed, 1 skipped" in done.stdout


@pytest.mark.slow
def test_a_ci_run_with_nothing_skipped_passes(tmp_path):
    done = run_pytest(tmp_path, SUITE.replace('pytest.skip("the tool is not installed")', "pass"),
                      CI="true")
    assert done.returncode == 0, done.stdout
