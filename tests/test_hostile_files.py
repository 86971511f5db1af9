"""Hostile files never run code, never hang, never eat the memory; ordinary YAML features work.

The hostile files are written here into tmp_path, never committed. The alias bomb, the deep
nesting and the 50 MB of junk run in a subprocess under an address-space limit (RLIMIT_AS) and a
timeout, so that a lost protection fails the test instead of taking the machine down.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import clean_env

HERE = Path(__file__).parent
BASE = HERE / "bad_data" / "_base"   # a valid dataset: four actors, three types, four relations
MiB = 1024 * 1024

# Runs relgraph's console entry point with the address space limited to argv[1] bytes.
_LIMITED = """
import resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["relgraph"] + sys.argv[2:]
from relgraph.cli import main
main()
"""


def dataset(folder: Path, actors: str | bytes | None = None) -> Path:
    """A copy of the valid base dataset in `folder`, with actors.yaml replaced if given."""
    shutil.copytree(BASE, folder)
    if isinstance(actors, str):
        (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    elif isinstance(actors, bytes):
        (folder / "actors.yaml").write_bytes(actors)
    return folder


def relgraph_limited(*args: str, cwd: Path, memory_mb: int, env: dict | None = None,
                     timeout: float = 120):
    """Run relgraph in a subprocess whose address space is capped; return (process, seconds)."""
    pytest.importorskip("resource")
    start = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(memory_mb * MiB), *args],
        cwd=cwd, env=clean_env(**(env or {})), capture_output=True, text=True, timeout=timeout)
    return process, time.perf_counter() - start


# A hostile file must cost about what a small valid one does, not minutes. The machine may be
# busy, so the bound is a generous multiple of the time relgraph takes, here and now, to start
# and validate the small base dataset under the same limits.
SLOWER = 20


def baseline_seconds(tmp_path: Path, memory_mb: int) -> float:
    dataset(tmp_path / "base")
    process, seconds = relgraph_limited("--data", "base", "validate", cwd=tmp_path,
                                        memory_mb=memory_mb)
    assert process.returncode == 0, process.stderr
    return seconds


# -- tags never build Python objects -------------------------------------------------------

PAYLOADS = {
    # name: (text of actors.yaml with MARKER where the file to create goes, line, tag shown)
    "object-apply-os-system": (
        "actors:\n"
        "  - id: pwned\n"
        "    name: !!python/object/apply:os.system [\"touch 'MARKER'\"]\n",
        3, "!!python/object/apply:os.system"),
    "object-new-through-map": (
        "actors:\n"
        "  - id: pwned\n"
        "    name: Pwned\n"
        "    description: !!python/object/new:tuple\n"
        "      [!!python/object/new:map [!!python/name:os.system , [\"touch 'MARKER'\"]]]\n",
        4, "!!python/object/new:tuple"),
    "payload-as-a-key": (
        "actors:\n"
        "  - id: pwned\n"
        "    name: Pwned\n"
        "    ? !!python/object/apply:os.system [\"touch 'MARKER'\"]\n"
        "    : x\n",
        4, "!!python/object/apply:os.system"),
}


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_a_python_tag_never_runs_code(run, tmp_path, payload):
    text, line, tag = PAYLOADS[payload]
    marker = tmp_path / "pwned"
    text = text.replace("MARKER", str(marker))
    # The payload is live: an unsafe YAML loader does create the file.
    import yaml

    yaml.unsafe_load(text)
    assert marker.exists()
    marker.unlink()

    data = dataset(tmp_path / "data", text)
    result = run("validate", data=data)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{data}/actors.yaml:{line}: unsupported YAML tag {tag}; relgraph reads plain YAML only: "
        "remove the tag",
        "1 problem in the data",
    ]
    result = run("who-opposes", "Israel", data=data)
    assert result.exit_code == 3 and result.stdout == ""
    assert not marker.exists()


# -- alias bombs and deep nesting ----------------------------------------------------------

def billion_laughs() -> str:
    """Nine levels of ten aliases each: 10**9 values once expanded, then used as aliases."""
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    lines += ["actors:", "  - id: lol", "    name: Lol", "    aliases: [*i]"]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_billion_laughs_is_refused_quickly_in_bounded_memory(tmp_path):
    # Each alias adds its anchor's expanded size: b adds 10 x 11, c 10 x 111, d 10 x 1,111,
    # e 10 x 11,111, f 10 x 111,111: 1,234,550 in all by line 6; the first alias on line 7
    # (g) adds 1,111,111 more and passes 2,000,000.
    data = dataset(tmp_path / "bomb", billion_laughs())
    process, seconds = relgraph_limited("--data", "bomb", "validate", cwd=tmp_path,
                                        memory_mb=512)
    assert process.returncode == 3, process.stderr
    assert process.stdout.splitlines() == [
        "bomb/actors.yaml:7: aliases expand to more than 2,000,000 values (an alias bomb?); "
        "write the values out instead of repeating anchors",
        "1 problem in the data",
    ]
    assert seconds < SLOWER * baseline_seconds(tmp_path, 512)
    assert data.exists()


@pytest.mark.slow
@pytest.mark.parametrize("opening,closing", [("[", "]"), ("{a: ", "}")])
def test_a_document_nested_100000_levels_deep_is_refused(tmp_path, opening, closing):
    text = "actors: " + opening * 100_000 + "x" + closing * 100_000 + "\n"
    dataset(tmp_path / "deep", text)
    process, seconds = relgraph_limited("--data", "deep", "validate", cwd=tmp_path,
                                        memory_mb=512)
    assert process.returncode == 3, process.stderr
    assert process.stdout.splitlines() == [
        "deep/actors.yaml:1: nested more than 100 levels deep; relgraph data is at most a few "
        "levels deep",
        "1 problem in the data",
    ]
    assert "Traceback" not in process.stderr
    assert seconds < SLOWER * baseline_seconds(tmp_path, 512)


def test_nesting_up_to_the_limit_is_read(run, tmp_path):
    # 100 levels are allowed (the file, the actors list, the actor and 97 lists): the file is
    # read, and the problem is the alias, not the depth. One more level is refused.
    text = "actors:\n  - id: deep\n    name: Deep\n    aliases: " + "[" * 97 + "]" * 97 + "\n"
    data = dataset(tmp_path / "data", text)
    result = run("validate", data=data)
    assert result.stdout.splitlines()[0] == (
        f"{data}/actors.yaml:4: actor 'deep': alias #1 must be text, not a list")
    (data / "actors.yaml").write_text(text.replace("[", "[[", 1).replace("]", "]]", 1))
    result = run("validate", data=data)
    assert result.stdout.splitlines()[0] == (
        f"{data}/actors.yaml:4: nested more than 100 levels deep; relgraph data is at most a few "
        "levels deep")


# -- 50 MB of junk ---------------------------------------------------------------------------

def random_bytes(size: int) -> bytes:
    return random.Random(6).randbytes(size)


def junk_text(size: int) -> bytes:
    """Valid UTF-8 that is no YAML: random printable characters, punctuation, accents, CJK."""
    rng = random.Random(6)
    alphabet = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,;:!?-'\"()[]{}#&*|>%@"
                "éèàüßøЖДя東京€\n")
    chunk = "".join(rng.choice(alphabet) for _ in range(MiB)).encode("utf-8")
    return (chunk * (size // len(chunk) + 1))[:size].rsplit(b"\n", 1)[0] + b"\n"


@pytest.mark.parametrize("junk", [random_bytes, junk_text])
def test_50_mb_of_junk_is_refused_by_its_size_without_reading_it(run, tmp_path, junk,
                                                                 monkeypatch):
    data = dataset(tmp_path / "data", junk(50 * MiB))
    opened = []
    path_open = Path.open

    def spy(self, *args, **kwargs):
        opened.append(self.name)
        return path_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    result = run("validate", data=data)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{data}/actors.yaml: file is 50 MiB, over the 32 MiB limit; is it the right file? "
        "(set RELGRAPH_MAX_FILE_MB to raise the limit)",
        "1 problem in the data",
    ]
    assert "actors.yaml" not in opened and "relations.yaml" in opened  # the spy sees reads


@pytest.mark.slow
@pytest.mark.parametrize("junk,expected", [
    (random_bytes, r"junk/actors\.yaml:\d+: not UTF-8 text \(byte 0x[0-9a-f]{2} at offset \d+\); "
                   r"save the file as UTF-8"),
    (junk_text, r"junk/actors\.yaml:\d+: YAML syntax error in `[^\n]+`: [^\n]+"),
], ids=["random-bytes", "utf8-text"])
def test_50_mb_of_junk_under_a_raised_limit_gets_one_clear_line_quickly(tmp_path, junk, expected):
    dataset(tmp_path / "junk", junk(50 * MiB))
    process, seconds = relgraph_limited("--data", "junk", "validate", cwd=tmp_path,
                                        memory_mb=1024, env={"RELGRAPH_MAX_FILE_MB": "64"})
    lines = process.stdout.splitlines()
    assert process.returncode == 3, process.stderr
    assert len(lines) == 2 and re.fullmatch(expected, lines[0]), lines[:3]
    assert lines[1] == "1 problem in the data"
    assert seconds < SLOWER * baseline_seconds(tmp_path, 1024)


def test_a_file_over_a_lowered_limit_is_refused(run, tmp_path, monkeypatch):
    padded = (BASE / "actors.yaml").read_text(encoding="utf-8") + "# padding\n" * 120_000
    data = dataset(tmp_path / "data", padded)  # 1,200,000 bytes and the actors: 1.14 MiB
    monkeypatch.setenv("RELGRAPH_MAX_FILE_MB", "1")
    result = run("validate", data=data)
    assert result.stdout.splitlines()[0] == (
        f"{data}/actors.yaml: file is 1.14 MiB, over the 1 MiB limit; is it the right file? "
        "(set RELGRAPH_MAX_FILE_MB to raise the limit)")
    monkeypatch.setenv("RELGRAPH_MAX_FILE_MB", "2")
    assert run("validate", data=data).exit_code == 0


# -- ordinary YAML features ------------------------------------------------------------------

FEATURES_ACTORS = """\
actors:
  - &state {id: israel, name: Israel, kind: state}
  - <<: *state
    id: russia
    name: Russia
