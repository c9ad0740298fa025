"""Text as it becomes final, from work that reports it through a callback (the chat service's `on_text`)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def text_then_result(work: Callable[[Callable[[str], None]], T]) -> Iterator[str | T]:
    """Run `work` in a worker thread and yield each text it hands to its callback as soon as it exists, then
    its result (which must not be a `str`). Its errors are raised here, in the consumer's thread, so a route
    can still turn an error before the first piece into an HTTP status."""
    pieces: queue.Queue[Any] = queue.Queue()

    def run() -> None:
        try:
            pieces.put(_Result(work(pieces.put)))
        except BaseException as exc:  # handed to the consumer
            pieces.put(exc)

    threading.Thread(target=run, daemon=True).start()
    while True:
        item = pieces.get()
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, _Result):
            yield item.value
            return
        yield item


@dataclass(frozen=True)
class _Result:
    value: Any
