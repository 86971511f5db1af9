"""Files are written safely: all at once through a temporary file and a rename, or not at all.

Tests run as root, where permissions do not stop a write, so refusals from the system are
simulated by making os.replace, or the write itself, raise what the system would raise.
"""

import errno
import os

import pytest
from conftest import TRICKY

from relgraph import atomic
from relgraph.errors import OutputError, UsageError

OLD = "the file that was here before\n"


@pytest.fixture
def tricky(run):
    return lambda *args: run(*args, data=TRICKY)


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_writes_the_whole_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    assert atomic.write_atomic(target, lambda f: f.write("one\r\ntwo\n")) == target
    assert target.read_bytes() == b"one\r\ntwo\n"  # no newline translation either way
    assert _names(tmp_path) == ["out.txt"]


def test_write_atomic_writes_bytes_too(tmp_path):
    target = tmp_path / "cache.bin"
    atomic.write_atomic(target, lambda f: f.write(b"\x00\xff"), binary=True)
    assert target.read_bytes() == b"\x00\xff"


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path):
    old = os.umask(0o027)
    try:
        atomic.write_atomic(tmp_path / "new.txt", lambda f: f.write("x"))
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_text(OLD)
    target.chmod(0o600)
    atomic.write_atomic(target, lambda f: f.write("new"))
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("new", 0o600)


def test_a_writer_that_fails_halfway_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_text(OLD)

    def half(handle):
        handle.write("<graphml>" * 1000)
        raise RuntimeError("the serialiser broke")

    with pytest.raises(RuntimeError, match="the serialiser broke"):
        atomic.write_atomic(target, half)
    assert target.read_text() == OLD
    assert _names(tmp_path) == ["graph.graphml"]


def test_permission_denied_is_an_output_error_and_changes_nothing(tmp_path, monkeypatch):
    target = tmp_path / "graph.graphml"
    target.write_text(OLD)

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as caught:
        atomic.write_atomic(target, lambda f: f.write("new"))
    assert str(caught.value) == (f"cannot write {str(target)!r}: permission denied; "
                                 "nothing was written")
    assert caught.value.exit_code == 4
    assert target.read_text() == OLD
    assert _names(tmp_path) == ["graph.graphml"]


def test_a_full_disk_is_an_output_error_and_changes_nothing(tmp_path):
    target = tmp_path / "graph.gexf"
    target.write_text(OLD)

    def fill(handle):
        handle.write("<gexf>")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="no space left on the device; nothing was written"):
        atomic.write_atomic(target, fill)
    assert target.read_text() == OLD
    assert _names(tmp_path) == ["graph.gexf"]


def test_a_folder_that_cannot_take_the_temporary_file_is_an_output_error(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, flags, mode=0o777):
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OutputError, match="permission denied"):
        atomic.write_atomic(tmp_path / "graph.json", lambda f: f.write("{}"))
    assert _names(tmp_path) == []


def test_a_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as caught:
        atomic.write_atomic(tmp_path / "nope" / "graph.json", lambda f: f.write("{}"))
    assert str(caught.value) == (f"folder {str(tmp_path / 'nope')!r} does not exist; "
                                 "create it or give path a file elsewhere")
    assert caught.value.exit_code == 2
    assert _names(tmp_path) == []


# -- through the command ----------------------------------------------------------------------

def test_export_that_fails_halfway_keeps_the_old_file(tricky, tmp_path, monkeypatch):
    from relgraph.export import graphml

    target = tmp_path / "graph.graphml"
    target.write_text(OLD)

    def broken(view, out):
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml>\n')
        raise RuntimeError("boom")

    monkeypatch.setattr(graphml, "write", broken)
    result = tricky("export", "-o", str(target))
    assert result.exit_code == 70
    assert "internal error: RuntimeError: boom" in result.stderr
    assert target.read_text() == OLD
    assert _names(tmp_path) == ["graph.graphml"]


def test_export_refused_by_the_system_exits_4_and_says_why(tricky, tmp_path, monkeypatch):
    target = tmp_path / "graph.gexf"
    target.write_text(OLD)

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    result = tricky("export", "-o", str(target))
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (f"relgraph: cannot write {str(target)!r}: permission denied; "
                             "nothing was written\n")
    assert target.read_text() == OLD
    assert _names(tmp_path) == ["graph.gexf"]


def test_csv_node_table_failing_leaves_both_old_tables(tricky, tmp_path, monkeypatch):
    from relgraph.export import csvtable

    (tmp_path / "graph.csv").write_text(OLD)
    (tmp_path / "graph-nodes.csv").write_text(OLD)

    def broken(view, out):
        out.write("Id,Label\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(csvtable, "write_nodes", broken)
    result = tricky("export", "-o", str(tmp_path / "graph.csv"))
    assert result.exit_code == 4
    assert "no space left on the device" in result.stderr
    assert (tmp_path / "graph.csv").read_text() == OLD
    assert (tmp_path / "graph-nodes.csv").read_text() == OLD
    assert _names(tmp_path) == ["graph-nodes.csv", "graph.csv"]


def test_csv_tables_are_both_complete_before_either_replaces_its_old_file(tricky, tmp_path,
                                                                          monkeypatch):
    # Let the second table's fsync fail, once the first table is complete: both old tables
    # must stay, never a new table beside an old one.
    (tmp_path / "graph.csv").write_text(OLD)
    (tmp_path / "graph-nodes.csv").write_text(OLD)
    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.EIO, "I/O error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = tricky("export", "-o", str(tmp_path / "graph.csv"))
    assert result.exit_code == 4
    assert (tmp_path / "graph.csv").read_text() == OLD
    assert (tmp_path / "graph-nodes.csv").read_text() == OLD
    assert _names(tmp_path) == ["graph-nodes.csv", "graph.csv"]


def test_export_replaces_an_existing_file_with_the_new_graph(tricky, tmp_path):
    target = tmp_path / "graph.json"
    target.write_text(OLD)
    result = tricky("export", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith('{\n  "directed": true')
    assert _names(tmp_path) == ["graph.json"]


def test_a_symlinked_target_is_followed_and_stays_a_link(tricky, tmp_path):
    real = tmp_path / "real.json"
    real.write_text(OLD)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert tricky("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_text().startswith("{")          # the new graph, in the file linked to


def test_a_fifo_target_is_written_through_not_replaced(tricky, tmp_path):
    import threading

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received = []
    # A daemon thread: if relgraph replaced the FIFO instead of writing into it, the reader
    # would wait in open() for ever; the test then fails below instead of hanging pytest.
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    result = tricky("export", "-f", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0
    assert received and received[0].startswith("{"), "nothing came through the FIFO"
    assert not fifo.is_file() and fifo.exists()        # still a FIFO
