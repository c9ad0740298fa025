"""Who is calling: API keys to callers, shared by every HTTP route (REST, OpenAI-compatible)."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from bcd.settings import Settings
from retrieval.filters import PUBLIC, Viewer


@dataclass(frozen=True)
class Caller:
    name: str
    admin: bool
    viewer: Viewer


_BEARER = re.compile(r"bearer(?:[ \t]+(\S*)[ \t]*)?", re.IGNORECASE)


def bearer_key(authorization: str | None) -> str | None:
    """The key of an `Authorization: Bearer KEY` header, its scheme read case-insensitively (RFC 7235): ""
    when there is no header, None when the header is not a bearer key (another scheme, no key, more words)."""
    if not authorization or not authorization.strip():
        return ""
    found = _BEARER.fullmatch(authorization.strip())
    return (found.group(1) or None) if found else None


def identify(settings: Settings, provided: str | None) -> Caller | None:
    """The caller an API key belongs to; None for a key that matches nothing. The key may come as a whole
    `Authorization` value (`Bearer KEY`, any case); a bearer scheme without a key matches nothing. Every
    configured key is compared in constant time (no early exit), and keys are never logged."""
    if provided and _BEARER.fullmatch(provided.strip()):
        provided = bearer_key(provided)
        if provided is None:
            return None
    if not provided:
        return Caller("anonymous", admin=not settings.api_keys, viewer=PUBLIC)
    match = None
    for entry in settings.api_keys:
        if hmac.compare_digest(provided.encode(), entry.key.get_secret_value().encode()):
            match = entry
    if match is None:
        return None
    return Caller(match.name, match.admin, Viewer(frozenset(match.groups)))
