"""Problems found while checking, each reported through the reporter of its file."""

from __future__ import annotations

from ..errors import Problem

MAX_PROBLEMS = 1000  # a dataset with more is most likely not relgraph data at all


class TooManyProblems(Exception):
    """Raised once MAX_PROBLEMS problems are collected; `file` is where the last was found."""

    def __init__(self, file: str):
        super().__init__(file)
        self.file = file


class Problems:
    """Every problem of one check, in the order found; stops the check at `limit`."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.found: list[Problem] = []
        self.limit = limit

    def add(self, problem: Problem) -> None:
        self.found.append(problem)
        if len(self.found) >= self.limit:
            raise TooManyProblems(problem.file)

    def reporter(self, file: str) -> Reporter:
        return Reporter(file, self)

    def __len__(self) -> int:
        return len(self.found)


class Reporter:
    """Reports the problems of one file: `report.problem(line, message)`."""

    __slots__ = ("file", "_problems")

    def __init__(self, file: str, problems: Problems):
        self.file = file
        self._problems = problems

    def problem(self, line: int, message: str) -> None:
        self._problems.add(Problem(self.file, line, message))
