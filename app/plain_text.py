"""Answers for channels that show plain text only (Zalo, OpenAI-compatible chat front-ends): the answer with
its [n] markers, then a numbered source list the reader can check them against ("[1] Kế hoạch 99/KH-UBND,
mục II.3")."""

from __future__ import annotations

from typing import Any

from chat.citations import source_name

SOURCES_HEADING = "\n\nNguồn:\n"


def source_list(citations: list[dict[str, Any]]) -> str:
    """The source list that follows an answer ("" without citations)."""
    if not citations:
        return ""
    lines = (f"[{c['n']}] {source_name(c)}" + (f" — {c['url']}" if c.get("url") else "") for c in citations)
    return SOURCES_HEADING + "\n".join(lines)


def with_sources(answer: str, citations: list[dict[str, Any]]) -> str:
    return answer + source_list(citations)


def without_sources(text: str) -> str:
    """An earlier answer as the client sends it back, without the source list this module added."""
    return text.split(SOURCES_HEADING, 1)[0]
