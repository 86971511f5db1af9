"""Shell completion: installing it for bash, zsh and fish, and what it offers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_env

from relgraph.completion import actor_labels, relation_ids, type_names


def _relgraph(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = clean_env(HOME=str(tmp_path), RELGRAPH_CACHE_DIR=str(tmp_path / "cache"),
                      LANG="C.UTF-8", **env)
    return subprocess.run([sys.executable, "-m", "relgraph", *args], capture_output=True,
                          text=True, env=clean, timeout=120)


def test_actor_labels_are_ids_names_and_aliases_starting_with_the_word_in_any_case():
    # data/actors.yaml: labels that start with "is": the id and name of Israel, the id and name
    # of Islamic State and its aliases ISIS and ISIL, Iran's alias "Islamic Republic of Iran",
    # Hamas's alias "Islamic Resistance Movement" and the IRGC's name.
    assert actor_labels(None, "is") == [
        "ISIL", "ISIS", "Islamic Republic of Iran", "Islamic Resistance Movement",
        "Islamic Revolutionary Guard Corps", "Islamic State", "islamic-state", "Israel",
        "israel"]


def test_type_names_complete_from_the_types_declared():
    # data/relations.yaml declares these six types starting with "co".
    assert type_names(None, "co") == ["common-position", "community-ties", "condemnation",
                                      "condolences", "confrontation", "cooperation"]


def test_relation_ids_complete_from_their_beginning():
    # data/relations.yaml: the four relation ids that begin with russia-israel-putin, sorted.
    assert relation_ids(None, "russia-israel-putin") == [
        "russia-israel-putin-condolence-call-2023", "russia-israel-putin-mediation-offer-2023",
        "russia-israel-putin-visit-2005", "russia-israel-putin-visit-2012"]


def test_completion_of_a_bad_dataset_offers_nothing(tmp_path):
    (tmp_path / "actors.yaml").write_text("actors: [", encoding="utf-8")
    (tmp_path / "relations.yaml").write_text("types: {}\nrelations: []\n", encoding="utf-8")
    assert actor_labels(str(tmp_path), "") == []


@pytest.mark.slow
def test_bash_completes_an_actor_argument_through_the_cli(tmp_path):
    result = _relgraph(tmp_path=tmp_path, _RELGRAPH_COMPLETE="complete_bash",
                       COMP_WORDS="relgraph who-opposes Is", COMP_CWORD="2")
    # The shell keeps the labels that start with "Is" as typed, case and all.
    assert result.stdout.splitlines() == [
        "Islamic Republic of Iran", "Islamic Resistance Movement",
        "Islamic Revolutionary Guard Corps", "Islamic State", "Israel"]


@pytest.mark.slow
def test_completion_reads_the_data_folder_given_before_the_command(tmp_path):
    tricky = Path(__file__).parent / "data" / "tricky"
    result = _relgraph(tmp_path=tmp_path, _RELGRAPH_COMPLETE="complete_bash",
                       COMP_WORDS=f"relgraph --data {tricky} show So", COMP_CWORD="4")
    assert result.stdout.splitlines() == ["Southland"]


@pytest.mark.slow
@pytest.mark.parametrize(("shell", "where"), [
    ("bash", ".bashrc"), ("zsh", ".zshrc"), ("fish", ".config/fish/completions/relgraph.fish")])
def test_install_completion_for_each_shell(tmp_path, shell, where):
    result = _relgraph("--install-completion", shell, tmp_path=tmp_path,
                       _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / where).exists()
    shown = _relgraph("--show-completion", shell, tmp_path=tmp_path,
                      _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert f"complete_{shell}" in shown.stdout
