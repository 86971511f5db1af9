"""Reading event files: plain, .zip or .gz told by their bytes; binary data refused up front."""

from __future__ import annotations

import gzip
import zipfile

import pytest

from relgraph.errors import InputFileError, UsageError
from relgraph.importers.events import EventFile


def read(path) -> list[tuple[int, str | None]]:
    with EventFile(path) as file:
        return list(file.lines())


def test_lines_lose_their_endings_and_a_leading_byte_order_mark(tmp_path):
    source = tmp_path / "rows.txt"
    source.write_bytes(b"\xef\xbb\xbfa\tb\r\n\nc\td\n")
    assert read(source) == [(1, "a\tb"), (2, ""), (3, "c\td")]


def test_compression_is_told_by_the_bytes_not_the_name(tmp_path):
    rows = b"1\t043\n2\t190\n"
    gz = tmp_path / "rows.zip"  # a gzip file with the wrong extension
    gz.write_bytes(gzip.compress(rows))
    packed = tmp_path / "rows.txt"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("a.CSV", rows)
    assert read(gz) == read(packed) == [(1, "1\t043"), (2, "2\t190")]


def test_a_line_that_is_not_utf8_is_marked_not_guessed(tmp_path):
    source = tmp_path / "rows.txt"
    source.write_bytes(b"ok\n" + "caf\u00e9".encode("latin-1") + b"\nok\n" + b"x" * 9000 + b"\n")
    assert [text for _, text in read(source)][:3] == ["ok", None, "ok"]


@pytest.mark.parametrize(("content", "message"), [
    (b"\x1f\x8b\x08\x00broken", "the compressed data is damaged"),
    (b"PK\x03\x04broken", "not a readable zip file"),
    (b"GIF89a\x01\x00\x01\x00\x00\xff", "binary data"),
    (bytes(range(128, 256)) * 4, "not UTF-8 text"),
], ids=["gzip", "zip", "gif", "latin-1"])
def test_damaged_archives_and_binary_data_are_refused(tmp_path, content, message):
    source = tmp_path / "input.bin"
    source.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read(source)


def test_a_zip_without_a_file_in_it_is_refused(tmp_path):
    source = tmp_path / "folders.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("exports/", b"")  # a folder entry only
    with pytest.raises(InputFileError, match="the zip file holds no file"):
        read(source)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass  # only the end-of-archive record, zeros included: binary data
    with pytest.raises(InputFileError, match="binary data"):
        read(empty)


def test_a_missing_file_or_a_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        EventFile(tmp_path / "nope.CSV")
    with pytest.raises(UsageError, match="is a folder"):
        EventFile(tmp_path)
