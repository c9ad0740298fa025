"""What the API refuses before any work is done: JSON bodies that are not strict JSON, and anonymous
writers that write too often.

Python's `json` accepts bare `NaN`, `Infinity` and `-Infinity` and numbers too large for a float (they
become `inf`), and decodes a `"\\ud800"` escape into a lone surrogate, a string that cannot be encoded
as UTF-8. None of those is text or a number anyone can mean; left in, they crash whatever meets them
first (the word segmenter, SQLite, the error response itself). `StrictJSONRoute` makes every route of the
app parse its JSON body strictly and answer 422 naming the field instead.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute

SURROGATE = re.compile("[\ud800-\udfff]")


class _NotFinite:
    """Stands for a NaN or infinite number while a parsed body is checked."""

    def __init__(self, text: str) -> None:
        self.text = text


def _finite_float(text: str) -> float | _NotFinite:
    value = float(text)
    return value if math.isfinite(value) else _NotFinite(text)


def _printable(key: str) -> str:
    """A key as it can be shown in an error response (a lone surrogate cannot be encoded)."""
    return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", key)


def _problem(value: Any) -> tuple[list[str | int], str] | None:
    """Where the first NaN, infinite number or lone surrogate sits in a parsed body, and what it is."""
    stack: list[tuple[list[str | int], Any]] = [([], value)]
    while stack:
        loc, item = stack.pop()
        if isinstance(item, _NotFinite):
            return loc, f"{item.text} is not a JSON number: numbers must be finite"
        if isinstance(item, str) and SURROGATE.search(item):
            return loc, "the text holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not a character"
        if isinstance(item, dict):
            for key, child in item.items():
                if SURROGATE.search(key):
                    return [*loc, _printable(key)], "the key holds a lone UTF-16 surrogate, not a character"
                stack.append(([*loc, key], child))
        elif isinstance(item, list):
            stack.extend(([*loc, i], child) for i, child in enumerate(item))
    return None


def strict_json(body: bytes) -> Any:
    """The parsed body; 422 naming the field for NaN, Infinity, a number beyond a float's range or a lone
    surrogate. Malformed JSON raises `json.JSONDecodeError` and undecodable bytes `UnicodeDecodeError`, as
    `json.loads` does, so FastAPI answers those as it always has (422 and 400)."""
    value = json.loads(body, parse_constant=_NotFinite, parse_float=_finite_float)
    found = _problem(value)
    if found is not None:
        loc, message = found
        raise HTTPException(422, [{"type": "value_error", "loc": ["body", *loc], "msg": message}])
    return value


class StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = strict_json(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """A route whose JSON body is parsed by `strict_json` (set as the app router's `route_class`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler


class WriteLimiter:
    """At most `per_minute` writes per client in any 60 seconds. `wait_s(client)` counts a write and
    returns 0, or returns how many seconds the client must wait (for a Retry-After header)."""

    WINDOW_S = 60.0

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self._clock = per_minute, clock
        self._writes: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait_s(self, client: str) -> float:
        now = self._clock()
        with self._lock:
            if len(self._writes) > 10_000:  # forget clients idle for a whole window
                self._writes = {c: t for c, t in self._writes.items() if now - t[-1] < self.WINDOW_S}
            recent = [t for t in self._writes.get(client, []) if now - t < self.WINDOW_S]
            if len(recent) >= self.per_minute:
                self._writes[client] = recent
                return self.WINDOW_S - (now - recent[0])
            self._writes[client] = [*recent, now]
            return 0.0
