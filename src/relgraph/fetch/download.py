"""Download one file into the cache: a partial file, resumed with Range, checked, then renamed.

A file is written to `<name>.part` beside its final name and renamed only once its size and
MD5 match the list, so a final name always holds a verified file. A partial file left by a cut
connection or an interrupted run is resumed with `Range: bytes=N-`; a server that ignores the
range (200 instead of 206) sends the whole file, which then replaces the partial one.

Tries and limits (docs/event-data.md): up to TRIES requests per file; each connection and each
read waits at most TIMEOUT seconds; between tries the wait doubles from BACKOFF seconds (1, 2,
4, 8 s). Retried: a refused or cut connection, a timeout, a 5xx status, a size or MD5 mismatch.
Not retried: 404 (GDELT lists some files it does not have) and other 4xx statuses.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TRIES = 5
TIMEOUT = 30.0
BACKOFF = 1.0
BACKOFF_ENV = "RELGRAPH_FETCH_BACKOFF"  # seconds before the second try; 0 in the tests
_CHUNK = 1 << 16
USER_AGENT = "relgraph"

OnBytes = Callable[[int], None]


@dataclass(frozen=True)
class Policy:
    tries: int = TRIES
    timeout: float = TIMEOUT
    backoff: float = BACKOFF

    @classmethod
    def from_env(cls) -> Policy:
        text = os.environ.get(BACKOFF_ENV, "")
        try:
            backoff = max(float(text), 0.0) if text else BACKOFF
        except ValueError:
            backoff = BACKOFF
        return cls(backoff=backoff)


@dataclass
class Outcome:
    """How one file fared: 'fetched', 'cached' or 'failed' (with the reason)."""

    status: str
    reason: str = ""
    tries: int = 0
    resumed: bool = False  # a Range request carried on from a partial file


class Stopped(Exception):
    """The run is being interrupted: the partial file stays for the next run to resume."""


class _Retry(Exception):
    """This try failed in a way another try may fix."""


class _Fail(Exception):
    """This file cannot be had (404, another 4xx)."""


def fetch(url: str, target: Path, size: int, md5: str | None, *, policy: Policy = Policy(),
          on_bytes: OnBytes | None = None, stop: threading.Event | None = None) -> Outcome:
    """Put the verified file at `target`, unless it is already there."""
    if _size(target) == size:
        return Outcome("cached")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    outcome = Outcome("failed")
    mismatches = 0
    for attempt in range(1, policy.tries + 1):
        outcome.tries = attempt
        if stop is not None and stop.is_set():
            raise Stopped
        try:
            resumed = _download(url, part, size, policy.timeout, on_bytes, stop)
            outcome.resumed = outcome.resumed or resumed
            _verify(part, size, md5)
            os.replace(part, target)
            outcome.status = "fetched"
            return outcome
        except _Fail as exc:
            outcome.reason = str(exc)
            return outcome
        except _Retry as exc:
            outcome.reason = str(exc)
            if "MD5" in outcome.reason:
                mismatches += 1
        if attempt < policy.tries:
            _wait(policy.backoff * 2 ** (attempt - 1), stop)
    if mismatches == policy.tries:
        outcome.reason = f"checksum mismatch after {policy.tries} tries"
    else:
        outcome.reason = f"{outcome.reason} (after {policy.tries} tries)"
    return outcome


def _download(url: str, part: Path, size: int, timeout: float, on_bytes: OnBytes | None,
              stop: threading.Event | None) -> bool:
    """One request; True when it carried on from a partial file."""
    have = max(_size(part), 0)
    if have > size:
        part.unlink()
        have = 0
    if have == size:
        return False  # whole already: only the check is left
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 416:  # the range lies past the server's file: start again
            part.unlink(missing_ok=True)
            raise _Retry("the server refused to resume") from None
        if exc.code == 404:
            raise _Fail("not found (HTTP 404)") from None
        if exc.code >= 500:
            raise _Retry(f"HTTP {exc.code}") from None
        raise _Fail(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise _Retry(_connection_reason(exc)) from None
    with response:
        resumed = have > 0 and response.status == 206
        mode = "ab" if resumed else "wb"  # 200: the server sent the whole file
        try:
            with open(part, mode) as out:
                while True:
                    if stop is not None and stop.is_set():
                        raise Stopped
                    chunk = response.read1(_CHUNK)  # what came: a cut keeps it
                    if not chunk:
                        break
                    out.write(chunk)
                    out.flush()  # on disk at once: Ctrl-C ends this thread without a close
                    if on_bytes is not None:
                        on_bytes(len(chunk))
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, (PermissionError, IsADirectoryError)) or \
                    getattr(exc, "errno", None) == 28:
                raise  # the cache folder, not the network: no try will fix it
            raise _Retry(_connection_reason(exc)) from None
    return resumed


def fetch_list(url: str, target: Path, *, policy: Policy = Policy()) -> None:
    """Replace `target` with the file at `url`, read whole (a list has no size or MD5 to check
    against). Raises ListUnavailable with the last reason when no try succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    reason = ""
    for attempt in range(1, policy.tries + 1):
        part.unlink(missing_ok=True)
        try:
            _download(url, part, 1 << 62, policy.timeout, None, None)
            os.replace(part, target)
            return
        except _Fail as exc:
            reason = str(exc)
            break
        except _Retry as exc:
            reason = str(exc)
        if attempt < policy.tries:
            _wait(policy.backoff * 2 ** (attempt - 1), None)
    part.unlink(missing_ok=True)
    raise ListUnavailable(reason if attempt == 1 else f"{reason}, after {attempt} tries")


class ListUnavailable(Exception):
    """A list could not be downloaded; the message says why."""


def _verify(part: Path, size: int, md5: str | None) -> None:
    got = _size(part)
    if got < size:
        raise _Retry("connection cut short")  # the partial file stays, to be resumed
    if got > size:
        part.unlink()
        raise _Retry(f"{got:,} bytes where the list says {size:,}")
    if md5 is None:
        return
    digest = hashlib.md5(usedforsecurity=False)
    with open(part, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    if digest.hexdigest() != md5:
        part.unlink()
        raise _Retry("MD5 mismatch")


def _connection_reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "connection timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, http.client.IncompleteRead):
        return "connection cut short"
    return "connection failed"


def _wait(seconds: float, stop: threading.Event | None) -> None:
    if stop is not None:
        if stop.wait(seconds):
            raise Stopped
    elif seconds > 0:
        time.sleep(seconds)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1
