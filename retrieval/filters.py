"""Metadata filters (province, document number, date range, issuer, document type), applied per document.

Province, cited numbers, dates and an official document's header describe a whole document, so a filter
resolves to the set of allowed document ids first; both the dense and the lexical search are then restricted
to that set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from bcd import vietnamese as vn


class SearchFilters(BaseModel):
    # a misspelt filter ("provice") is an error naming it, not a search over everything
    model_config = ConfigDict(extra="forbid")

    province: str | None = None
    doc_number: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    doc_ids: list[str] | None = None
    issuer: str | None = None  # part of the issuing body's name, abbreviations allowed ("UBND tỉnh Hòa Bình")
    doc_type: str | None = None  # "Kế hoạch", "ke hoach" or its symbol "KH"

    @model_validator(mode="after")
    def _range_in_order(self) -> "SearchFilters":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        return self

    def is_empty(self) -> bool:
        return not any([self.province, self.doc_number, self.date_from, self.date_to, self.doc_ids, self.issuer,
                        self.doc_type])

    def accepts(self, document: dict[str, Any]) -> bool:
        """Whether a document (its chunk metadata, lists already unpacked) passes every filter."""
        if self.doc_ids is not None and document["doc_id"] not in self.doc_ids:
            return False
        if self.province and vn.fold(self.province).lower() != vn.fold(document.get("province") or "").lower():
            return False
        if self.doc_number:
            wanted = vn.doc_number_key(self.doc_number)
            if wanted not in {vn.doc_number_key(n) for n in document.get("doc_numbers", [])}:
                return False
        if self.issuer and _comparable(self.issuer) not in _comparable(document.get("issuer") or ""):
            return False
        if self.doc_type and _document_type(self.doc_type) != _document_type(document.get("doc_type") or ""):
            return False
        if self.date_from or self.date_to:
            event = document.get("event_date")
            candidates = [date.fromisoformat(event)] if event else [date.fromisoformat(d) for d in
                                                                     document.get("dates", [])]
            low, high = self.date_from or date.min, self.date_to or date.max
            if not any(low <= d <= high for d in candidates):
                return False
        return True


def _comparable(name: str) -> str:
    """A name as it compares: abbreviations spelled out, folded, lower-case, single spaces."""
    return " ".join(vn.fold(vn.expand_abbreviations(name)).lower().split())


def _document_type(name: str) -> str:
    """A document type by its symbol ("Kế hoạch", "ke hoach" and "KH" are one type)."""
    folded = vn.fold(name).strip().lower()
    return next((vn.fold(code).lower() for kind, code in vn.DOC_TYPES.items() if vn.fold(kind) == folded), folded)


@dataclass(frozen=True)
class Viewer:
    """Who is asking: which restricted documents they may see.

    A document without groups is public; a document with groups is visible only to viewers in one of them.
    `TRUSTED` (local CLI and evaluation, which hold the data directory anyway) sees everything; network
    callers are `PUBLIC` unless their API key or Zalo account maps them to groups."""

    groups: frozenset[str] = field(default_factory=frozenset)
    everything: bool = False

    def may_see(self, document_groups: list[str]) -> bool:
        return self.everything or not document_groups or bool(self.groups & set(document_groups))


PUBLIC = Viewer()
TRUSTED = Viewer(everything=True)
