"""The built wheel carries the shipped data: relgraph works when installed anywhere."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_env

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment in a temp dir with the wheel built from this checkout."""
    tmp = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp / "dist"), str(ROOT)], check=True, env=clean_env(), timeout=600)
    [wheel] = (tmp / "dist").glob("relgraph-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True, env=clean_env(),
                   timeout=300)
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
                   check=True, env=clean_env(), timeout=600)
    return tmp, bin_dir


def _run(installed, *args):
    tmp, bin_dir = installed
    env = clean_env(NO_COLOR="1", COLUMNS="100")
    return subprocess.run([str(bin_dir / "relgraph"), *args], capture_output=True, text=True,
                          cwd=tmp, env=env, timeout=120)


@pytest.mark.slow
@pytest.mark.timeout(600)  # builds a wheel and a virtual environment
def test_the_installed_wheel_answers_from_its_own_copy_of_the_data(installed):
    result = _run(installed, "who-opposes", "Israel", "--json")
    assert result.returncode == 0, result.stderr
    assert "Russia" in [row["name"] for row in json.loads(result.stdout)]
    tmp, bin_dir = installed
    where = subprocess.run(
        [str(bin_dir / "python"), "-c",
         "import relgraph.dataset as d; print(d.default_data_dir())"],
        capture_output=True, text=True, cwd=tmp, env=clean_env(), timeout=60).stdout.strip()
    assert Path(where).parent.name == "relgraph" and "site-packages" in where
    assert not where.startswith(str(ROOT))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_installed_console_script_reports_errors_without_a_traceback(installed):
    result = _run(installed, "path", "Russia", "Atlantis")
    assert result.returncode == 2
    assert result.stderr.startswith("relgraph: unknown actor 'Atlantis'")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_installed_wheel_writes_the_page_with_its_library_inside(installed):
    tmp, _ = installed
    result = _run(installed, "export", "-o", "graph.html")
    assert result.returncode == 0, result.stderr
    page = (tmp / "graph.html").read_text(encoding="utf-8")
    library = (ROOT / "src" / "relgraph" / "export" / "assets" / "cytoscape.min.js")
    assert library.read_text(encoding="utf-8") in page
