"""The retriever's whole view of the store, saved beside it so that a start reads none of the chunks back.

Everything the retriever holds (chunk ids, spans, document metadata, texts, both BM25 indexes, the diacritic
restorer's counts) is derived from the store alone. It is saved under `data/lexical/COLLECTION/KEY`, KEY
being a fingerprint of all it was derived from (every chunk's id, text, lexical terms and metadata, in store
order, and the code that derives them), with a manifest naming the store revision (`ChunkStore.revision`:
the collection, a token every write replaces, the chunk count) it was read at. A start finds the folder
whose manifest names the store's current revision and loads it: texts and BM25 memory-mapped (shared by every
worker), the rest small. Any other start reads every chunk, computes the fingerprint, and loads the folder of
that key (recording the new revision in it) or builds the view and saves it.

Saving is atomic and safe with other processes doing the same: each writes into a private temporary folder,
writes the manifest last, then renames the folder to its key (a rename happens whole or not at all; when
another process got there first its copy is kept), so a reader finds a complete view or none. Other keys
saved over a minute before are removed once one is saved (processes that mapped them keep their mapping).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import bm25s
import numpy as np

from bcd import vietnamese as vn
from retrieval import lexical, restore
from retrieval.lexical import LexicalIndex
from retrieval.restore import DiacriticRestorer

FORMAT = 3  # of the saved files; the code that derives them is fingerprinted by its source (`code_version`)
MANIFEST = "manifest.json"
_TEXTS, _OFFSETS, _CHUNKS, _DOCUMENTS, _RESTORER = "texts.bin", "texts.npy", "chunks.json", "documents.json", \
    "restorer.json"


@dataclass
class View:
    ids: list[str]
    texts: Sequence[str]
    columns: dict[str, list[Any]]  # what else the retriever keeps per chunk, by name (JSON values; lists: tuples)
    documents: dict[str, dict[str, Any]]  # document-level metadata, by doc id, in store order
    lexical: LexicalIndex
    restorer: DiacriticRestorer


def code_version(*sources: Path) -> str:
    """The saved files' format, bm25s's version, the source of the modules that derive a view (these and
    `sources`) and the Vietnamese tables they read: a change to any of them makes every saved view stale
    instead of silently different."""
    digest = hashlib.sha256(f"bcd-view/{FORMAT}/bm25s-{bm25s.__version__}\n".encode())
    tables = set(Path(vn.__file__).parent.joinpath("data").glob("*.tsv")) | set(
        Path(vn.__file__).parent.joinpath("data").glob("*.txt"))  # abbreviations and place names shape the terms
    for source in sorted({Path(m.__file__) for m in (vn, lexical, restore)} | tables | {Path(__file__), *sources}):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


class Fingerprint:
    """What a saved view is valid for: fed, in store order, every chunk's id, text and stored metadata (its
    lexical terms included)."""

    def __init__(self, code: str) -> None:
        self._digest = hashlib.sha256(code.encode())

    def add(self, chunk_id: str, text: str, metadata: dict[str, Any]) -> None:
        record = json.dumps([chunk_id, metadata], ensure_ascii=False, sort_keys=True, default=str)
        self._digest.update(f"{len(text)}\0".encode())
        self._digest.update(text.encode("utf-8", "surrogatepass"))
        self._digest.update(record.encode("utf-8", "surrogatepass"))

    def key(self) -> str:
        return self._digest.hexdigest()[:32]


class StoredTexts(Sequence[str]):
    """Chunk texts read from a memory-mapped file (UTF-8, one after another, with their byte offsets): the
    pages are shared by every worker and only those read stay resident."""

    def __init__(self, folder: Path) -> None:
        self._offsets = np.load(folder / _OFFSETS, mmap_mode="r")
        size = (folder / _TEXTS).stat().st_size
        if len(self._offsets) == 0 or int(self._offsets[-1]) != size:
            raise ValueError(f"{folder / _TEXTS} holds {size} bytes, its offsets say otherwise")
        if size == 0:
            self._data: mmap.mmap | bytes = b""
        else:
            with open(folder / _TEXTS, "rb") as handle:
                self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._data[int(self._offsets[index]):int(self._offsets[index + 1])].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self)):
            yield self[i]

    @staticmethod
    def write(folder: Path, texts: Sequence[str]) -> None:
        encoded = [t.encode("utf-8") for t in texts]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        (folder / _TEXTS).write_bytes(b"".join(encoded))
        np.save(folder / _OFFSETS, offsets)


def _manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / MANIFEST).read_text("utf-8"))


def find(root: Path, revision: str, code: str) -> Path | None:
    """The saved view whose manifest says it was read at `revision` by this code, if any."""
    if not root.is_dir():
        return None
    for folder in root.iterdir():
        if folder.name.startswith(".tmp-") or not folder.is_dir():
            continue
        try:
            manifest = _manifest(folder)
        except (OSError, ValueError):
            continue  # unreadable: the full read that follows rebuilds it if it is the one
        if manifest.get("revision") == revision and manifest.get("code") == code:
            return folder
    return None


def saved(root: Path, code: str) -> list[tuple[Path, str]]:
    """The saved views of this code that name a revision, with it, newest first: bases that the store's
    recorded changes may update (`HybridRetriever`)."""
    found = []
    for folder in root.iterdir() if root.is_dir() else ():
        if folder.name.startswith(".tmp-") or not folder.is_dir():
            continue
        try:
            manifest = _manifest(folder)
        except (OSError, ValueError):
            continue
        if manifest.get("code") == code and manifest.get("revision"):
            found.append((float(manifest.get("saved", 0)), folder, str(manifest["revision"])))
    return [(folder, revision) for _, folder, revision in sorted(found, key=lambda f: f[0], reverse=True)]


def derived_key(base: str, revision: str) -> str:
    """The key of a view updated from the one saved as `base` to the store's `revision`: the same for every
    process that makes that update (so they share one folder), and never a content fingerprint."""
    return "u" + hashlib.sha256(f"{base}\0{revision}".encode()).hexdigest()[:31]


def load(folder: Path, code: str) -> View:
    """The view saved in `folder`; raises FileNotFoundError when there is none, another error when it is
    damaged or of other code."""
    manifest = _manifest(folder)
    if manifest.get("format") != FORMAT or manifest.get("code") != code or manifest.get("key") != folder.name:
        raise ValueError(f"manifest of {folder} does not match this version (format, code or key)")
    size = int(manifest["size"])
    chunks = json.loads((folder / _CHUNKS).read_text("utf-8"))
    ids, texts = chunks["ids"], StoredTexts(folder)
    columns = {name: [tuple(v) if isinstance(v, list) else v for v in values]
               for name, values in chunks["columns"].items()}
    lengths = {"ids": len(ids), "texts": len(texts), **{name: len(values) for name, values in columns.items()}}
    if set(lengths.values()) != {size}:
        raise ValueError(f"{folder} holds {size} chunks, but {lengths}")
    documents = json.loads((folder / _DOCUMENTS).read_text("utf-8"))
    return View(ids, texts, columns, documents, LexicalIndex.load(folder, size),
                DiacriticRestorer.load(folder / _RESTORER))


def save(root: Path, key: str, code: str, revision: str | None, view: View) -> Path:
    """Write `view` as `root/key` (atomically; see the module's docstring) and return that folder."""
    root.mkdir(parents=True, exist_ok=True)
    temporary = root / f".tmp-{uuid.uuid4().hex}"
    temporary.mkdir()
    target = root / key
    try:
        view.lexical.save(temporary)
        StoredTexts.write(temporary, view.texts)
        (temporary / _CHUNKS).write_text(json.dumps({"ids": view.ids, "columns": view.columns}, ensure_ascii=False),
                                         "utf-8")
        (temporary / _DOCUMENTS).write_text(json.dumps(view.documents, ensure_ascii=False), "utf-8")
        view.restorer.save(temporary / _RESTORER)
        manifest = {"format": FORMAT, "code": code, "key": key, "size": len(view.ids), "revision": revision,
                    "saved": time.time()}
        (temporary / MANIFEST).write_text(json.dumps(manifest), "utf-8")
        if target.exists():  # damaged (else it would have loaded): move it aside first
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.rename(temporary, target)
        except OSError:  # another process saved the same key meanwhile: keep its copy
            return target
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    for other in root.iterdir():
        stale = other.name.startswith(".tmp-") and other.stat().st_mtime < time.time() - 3600  # a killed writer's
        if stale or (other.name != key and not other.name.startswith(".tmp-")
                     and other.stat().st_mtime < time.time() - 60):
            shutil.rmtree(other, ignore_errors=True)
    return target


def mark(folder: Path, revision: str | None) -> None:
    """Record that the view in `folder` is what the store holds at `revision` (its manifest replaced
    atomically; a read-only data directory only loses the shortcut)."""
    manifest = {**_manifest(folder), "revision": revision}
    temporary = folder / f".{MANIFEST}.{uuid.uuid4().hex}"
    try:
        temporary.write_text(json.dumps(manifest), "utf-8")
        os.replace(temporary, folder / MANIFEST)
    except OSError:
        temporary.unlink(missing_ok=True)