"""
FEATURES_RELATIONS = """\
types:
  condemnation: &hostile {polarity: hostile, weight: -2, cameo: "111"}
  denunciation: *hostile
  visit: {polarity: friendly, weight: 1.9, cameo: 042}
relations:
  - &r1 {id: r1, source: russia, target: israel, type: condemnation, date: 2023-10}
  - <<: *r1
    id: r2
    type: denunciation
  - {id: r3, source: israel, target: russia, type: visit, date: 2021-10, summary: 10:30}
"""


def test_anchors_aliases_and_merge_keys_work(run, tmp_path):
    (tmp_path / "actors.yaml").write_text(FEATURES_ACTORS, encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(FEATURES_RELATIONS, encoding="utf-8")
    assert run("validate", data=tmp_path).exit_code == 0
    actors = json.loads(run("actors", "--json", data=tmp_path).stdout)
    # russia takes israel's kind through the merge key, its own id and name override.
    assert [(a["id"], a["name"], a["kind"]) for a in actors] == [
        ("israel", "Israel", "state"), ("russia", "Russia", "state")]
    types = {t["name"]: t for t in json.loads(run("types", "--json", data=tmp_path).stdout)}
    assert (types["denunciation"]["polarity"], types["denunciation"]["weight"],
            types["denunciation"]["cameo"]) == ("hostile", -2.0, "111")
    assert types["visit"]["cameo"] == "042"  # not YAML 1.1's octal 34
    relations = json.loads(run("relations", "--json", data=tmp_path).stdout)
    r1, r2, r3 = relations
    assert r2 == {**r1, "id": "r2", "type": "denunciation"}
    assert (r1["source"], r1["target"], r1["date"], r1["weight"]) == (
        "russia", "israel", "2023-10", -2.0)
    assert r3["summary"] == "10:30"  # not YAML 1.1's base-60 630


def test_a_key_written_twice_is_still_a_problem_beside_a_merge_key(run, tmp_path):
    (tmp_path / "actors.yaml").write_text(FEATURES_ACTORS, encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(
        FEATURES_RELATIONS.replace("    type: denunciation\n",
                                   "    type: denunciation\n    type: condemnation\n"),
        encoding="utf-8")
    result = run("validate", data=tmp_path)
    assert result.stdout.splitlines() == [
        f"{tmp_path}/relations.yaml:10: duplicate key 'type' (first on line 9); keep one of them",
        "1 problem in the data",
    ]
