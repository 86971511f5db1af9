"""The bar of a long load or import (render.LoadProgress): on a terminal only, and only once
the load has taken more than its first second; it disappears when closed."""

from __future__ import annotations

import io

from relgraph.render import LoadProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_load_within_its_first_second_draws_nothing(monkeypatch):
    monkeypatch.setattr("sys.stderr", Terminal())
    with LoadProgress() as bar:
        bar(500, 1000, 42)
        assert bar._bar is None


def test_a_longer_load_on_a_terminal_shows_bytes_and_relations(monkeypatch):
    monkeypatch.setattr("sys.stderr", Terminal())
    with LoadProgress("importing") as bar:
        bar._started -= LoadProgress.DELAY + 1  # as if it began two seconds ago
        bar(500, 1000, 4200)
        task = bar._bar.tasks[0]
        assert (task.description, task.completed, task.total, task.fields["relations"]) == \
            ("importing", 500, 1000, "4,200")
        bar(1000, 1000, 8400)
        assert (task.completed, task.fields["relations"]) == (1000, "8,400")
    assert bar._bar is None  # closed with the block


def test_off_a_terminal_a_long_load_draws_nothing(capsys):
    with LoadProgress() as bar:
        bar._started -= LoadProgress.DELAY + 1
        bar(500, 1000, 42)
        assert bar._bar is None
    assert capsys.readouterr().err == ""
