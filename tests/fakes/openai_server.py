"""A small local HTTP server speaking the OpenAI chat-completions protocol, standing in for an LLM.

It records every request. Its reply is produced by a function of the request (so a test decides how the
"model" behaves), and it can be told to fail the next N requests with a status code. A request with
`"stream": true` is answered as the real API streams: server-sent `chat.completion.chunk` events, one per piece,
then `data: [DONE]`. The reply function may return the whole text (streamed word by word) or yield its pieces;
each yielded piece is sent and flushed before the next is asked for, so a reply that blocks between two yields
(on a `threading.Event` the test holds) is a model that is still writing.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes import send_json

Reply = Callable[[dict[str, Any]], "str | Iterable[str]"]


def _pieces(reply: str | Iterable[str]) -> Iterable[str]:
    return re.findall(r"\S+\s*", reply) if isinstance(reply, str) else reply


class FakeOpenAIServer:
    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.fail_next: list[int] = []  # status codes to answer with, one per coming request
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                server.headers.append(dict(self.headers))
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return send_json(self, 404, {"error": {"message": f"unknown path {self.path}"}})
                if server.fail_next:
                    return send_json(self, server.fail_next.pop(0), {"error": {"message": "injected failure"}})
                reply = server.reply(body)
                if body.get("stream"):
                    return self._stream(body, _pieces(reply))
                content = reply if isinstance(reply, str) else "".join(reply)
                send_json(self, 200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "model": body.get("model"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                })

            def _stream(self, body: dict[str, Any], pieces: Iterable[str]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()

                def event(delta: dict[str, str], finish: str | None = None) -> None:
                    chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "model": body.get("model"),
                             "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()

                event({"role": "assistant", "content": ""})
                for piece in pieces:
                    event({"content": piece})
                event({}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> "FakeOpenAIServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def best_sentence_of_the_first_passage(request: dict[str, Any]) -> tuple[int, str]:
    """The first passage our prompt shows the "model" (its number and text), and its sentence sharing most words
    with the question: quoted verbatim, it passes the grounding check."""
    user = request["messages"][-1]["content"]
    n, text = re.search(r"^\[(\d+)\] [^\n]*\n([^\n]+)", user, flags=re.MULTILINE).groups()
    asked = set(user.rsplit("Câu hỏi:", 1)[1].lower().split())
    sentences = re.split(r"(?<=[.!?])\s", text)
    return int(n), max(sentences, key=lambda s: len(asked & set(s.lower().split())))


class HeldModel:
    """A reply for `FakeOpenAIServer`: a model that streams one grounded sentence, then holds until the test
    sets `released`, then invents one ("987 đại biểu", which the grounding check must remove). `held` is set
    while it waits, `finished` once it is done; `first` holds the grounded sentence."""

    INVENTED = "Hội nghị có 987 đại biểu tham dự [1]."

    def __init__(self) -> None:
        self.held, self.released, self.finished = threading.Event(), threading.Event(), threading.Event()
        self.first: list[str] = []

    def __call__(self, request: dict[str, Any]) -> Iterable[str]:
        if not request.get("stream"):
            return  # a call that does not stream gets an empty answer, and no text can come from the model
        n, sentence = best_sentence_of_the_first_passage(request)
        self.first.append(sentence)
        yield f"{sentence} [{n}]\n\n"
        self.held.set()
        self.released.wait(120)
        yield self.INVENTED
        self.finished.set()
