"""The REST API (FastAPI): a thin adapter over the chat service, the retriever and the ingestor.

Models load once, when the app is created. Uploaded files are stored under the data directory with
generated names and ingested in a background thread; `GET /api/jobs/{id}` reports progress.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from pydantic import AliasChoices, BaseModel, Field, StrictInt, ValidationError, field_validator

from bcd import vietnamese as vn
from bcd.settings import Settings, normalize_groups
from chat.citations import Citation
from chat.service import ChatAnswer, ChatService, InvalidQuestionError
from app.access import Caller, identify
from app.openai_api import openai_app
from app.guards import SURROGATE, StrictJSONRoute, WriteLimiter
from app.jobs import Job, JobStore
from app.sessions import SessionStore, UnknownSessionError
from app.task_list import TaskFilters, task_rows, to_csv, to_xlsx, visible_documents
from chat.streaming import text_then_result
from app.zalo_routes import add_zalo_routes
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import MAX_DOC_ID_CHARS, Ingestor, IngestReport, is_doc_id
from ingest.store import StoreUnavailableError
from ingest.texts import DocumentTexts
from retrieval.filters import PUBLIC, SearchFilters, Viewer
from retrieval.hybrid import HEADER_FIELDS
from retrieval.question import EmptyQueryError

log = logging.getLogger(__name__)
T = TypeVar("T")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ChatRequest(BaseModel):
    message: str = Field(validation_alias=AliasChoices("message", "question"),
                         description="The question, in Vietnamese (sent as `question` too, as `bcd ask --batch` files "
                         "name it).")
    session_id: str | None = Field(None, max_length=64, description="Continue this conversation; omit to start one.")
    filters: SearchFilters | None = None


class ChatResponse(BaseModel):
    answer: str
    refused: bool
    citations: list[Citation]
    session_id: str
    notes: list[str] = []


class SearchRequest(BaseModel):
    query: str
    k: StrictInt = Field(10, gt=0, le=100)
    filters: SearchFilters | None = None


FEEDBACK_MAX_BODY_BYTES = 1024 * 1024  # larger bodies get 413 before they are read
# a question is at most 2,000 characters and a filter a few ids: a 20 MB body is refused before it is parsed (it
# held the server for seconds)
QUESTION_MAX_BODY_BYTES = 1024 * 1024
FEEDBACK_MAX_ANSWER_CHARS = 20_000
FEEDBACK_MAX_COMMENT_CHARS = 2_000
FEEDBACK_MAX_CITATIONS = 50
FEEDBACK_MAX_CITATION_CHARS = 5_000  # one citation, written as JSON


class FeedbackRequest(BaseModel):
    """Thumbs up or down on one answer. Anyone may send it, so every field is bounded (the question by
    BCD_MAX_QUESTION_CHARS, as for /api/chat, checked in the route)."""

    rating: StrictInt = Field(description="1 = useful, -1 = not useful; an integer (not true, \"1\" or 1.0)")
    question: str = Field(min_length=1)
    answer: str = Field(max_length=FEEDBACK_MAX_ANSWER_CHARS)
    citations: list[dict[str, Any]] = Field([], max_length=FEEDBACK_MAX_CITATIONS)
    session_id: str | None = Field(None, max_length=64)
    comment: str = Field("", max_length=FEEDBACK_MAX_COMMENT_CHARS)

    @field_validator("rating")
    @classmethod
    def _thumb(cls, value: int) -> int:
        if value not in (1, -1):
            raise ValueError("rating must be 1 (useful) or -1 (not useful)")
        return value

    @field_validator("citations")
    @classmethod
    def _bounded_citations(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for n, citation in enumerate(value, 1):
            size = len(json.dumps(citation, ensure_ascii=False))
            if size > FEEDBACK_MAX_CITATION_CHARS:
                raise ValueError(f"citation {n} is {size} characters as JSON; the limit is "
                                 f"{FEEDBACK_MAX_CITATION_CHARS}")
        return value


MAX_NAME_CHARS = 200
_NAME_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f]|" + SURROGATE.pattern)


def _safe_name(name: str) -> str:
    """The file's own name without any directory part ("../../x.pdf" → "x.pdf"), control characters or
    leading dots, at most MAX_NAME_CHARS long (a long stem is cut, the extension kept)."""
    base = re.split(r"[\\/]", _NAME_JUNK.sub("", name or ""))[-1].strip().lstrip(".")
    if len(base) > MAX_NAME_CHARS:
        suffix = Path(base).suffix if len(Path(base).suffix) <= 16 else ""
        base = base[:MAX_NAME_CHARS - len(suffix)].rstrip() + suffix
    return base or "upload"


def _form_groups(values: list[Any]) -> list[str]:
    """The groups an upload form restricts its documents to. A form without a `groups` field uploads
    public documents; a `groups` field that is there but names no group (empty, blanks, only commas) is an
    error, never "public": an unset variable in `-F groups=$GROUP` must not publish a restricted file."""
    if not values:
        return []
    try:
        names = normalize_groups(part for value in values if isinstance(value, str)
                                 for part in value.split(","))
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    if not names:
        raise HTTPException(422, "groups is empty: name at least one group (comma-separated) to restrict "
                                 "these documents, or leave the field out for public ones")
    return names


@dataclass(frozen=True)
class StreamEnd:
    result: ChatAnswer
    session_id: str


class Backend:
    """What the routes share: one chat service, one ingestor, sessions and ingest jobs (persisted: a job a
    killed server left unfinished is resumed here, and a document write it left half done is settled)."""

    def __init__(self, settings: Settings, service: ChatService | None = None) -> None:
        self.settings = settings
        self.service = service or ChatService(settings)
        vn.compound_words("Ban Chỉ đạo")  # loads the word segmenter now (3 s), not during the first answer
        self.sessions = SessionStore(settings.data_dir / "app.sqlite3", max_turns=settings.session_max_turns,
                                     ttl_s=settings.session_ttl_s)
        self.uploads = settings.data_dir / "uploads"
        self.jobs = JobStore(settings.data_dir / "app.sqlite3", self.uploads)
        self._ingest_lock = threading.Lock()  # one ingest at a time: Chroma writes and the refresh
        self._ingestor: Ingestor | None = None
        retriever = self.service.retriever
        if DocumentTexts(settings.data_dir / "documents").recover(retriever.store):
            retriever.refresh()
        for job in self.jobs.resumable():
            log.warning("resuming ingest job %s at file %d of %d", job.id, job.done + 1, job.total)
            self._run_in_background(job)

    @property
    def ingestor(self) -> Ingestor:
        if self._ingestor is None:
            self._ingestor = Ingestor(self.settings)
        return self._ingestor

    def chat(self, request: ChatRequest, viewer: Viewer = PUBLIC,
             on_text: Callable[[str], None] | None = None) -> tuple[ChatAnswer, str]:
        if request.session_id:
            history = self.sessions.history(request.session_id)
            session_id = request.session_id
        else:
            history, session_id = [], self.sessions.create()
        result = self.service.answer(request.message, history=history, filters=request.filters, viewer=viewer,
                                     on_text=on_text)
        self.sessions.append(session_id, result.question, result.answer)
        return result, session_id

    def chat_stream(self, request: ChatRequest, viewer: Viewer = PUBLIC) -> Iterator[str | StreamEnd]:
        """The answer's text as it becomes final, then a `StreamEnd`."""
        return text_then_result(lambda on_text: StreamEnd(*self.chat(request, viewer, on_text=on_text)))

    def upload_target(self, filename: str) -> tuple[Path, str]:
        """Where an uploaded file is stored (a generated name under the data directory) and the name users
        know it by (its own base name, never a path)."""
        name = _safe_name(filename)
        self.uploads.mkdir(parents=True, exist_ok=True)
        return self.uploads / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}", name

    def start_ingest(self, stored: list[tuple[Path, str]], groups: list[str] | None = None,
                     replace: bool = False) -> Job:
        """Ingest uploaded files in the background. An upload whose name gives the id of an existing
        document replaces it only when `replace`; otherwise it gets a new id (the job report's `renamed`)."""
        job = self.jobs.create(stored, list(groups or []), replace)
        self._run_in_background(job)
        return job

    def _run_in_background(self, job: Job) -> None:
        threading.Thread(target=self._run_ingest, args=(job,), daemon=True).start()

    def _run_ingest(self, job: Job) -> None:
        """Ingest the job's files not yet done, recording progress (and the report so far) after each."""
        remaining, offset = self.jobs.paths(job), job.done
        report = IngestReport(**job.report)  # a resumed job continues its report

        def progress(done: int, total: int, name: str) -> None:
            job.done, job.current, job.report = offset + done, name, _job_report(report)
            self.jobs.save(job)

        with self._ingest_lock:
            job.status = "running"
            self.jobs.save(job)
            try:
                self.ingestor.ingest([p for p, _ in remaining], progress=False, labels=dict(remaining),
                                     on_file=progress, groups=job.groups, replace=job.replace, report=report)
                self.service.retriever.refresh()
                job.report = _job_report(report)
                job.status = "failed" if report.failed and not (report.added or report.updated or
                                                                 report.unchanged) else "done"
            except Exception as exc:  # noqa: BLE001 - a job must end with a status, whatever happened
                log.exception("ingest job %s failed", job.id)
                job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
            finally:
                self.jobs.save(job)  # a finished job's uploaded files are deleted

    def delete(self, doc_id: str) -> int:
        with self._ingest_lock:
            removed = self.ingestor.delete(doc_id)
            if removed:
                self.service.retriever.refresh()
        return removed


