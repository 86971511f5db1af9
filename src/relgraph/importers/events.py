"""Stream the lines of an event file, plain, .zip (as GDELT ships them) or .gz, in flat memory.

The compression is told by the file's first bytes, not its name. A file that is not text at all
(random bytes, an image, a broken archive) is refused here with one line naming it.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InputFileError, UsageError

_GZIP = b"\x1f\x8b"
_ZIP = b"PK\x03\x04"
_SNIFF = 8192  # bytes of content checked for binary data before the first line is read
_BUFFER = 1 << 16


class EventFile:
    """One input file, opened for reading line by line.

    `lines()` yields (line number, text) for every line, the line ending removed; text is None
    for a line that is not UTF-8 (the reader counts it as a bad row), unless `fallback` names
    the encoding to read such a line in (POLECAT's ISO-8859-1 files); `fell_back` then lists
    the files (or zip members) where it was used. `sections()` yields each file of a zip
    apart, in name order; `members` keeps only the members whose name ends so. `consumed()` is
    how much of the file on disk has been read, for a progress bar.
    """

    def __init__(self, path: str | os.PathLike, members: str = "", fallback: str = ""):
        self.path = Path(path)
        self.name = str(path)
        self.members = members.lower()
        self.fallback = fallback
        self.fell_back: list[str] = []
        if not self.path.exists():
            raise UsageError(f"event file {self.name!r} does not exist")
        if self.path.is_dir():
            raise UsageError(f"{self.name!r} is a folder; give the event files themselves")
        self.size = self.path.stat().st_size
        self._raw: IO[bytes] | None = None

    def __enter__(self) -> EventFile:
        try:
            self._raw = open(self.path, "rb")  # closed by __exit__
        except OSError as exc:
            raise UsageError(f"cannot read {self.name!r}: {exc.strerror or exc}") from None
        return self

    def __exit__(self, *exc_info) -> None:
        if self._raw is not None:
            self._raw.close()

    def consumed(self) -> int:
        try:
            return self._raw.tell() if self._raw is not None else 0
        except (OSError, ValueError):
            return 0

    def lines(self) -> Iterator[tuple[int, str | None]]:
        for _, lines in self.sections():
            yield from lines

    def sections(self) -> Iterator[tuple[str, Iterator[tuple[int, str | None]]]]:
        """(name, lines) for the file, or for each file inside a zip: `file.zip:member.txt`."""
        assert self._raw is not None, "use EventFile as a context manager"
        for name, stream in self._streams():
            yield name, self._lines_of(name, stream)

    def text_sections(self) -> Iterator[tuple[str, IO[str]]]:
        """(name, text stream) for the file or each file inside a zip, for a reader that parses
        the text in C (csv): decoded by the io module, a byte-order mark dropped, line ends
        kept, and bytes that are not UTF-8 kept as surrogates (errors="surrogateescape"), for
        the reader to count as bad rows. Reading it may raise `damaged()`'s errors."""
        assert self._raw is not None, "use EventFile as a context manager"
        for name, stream in self._streams():
            self._check_text(stream)
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape",
                                    newline="")
            try:
                yield name, text
            finally:
                text.detach()  # the file stays open for __exit__, which closes it

    def damaged(self) -> tuple[type[Exception], ...]:
        """The errors that reading damaged compressed data raises; see damaged_error."""
        import gzip
        import zipfile
        import zlib

        return gzip.BadGzipFile, zipfile.BadZipFile, zlib.error, EOFError

    def damaged_error(self, exc: Exception) -> InputFileError:
        return InputFileError(f"{self.name}: the compressed data is damaged ({exc}); "
                              "download the file again")

    def _streams(self) -> Iterator[tuple[str, IO[bytes]]]:
        raw = self._raw
        magic = raw.read(4)
        raw.seek(0)
        if magic.startswith(_GZIP):
            import gzip

            yield self.name, io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"), _BUFFER)
        elif magic == _ZIP:
            import zipfile

            try:
                archive = zipfile.ZipFile(raw)
                members = sorted((m for m in archive.infolist() if not m.is_dir()
                                  and m.filename.lower().endswith(self.members)),
                                 key=lambda m: m.filename)
            except (zipfile.BadZipFile, OSError) as exc:
                raise InputFileError(f"{self.name}: not a readable zip file ({exc})") from None
            if not members:
                wanted = f" ending {self.members}" if self.members else ""
                raise InputFileError(f"{self.name}: the zip file holds no file{wanted}; "
                                     "expected an event export inside it")
            for member in members:
                # zipfile's own readline is slow; a buffer over it reads lines three times faster
                yield (f"{self.name}:{member.filename}",
                       io.BufferedReader(archive.open(member), _BUFFER))
        else:
            yield self.name, raw

    def _lines_of(self, name: str, stream: IO[bytes]) -> Iterator[tuple[int, str | None]]:
        try:
            self._check_text(stream)
            for number, line in enumerate(stream, start=1):
                if number == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8):]
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    if not self.fallback:
                        yield number, None
                        continue
                    text = line.decode(self.fallback)
                    if name not in self.fell_back:
                        self.fell_back.append(name)
                yield number, text.rstrip("\r\n")
        except self.damaged() as exc:
            raise self.damaged_error(exc) from None

    def _check_text(self, stream: IO[bytes]) -> None:
        """Refuse binary data before any of it is read as rows: a NUL byte near the start, or
        a first line that is not UTF-8. A later line that is not UTF-8 is one bad row."""
        head = _peek(stream, _SNIFF)
        if b"\x00" in head:
            raise InputFileError(f"{self.name}: binary data, not a text file of events")
        first, newline, _ = head.partition(b"\n")
        if self.fallback:
            return  # every byte is text in the fallback encoding
        try:
            codecs.getincrementaldecoder("utf-8")().decode(first, final=bool(newline))
        except UnicodeDecodeError:
            raise InputFileError(f"{self.name}: not UTF-8 text, so not an event file") from None


def _peek(stream: IO[bytes], size: int) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return peek(size)[:size]
    position = stream.tell()
    head = stream.read(size)
    stream.seek(position)
    return head
