"""The one error hierarchy of relgraph; the CLI turns each class into its exit code."""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes, documented in the README ("When something goes wrong").
EXIT_OK = 0
EXIT_NO_PATH = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 4
EXIT_INCOMPLETE = 5  # a fetch that could not have every file; the folder holds the rest
EXIT_MISSING = 6  # an optional component (a pip extra, Java) is not installed
EXIT_SPARK = 7  # the Spark server could not be reached, or a Spark job failed
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class RelgraphError(Exception):
    """Base of every error relgraph reports to its user."""

    exit_code = EXIT_USAGE

    def lines(self) -> list[str]:
        """The lines to show the user, one per problem."""
        return [str(self)]


class UsageError(RelgraphError):
    """A bad argument or option: a malformed date, a path to self, a missing folder.

    `params` names the library parameters the message speaks of (`k`, `since`, `depth`...),
    so that a front end can say them as its user typed them (the CLI says `-k`, `--since`).
    """

    def __init__(self, message: str, params: tuple[str, ...] = ()):
        super().__init__(message)
        self.params = params

    def spoken_as(self, flags: dict[str, str]) -> str:
        """The message with each of its parameters renamed as in `flags` ({"k": "-k"})."""
        import re

        text = str(self)
        for param in self.params:
            if param in flags:
                text = re.sub(rf"(?<![\w-]){re.escape(param)}(?![\w-])", flags[param], text)
        return text


class _Unknown(UsageError):
    """A name that matches nothing the dataset holds, with the closest ones suggested."""

    what = "name"

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f" (did you mean {_or_list(suggestions)}?)" if suggestions else ""
        shown = query if len(query) <= 60 else query[:57] + "..."
        super().__init__(f"unknown {self.what} {shown!r}{hint}")


class UnknownActor(_Unknown):
    """An actor argument matches no id, name or alias."""

    what = "actor"


class AmbiguousActor(UsageError):
    """An actor argument matches no label exactly, and several once accents are set aside."""

    def __init__(self, query: str, candidates: list[str]):
        self.query = query
        self.candidates = candidates
        super().__init__(f"actor {query!r} is ambiguous: it may be {_or_list(candidates)}; "
                         "write the name with its accents, or the id")


class UnknownRelation(_Unknown):
    """A relation id that the dataset does not hold."""

    what = "relation"


class NoPath(RelgraphError):
    """`path` found no chain of relations between two actors."""

    exit_code = EXIT_NO_PATH


class StoreDamaged(RelgraphError):
    """A compiled store in the cache failed a query: it is removed, and a new call rebuilds it.

    The CLI runs the command once more before it reports this."""

    exit_code = EXIT_INTERNAL


class OutputError(RelgraphError):
    """A file could not be written; whatever stood at the path is untouched."""

    exit_code = EXIT_OUTPUT


class MissingComponent(RelgraphError):
    """An optional component (a pip extra, Java) is not installed; the message names what
    installs it."""

    exit_code = EXIT_MISSING


class MissingExtra(MissingComponent):
    """Something asked for needs an optional pip extra that is not installed: the message
    names the command that installs it."""

    def __init__(self, what: str, extra: str, module: str):
        super().__init__(f"{what} needs {module}, which is not installed; install it with: "
                         f"pip install 'relgraph[{extra}]'")


class SparkFailed(RelgraphError):
    """The Spark server could not be reached, or a Spark job failed."""

    exit_code = EXIT_SPARK


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a dataset, located by file and line (0 when unknown)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "message": self.message}


class InputFileError(RelgraphError):
    """A file given to an importer is not event data at all (empty, binary, another format)."""

    exit_code = EXIT_DATA


class DataError(RelgraphError):
    """The dataset is invalid; carries every problem found, in file and line order."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems] + [str(self)]


def _problem_order(problem: Problem) -> tuple:
    # actors.yaml before relations.yaml, then by line; stable for problems on one line.
    return (problem.file, problem.line)


def unknown_type(name: str, known: list[str], fix: str = "") -> str:
    """The message for a type name that is not declared: the closest one, the rest, a fix."""
    import difflib

    guess = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f"did you mean {guess[0]!r}? " if guess else ""
    return f"unknown type {name!r} ({hint}known types: {', '.join(sorted(known)) or 'none'}{fix})"


def _or_list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]
