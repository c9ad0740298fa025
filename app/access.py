"""Who is calling: API keys to callers, shared by every HTTP route (REST, OpenAI-compatible)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from bcd.settings import Settings
from retrieval.filters import PUBLIC, Viewer


@dataclass(frozen=True)
class Caller:
    name: str
    admin: bool
    viewer: Viewer


def identify(settings: Settings, provided: str | None) -> Caller | None:
    """The caller an API key belongs to; None for a key that matches nothing. Every configured key is
    compared in constant time (no early exit), and keys are never logged."""
    if not provided:
        return Caller("anonymous", admin=not settings.api_keys, viewer=PUBLIC)
    match = None
    for entry in settings.api_keys:
        if hmac.compare_digest(provided.encode(), entry.key.get_secret_value().encode()):
            match = entry
    if match is None:
        return None
    return Caller(match.name, match.admin, Viewer(frozenset(match.groups)))