def _job_report(report: IngestReport) -> dict[str, Any]:
    return {"added": report.added, "updated": report.updated, "unchanged": report.unchanged,
            "failed": report.failed, "warnings": report.warnings, "chunks_written": report.chunks_written,
            "duplicates": report.duplicates, "renamed": report.renamed}


ECHOED_CHARS = 200  # of a rejected value a 422 repeats


def _clipped(value: Any) -> Any:
    """A rejected request value as a 422 repeats it: a long string cut to ECHOED_CHARS; anything else but a short
    scalar named by its type alone."""
    if isinstance(value, str):
        return value if len(value) <= ECHOED_CHARS else f"{value[:ECHOED_CHARS]}… ({len(value)} characters)"
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return value if len(json.dumps(jsonable_encoder(value), default=str)) <= ECHOED_CHARS else \
        f"<{type(value).__name__}>"


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _tokens(text: str) -> Iterator[str]:
    """The answer in word-sized pieces (whitespace kept), as a streaming client renders them."""
    yield from re.findall(r"\S+\s*", text)


def create_app(settings: Settings, service: ChatService | None = None) -> FastAPI:
    backend = Backend(settings, service)
    app = FastAPI(title="BCĐ assistant API", version="0.1.0",
                  description="Hỏi đáp có trích dẫn về văn bản Ban Chỉ đạo.")
    app.router.route_class = StrictJSONRoute  # every JSON body: no NaN, Infinity or lone surrogates (422)
    app.state.backend = backend
    if not settings.api_keys:
        log.warning("no BCD_API_KEYS configured: document upload and deletion are open to anyone who can "
                    "reach this server")

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own 422, with each rejected value cut short: a 100 KB field is not sent back whole
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder(
            [{**error, "input": _clipped(error["input"])} if "input" in error else error for error in exc.errors()])})

    @app.exception_handler(StoreUnavailableError)
    def store_unavailable(request: Request, exc: StoreUnavailableError) -> JSONResponse:
        log.error("%s", exc)
        return JSONResponse(status_code=503, content={
            "detail": "the document store is unavailable; try again in a moment"}, headers={"Retry-After": "5"})

    def caller(request: Request) -> Caller:
        header = request.headers.get("X-API-Key") or request.headers.get("Authorization", "")
        provided = header[7:] if header.startswith("Bearer ") else header
        found = identify(settings, provided or None)
        if found is None:
            raise HTTPException(401, "invalid API key")
        return found

    def reader(who: Caller = Depends(caller)) -> Caller:
        if settings.chat_requires_key and who.name == "anonymous":
            raise HTTPException(401, "an API key is required (X-API-Key header)")
        return who

    def admin(who: Caller = Depends(caller)) -> Caller:
        if not who.admin:
            raise HTTPException(403 if who.name != "anonymous" else 401,
                                "this endpoint needs an admin API key (X-API-Key header)")
        return who

    @app.get("/health")
    def health() -> dict[str, Any]:
        retriever = backend.service.retriever
        return {"status": "ok", "chunks": retriever.size, "documents": len(retriever.documents()),
                "generator": backend.service.generator.name}

    @app.post("/api/chat", response_model=ChatResponse, max_body_size=QUESTION_MAX_BODY_BYTES)
    def chat(request: ChatRequest, who: Caller = Depends(reader)) -> dict[str, Any]:
        result, session_id = _answer(request, who)
        return {**result.to_dict(include_contexts=False), "session_id": session_id}

    @app.post("/api/chat/stream", max_body_size=QUESTION_MAX_BODY_BYTES)
    def chat_stream(request: ChatRequest, who: Caller = Depends(reader)) -> StreamingResponse:
        """Server-sent events: `token` (answer pieces, each part of a checked sentence), then `citations`,
        then `done`. Errors in the question are reported before the stream starts, as with /api/chat."""
        stream = backend.chat_stream(request, who.viewer)
        first = _errors_as_http(request, lambda: next(stream))

        def events() -> Iterator[str]:
            for item in itertools.chain([first], stream):
                if isinstance(item, StreamEnd):
                    result = item.result
                    if result.refused:
                        yield from (_sse("token", {"text": piece}) for piece in _tokens(result.answer))
                    yield _sse("citations", [c.to_dict() for c in result.citations])
                    yield _sse("done", {"session_id": item.session_id, "refused": result.refused,
                                        "notes": result.notes})
                else:
                    yield from (_sse("token", {"text": piece}) for piece in _tokens(item))

        return StreamingResponse(events(), media_type="text/event-stream")

    def _answer(request: ChatRequest, who: Caller) -> tuple[ChatAnswer, str]:
        return _errors_as_http(request, lambda: backend.chat(request, who.viewer))

    def _errors_as_http(request: ChatRequest, call: Callable[[], T]) -> T:
        try:
            return call()
        except UnknownSessionError as exc:
            raise HTTPException(404, f"unknown or expired session_id {request.session_id!r}; omit it to start "
                                     "a new conversation") from exc
        except (InvalidQuestionError, EmptyQueryError) as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.post("/api/search", max_body_size=QUESTION_MAX_BODY_BYTES)
    def search(request: SearchRequest, who: Caller = Depends(reader)) -> dict[str, Any]:
        try:
            query = backend.service.validate(request.query)
            hits = backend.service.retriever.search(query, k=request.k, filters=request.filters,
                                                    viewer=who.viewer)
        except (InvalidQuestionError, EmptyQueryError) as exc:
            raise HTTPException(422, str(exc)) from exc
        return {"results": [{"rank": i + 1, "score": round(h.score, 6), "doc_id": h.doc_id,
                             "chunk_id": h.chunk_id, "title": h.title, "source": h.source, "text": h.text,
                             "province": h.metadata.get("province"), "event_date": h.metadata.get("event_date"),
                             "section": h.section}
                            for i, h in enumerate(hits)]}

    @app.get("/api/documents")
    def documents(who: Caller = Depends(reader)) -> dict[str, Any]:
        docs = [d for d in backend.service.retriever.documents().values()
                if who.admin or who.viewer.may_see(d.get("groups", []))]
        keep = ("doc_id", "title", "province", "event_date", "dates", "doc_numbers", "n_chunks", "source", "url",
                "groups", *HEADER_FIELDS)
        return {"documents": [{k: d.get(k) for k in keep} for d in sorted(docs, key=lambda d: d["doc_id"])]}

    def task_filters(
            agency: str | None = Query(None, max_length=300, description="Only tasks of this agency "
                                       "(abbreviations and no diacritics are fine: 'So KH&CN')."),
            role: Literal["lead", "any"] = Query("lead", description="'lead': the agency leads the task; "
                                                 "'any': it leads or partners it."),
            due_after: date | None = Query(None, description="Only tasks due on/after this day."),
            due_before: date | None = Query(None, description="Only tasks due on/before this day."),
            doc_id: str | None = Query(None, max_length=MAX_DOC_ID_CHARS, description="Only this document's."),
            overdue: bool = Query(False, description="Only tasks past their deadline (never recurring ones)."),
    ) -> TaskFilters:
        try:
            return TaskFilters(agency=agency, role=role, due_after=due_after, due_before=due_before,
                               doc_id=doc_id, overdue=overdue)
        except ValidationError as exc:
            raise HTTPException(422, exc.errors()[0]["msg"]) from exc

    def found_tasks(filters: TaskFilters, today: date | None, who: Caller) -> tuple[list[dict[str, Any]], date]:
        """The filtered tasks of the documents the caller may read (restricted ones only for their groups,
        as in search: tasks quote the text)."""
        day = today or date.today()
        allowed = visible_documents(backend.service.retriever.documents(), who.viewer)
        return task_rows(settings, filters, day, allowed), day

    _Today = Query(None, description="Count overdue as of this day (default: the server's today).")

    @app.get("/api/tasks")
    def tasks(filters: TaskFilters = Depends(task_filters), today: date | None = _Today,
              who: Caller = Depends(reader)) -> dict[str, Any]:
        """Tasks extracted from the documents (issue 15): each with its fields, `overdue` and a citation of
        its source row (`start`/`end` in the document's stored text, `quote`)."""
        rows, day = found_tasks(filters, today, who)
        return {"tasks": rows, "count": len(rows), "today": day.isoformat()}

    @app.get("/api/tasks.csv")
    def tasks_csv(filters: TaskFilters = Depends(task_filters), today: date | None = _Today,
                  who: Caller = Depends(reader)) -> Response:
        """The same tasks as CSV (UTF-8 with a byte-order mark, which Excel needs)."""
        rows, day = found_tasks(filters, today, who)
        return Response(to_csv(rows, bom=True), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="nhiem-vu-{day}.csv"'})

    @app.get("/api/tasks.xlsx")
    def tasks_xlsx(filters: TaskFilters = Depends(task_filters), today: date | None = _Today,
                   who: Caller = Depends(reader)) -> Response:
        """The same tasks as an Excel workbook (deadlines as dates, overdue rows filled red)."""
        rows, day = found_tasks(filters, today, who)
        return Response(to_xlsx(rows, day), media_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="nhiem-vu-{day}.xlsx"'})

    @app.post("/api/documents", status_code=202)
    async def upload(request: Request, files: list[UploadFile] = File(...),
                     groups: str = Form("", description="Comma-separated groups that may read these "
                                        "documents (case-insensitive); leave the field out for public ones."),
                     replace: bool = Form(False, description="Replace the document whose id a file's name "
                                          "gives; without it such a file gets a new id."),
                     who: Caller = Depends(admin)) -> dict[str, Any]:
        # The form was parsed without blocking (async); storing the files and writing the job's row are
        # blocking file and SQLite work, done in a worker thread so the event loop keeps answering meanwhile.
        group_list = _form_groups((await request.form()).getlist("groups"))  # FastAPI reads "" as absent
        job = await run_in_threadpool(_store_and_start, files, group_list, replace)
        log.info("%s uploaded %d file(s), ingest job %s", who.name, len(job.files), job.id)
        return {"job_id": job.id, "files": job.files}

    def _store_and_start(files: list[UploadFile], group_list: list[str], replace: bool) -> Job:
        """Copy the uploaded files under the data directory (each checked for type and size), then start
        their ingest job. Blocking: run in a worker thread."""
        limit = settings.max_upload_mb * 1024 * 1024
        stored: list[tuple[Path, str]] = []
        try:
            for upload_file in files:
                target, name = backend.upload_target(upload_file.filename or "")
                suffix = target.suffix
                if suffix not in SUPPORTED_SUFFIXES:
                    raise HTTPException(415, f"{name}: unsupported file type '{suffix or '(none)'}' "
                                             f"(supported: {', '.join(SUPPORTED_SUFFIXES)})")
                size = 0
                upload_file.file.seek(0)
                with target.open("wb") as out:
                    while chunk := upload_file.file.read(1024 * 1024):
                        size += len(chunk)
                        if size > limit:
                            out.close()
                            target.unlink(missing_ok=True)
                            raise HTTPException(413, f"{name}: larger than {settings.max_upload_mb} MB")
                        out.write(chunk)
                stored.append((target, name))
        except HTTPException:  # a rejected upload keeps none of its files
            for target, _ in stored:
                target.unlink(missing_ok=True)
            raise
        return backend.start_ingest(stored, group_list, replace=replace)

    @app.get("/api/jobs/{job_id}")
    def job_status(job_id: str, who: Caller = Depends(admin)) -> dict[str, Any]:
        job = backend.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"unknown job {job_id!r}")
        return job.public()

    @app.delete("/api/documents/{doc_id}")
    def delete_document(doc_id: str, who: Caller = Depends(admin)) -> dict[str, Any]:
        if not is_doc_id(doc_id):
            shown = f"{doc_id[:40]!r}{'…' if len(doc_id) > 40 else ''}"
            raise HTTPException(422, f"{shown} is not a document id: ids are lower-case letters, digits and "
                                     f"'-', at most {MAX_DOC_ID_CHARS} characters (GET /api/documents lists "
                                     "them)")
        removed = backend.delete(doc_id)
        if not removed:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return {"doc_id": doc_id, "chunks_deleted": removed}

    feedback_limiter = WriteLimiter(settings.feedback_rate_limit_per_minute)

    @app.post("/api/feedback", status_code=201, max_body_size=FEEDBACK_MAX_BODY_BYTES)
    def feedback(request: FeedbackRequest, http: Request, who: Caller = Depends(reader)) -> dict[str, Any]:
        if len(request.question) > settings.max_question_chars:
            raise HTTPException(422, f"question is {len(request.question)} characters long; the limit is "
                                     f"{settings.max_question_chars}")
        if who.name == "anonymous":
            wait_s = feedback_limiter.wait_s(http.client.host if http.client else "")
            if wait_s:
                raise HTTPException(429, f"at most {settings.feedback_rate_limit_per_minute} feedback a "
                                         f"minute from one address; try again in {math.ceil(wait_s)} s",
                                    headers={"Retry-After": str(math.ceil(wait_s))})
        try:
            feedback_id = backend.sessions.add_feedback(request.rating, request.question, request.answer,
                                                        request.citations, request.session_id, request.comment)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from exc
        return {"id": feedback_id}

    @app.get("/api/feedback")
    def feedback_export(who: Caller = Depends(admin)) -> dict[str, Any]:
        """Every stored thumbs up/down with its question, answer and citations (as `bcd feedback export`)."""
        return {"feedback": backend.sessions.feedback()}

    app.state.zalo = add_zalo_routes(app, backend)
    app.mount("/v1", openai_app(backend))  # OpenAI-compatible: /v1/models, /v1/chat/completions
    return app
