"""README's Python examples run as a user would paste them, against a real index (not against our code)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

SECTION = "## From Python: the library and LangChain"


def examples() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_the_section_has_the_library_and_the_langchain_example() -> None:
    found = examples()
    assert len(found) == 2 and "ChatService" in found[0] and "BcdRetriever" in found[1]


@pytest.mark.slow
@pytest.mark.parametrize("index", [0, 1])
def test_example_runs(indexed_settings, index: int) -> None:
    env = {**os.environ, "BCD_DATA_DIR": str(indexed_settings.data_dir)}
    run = subprocess.run([sys.executable, "-c", examples()[index]], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    if index == 0:  # the answer, then one line per citation: n, doc id, span, quote
        assert "Trần Quốc Cường" in lines[0] and "[1]" in lines[0]
        assert re.match(r"1 dien-bien-\S+ \d+ \d+ .*Trần Quốc Cường", lines[1])
    else:  # three ranked chunks, the chain's answer, the refusal flag
        assert [line.split()[0] for line in lines[:3]] == ["1", "2", "3"]
        assert lines[3].startswith("Đặng Khánh Toàn") and lines[-1] == "True"
