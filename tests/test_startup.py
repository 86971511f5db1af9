"""The first keystroke stays fast: `--help` loads none of the heavy libraries."""

import subprocess
import sys
from pathlib import Path

from conftest import clean_env


def _python(code: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=clean_env(**(env or {})), timeout=60)


def test_subprocesses_run_the_relgraph_under_test():
    # Subprocess tests start relgraph with no PYTHONPATH: it must be this checkout's, installed
    # with `pip install -e`, not some other copy.
    import relgraph

    result = _python("import relgraph; print(relgraph.__file__)")
    assert Path(result.stdout.strip()) == Path(relgraph.__file__)


def test_help_loads_neither_rich_nor_yaml_nor_networkx():
    code = (
        "import sys\n"
        "from relgraph.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='relgraph')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'yaml', 'networkx'})\n"
        "print('heavy:', heavy, file=sys.stderr)\n"
    )
    result = _python(code)
    assert "Usage: relgraph" in result.stdout
    assert "heavy: []" in result.stderr


def test_importing_the_library_loads_nothing_heavy_until_used():
    result = _python("import sys, relgraph; print(sorted({m.split('.')[0] for m in sys.modules}"
                     " & {'rich', 'yaml', 'networkx', 'typer'}))")
    assert result.stdout.strip() == "[]"


def test_python_dash_m_relgraph_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "relgraph", "--help"], capture_output=True,
                            text=True, env=clean_env(), timeout=60)
    assert result.returncode == 0
    assert "who-opposes" in result.stdout


def test_a_question_answered_from_the_cache_loads_neither_yaml_nor_networkx(tmp_path):
    # The first call compiles the store (YAML is needed to read the files); the second reads
    # the store, and who-opposes needs no graph library.
    code = (
        "import sys\n"
        "from relgraph.cli import app\n"
        "try:\n"
        "    app(['who-opposes', 'Israel'], prog_name='relgraph')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'networkx'})\n"
        "print('heavy:', heavy, file=sys.stderr)\n"
    )
    env = {"RELGRAPH_CACHE_DIR": str(tmp_path)}
    cold = _python(code, env=env)
    assert "heavy: ['yaml']" in cold.stderr
    warm = _python(code, env=env)
    assert "Russia" in warm.stdout
    assert "heavy: []" in warm.stderr
