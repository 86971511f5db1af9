"""A GDELT-shaped HTTP server on 127.0.0.1 for the fetch tests, built from the real rows of
tests/data/gdelt/20250807220000.export.excerpt.CSV.

`GdeltTree` holds the files (path under the base URL -> bytes) and the master list; `serve()`
runs http.server in a thread. Files can be made to misbehave: served `corrupt` (same size,
other bytes, so the MD5 fails), `absent` (listed but 404), `cut` (the first request without a
Range stops halfway through the body and closes the connection), `stall` (stops halfway and
waits until released). Every request is logged with its Range header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import io
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

EXCERPT = Path(__file__).parent / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"
GDELT = "http://data.gdeltproject.org/"


def excerpt_rows() -> list[bytes]:
    return EXCERPT.read_bytes().splitlines(keepends=True)


def export_zip(stamp: str, rows: list[bytes]) -> bytes:
    """A zip as GDELT ships it: one member `<stamp>.export.CSV`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stamp}.export.CSV", b"".join(rows))
    return buffer.getvalue()


def slot_name(slot: dt.datetime) -> str:
    return f"gdeltv2/{slot:%Y%m%d%H%M%S}.export.CSV.zip"


@dataclass
class GdeltTree:
    files: dict[str, bytes] = field(default_factory=dict)
    listed: list[str] = field(default_factory=list)  # paths in masterfilelist.txt, in order
    corrupt: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)
    cut: set[str] = field(default_factory=set)
    stall: set[str] = field(default_factory=set)
    no_ranges: set[str] = field(default_factory=set)  # answered whole (200) despite a Range
    fail_first: dict[str, int] = field(default_factory=dict)  # path -> 503s before it is served
    released: threading.Event = field(default_factory=threading.Event)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range)
    extra: dict[str, bytes] = field(default_factory=dict)  # other files (lists of GDELT 1.0)

    def add(self, path: str, data: bytes, *, listed: bool = True) -> None:
        self.files[path] = data
        if listed:
            self.listed.append(path)

    def master_list(self) -> bytes:
        """`<bytes> <md5> <url>` lines with GDELT's own URLs, as GDELT writes them; each export
        is followed by a mentions and a gkg line, which a fetch must pass over."""
        lines = []
        for path in self.listed:
            data = self.files[path]
            lines.append(f"{len(data)} {hashlib.md5(data).hexdigest()} {GDELT}{path}\n")
            stamp = path.split("/")[-1].split(".")[0]
            lines.append(f"1234 {'0' * 32} {GDELT}gdeltv2/{stamp}.mentions.CSV.zip\n")
            lines.append(f"5678 {'1' * 32} {GDELT}gdeltv2/{stamp}.gkg.csv.zip\n")
        return "".join(lines).encode()

    def body(self, path: str) -> bytes | None:
        if path == "gdeltv2/masterfilelist.txt":
            return self.master_list()
        if path in self.extra:
            return self.extra[path]
        if path in self.absent or path not in self.files:
            return None
        data = self.files[path]
        if path in self.corrupt:
            return data[:-1] + bytes([data[-1] ^ 0xFF])
        return data


def _handler(tree: GdeltTree):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.lstrip("/")
            wanted = self.headers.get("Range")
            tree.requests.append((path, wanted))
            data = tree.body(path)
            if tree.fail_first.get(path):
                tree.fail_first[path] -= 1
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if data is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start = 0
            if wanted and wanted.startswith("bytes=") and wanted.endswith("-") \
                    and path not in tree.no_ranges:
                start = int(wanted[6:-1])
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if start == 0 and path in tree.cut | tree.stall:
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                if path in tree.stall:
                    tree.released.wait(20)
                else:
                    tree.cut.discard(path)  # the next request is served whole
                self.close_connection = True
                return
            self.wfile.write(body)

    return Handler


def day_tree(day: dt.datetime) -> GdeltTree:
    """The 96 slots of a day, each holding the excerpt's next run of 10 rows (round the file
    again when it ends), all served whole."""
    rows = excerpt_rows()
    tree = GdeltTree()
    for n in range(96):
        slot = day + n * dt.timedelta(minutes=15)
        start = n * 10 % len(rows)
        tree.add(slot_name(slot), export_zip(f"{slot:%Y%m%d%H%M%S}",
                                             (rows + rows)[start:start + 10]))
    return tree


@contextmanager
def serve(tree: GdeltTree):
    """The tree on 127.0.0.1 at a free port; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(tree))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        tree.released.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
