"""README's Python examples run as a user would paste them, against a real index or a real server (not
against our code)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

SECTION = "## From Python: the library and LangChain"
OPENAI_SECTION = "## OpenAI-compatible endpoint"
README_URL = "http://127.0.0.1:8000"  # where README's OpenAI example points: `bcd serve`'s default address


def examples(section: str = SECTION) -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    text = readme.split(section, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


def run_example(code: str, **env: str) -> list[str]:
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, **env}, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout.strip().splitlines()


def test_the_section_has_the_library_and_the_langchain_example() -> None:
    found = examples()
    assert len(found) == 2 and "ChatService" in found[0] and "BcdRetriever" in found[1]


def test_the_openai_section_has_one_client_example_pointing_at_bcd_serve() -> None:
    found = examples(OPENAI_SECTION)
    assert len(found) == 1 and "from openai import OpenAI" in found[0]
    assert found[0].count(f'"{README_URL}/v1"') == 1


@pytest.mark.slow
@pytest.mark.parametrize("index", [0, 1])
def test_example_runs(indexed_settings, index: int) -> None:
    lines = run_example(examples()[index], BCD_DATA_DIR=str(indexed_settings.data_dir))
    if index == 0:  # the answer, then one line per citation: n, doc id, span, quote
        assert "Trần Quốc Cường" in lines[0] and "[1]" in lines[0]
        assert re.match(r"1 dien-bien-\S+ \d+ \d+ .*Trần Quốc Cường", lines[1])
    else:  # three ranked chunks, the chain's answer, the refusal flag
        assert [line.split()[0] for line in lines[:3]] == ["1", "2", "3"]
        assert lines[3].startswith("Đặng Khánh Toàn") and lines[-1] == "True"


@pytest.mark.slow
def test_openai_example_runs_against_a_real_server(server) -> None:
    """The snippet as written, only its address moved to the test's server (the session's `bcd serve`, no keys
    configured: the placeholder "KEY" is accepted, as README says)."""
    code = examples(OPENAI_SECTION)[0].replace(README_URL, server.url)
    lines = run_example(code)
    # the answer with [n], a blank line, "Nguồn:" and the sources, then the first citation's quote
    assert "Đặng Khánh Toàn" in lines[0] and "[1]" in lines[0]
    assert lines[lines.index("Nguồn:") + 1].startswith("[1] ")
    quote = lines[-1]
    assert "Đặng Khánh Toàn" in quote and not quote.startswith("[")
    documents = [p.read_text(encoding="utf-8") for p in (server.data_dir / "documents").glob("*.txt")]
    assert any(quote in document for document in documents)  # checkable in a stored document
