"""In CI (CI=true) a skipped test fails the run: a skip there means a missing dependency that
.ci/run should have installed, and it would hide the failures that test exists to catch.

A pytest plugin: tests/conftest.py imports its hooks; tests/test_ci_skips.py loads it with -p.
"""

from __future__ import annotations

import os

import pytest

_SKIPPED: list[tuple[str, str]] = []


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _record(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append((report.nodeid, reason.removeprefix("Skipped: ")))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _record(report)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    # A whole module skipped while it is collected (pytest.skip(allow_module_level=True),
    # pytest.importorskip at the top of a file) never reaches pytest_runtest_logreport.
    _record(report)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if in_ci() and _SKIPPED and exitstatus in (pytest.ExitCode.OK,
                                               pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config) -> None:
    if in_ci() and _SKIPPED:
        terminalreporter.section("skipped tests fail the run in CI (CI=true)", red=True)
        for nodeid, reason in _SKIPPED:
            terminalreporter.line(f"SKIPPED {nodeid}: {reason}", red=True)
        terminalreporter.line(f"{len(_SKIPPED)} skipped; install what they need (.ci/run does) "
                              "so that they run", red=True)
