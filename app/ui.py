"""The Gradio page (Vietnamese labels), mounted at "/" by `bcd serve`.

It calls the same backend as the REST API, in-process: chat with streamed answers and source cards,
filters, a new-conversation button, thumbs up/down feedback, a documents tab with upload progress, and a
tasks tab (app/ui_tasks.py).
Every word it shows is Vietnamese (Gradio's English footer is off and its drop zone is not used), and no
server path reaches the browser.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

import gradio as gr

from app.api import Backend, ChatRequest, StreamEnd
from app.ui_tasks import TASKS_CSS, build_tasks_tab
from chat.citations import quoted_paragraph, source_name
from chat.service import InvalidQuestionError
from ingest.loaders import SUPPORTED_SUFFIXES
from app.sessions import UnknownSessionError
from retrieval.filters import SearchFilters
from retrieval.question import EmptyQueryError

log = logging.getLogger(__name__)

EXAMPLES = [
    "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?",
    "Lào Cai có bao nhiêu trạm thu phát sóng?",
    "ke hoach so 29 cua ubnd tinh nam dinh ban hanh ngay nao",
    "Trưởng BCĐ NQ57 tỉnh Lào Cai là ai?",
]
ANY = "Tất cả"
UPLOAD_TYPES = list(SUPPORTED_SUFFIXES)  # what the loaders read, scans and photos included
_CHOICE_MAX = 90  # characters of a title shown in the document filter

# What the page says when a question cannot be answered (the service's own messages are for developers).
NOTHING_TO_SEARCH = ("Câu hỏi chưa có từ nào để tra cứu. Hãy gõ câu hỏi bằng chữ, ví dụ: "
                     "“Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?”")
TOO_LONG = "Câu hỏi dài {length} ký tự, vượt quá giới hạn {limit} ký tự. Hãy rút gọn câu hỏi."
NOT_TEXT = "Câu hỏi có ký tự không đọc được. Vui lòng gõ lại câu hỏi."
FAILED = "Chưa trả lời được do lỗi của hệ thống. Vui lòng thử lại sau ít phút."

CSS = """
.source-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 10px; margin: 6px 0;}
.source-card summary {cursor: pointer; font-weight: 600;}
.source-card .source-where {display: block; font-weight: 400; color: #57606a; font-size: 0.9em;}
.source-card mark {background: #fff3a3; padding: 0 2px;}
.source-meta {color: #57606a; font-size: 0.9em;}
.sources a, #documents a {padding: 0;}
#documents .doc-table {width: 100%; margin: 0; border: none; border-collapse: collapse; font-family: var(--font);
                       font-size: 0.95em;}
#documents .doc-table th, #documents .doc-table td {text-align: left; vertical-align: top; padding: 6px 8px;
                                                    border: none; border-bottom: 1px solid #d0d7de;}
#documents .doc-table th {font-weight: 600; background: #f6f8fa;}
#documents .doc-table td.num {text-align: right; white-space: nowrap;}
#documents .doc-table td.nowrap {white-space: nowrap;}
#documents .doc-id {display: block; color: #57606a; font-size: 0.85em; word-break: break-all;}
@media (max-width: 600px) {  /* a phone: one block per document, each value with its label */
  #documents .doc-table thead {display: none;}
  #documents .doc-table, #documents .doc-table tbody, #documents .doc-table tr, #documents .doc-table td {
    display: block; width: 100%;}
  #documents .doc-table tr {border-bottom: 1px solid #d0d7de; padding: 6px 0;}
  #documents .doc-table td {border: none; padding: 1px 4px;}
  #documents .doc-table td.num {text-align: left;}
  #documents .doc-table td[data-label]:not(:first-child)::before {content: attr(data-label) ": "; color: #57606a;}
}
""" + TASKS_CSS


def vietnamese_date(iso: str | None) -> str:
    """An ISO date as Vietnamese documents write it: 2025-03-20 -> 20/03/2025."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{match.group(3)}/{match.group(2)}/{match.group(1)}" if match else (iso or "")


def shown_source(source: str | None) -> str:
    """The name a file is known by, never the server's path to it."""
    return PurePath((source or "").replace("\\", "/")).name


def _chunk_position(chunk_id: str, n_chunks: Any) -> str:
    match = re.search(r"#(\d+)-", chunk_id or "")
    if not match:
        return ""
    return f"Đoạn {int(match.group(1)) + 1}" + (f"/{n_chunks}" if n_chunks else "")


def _first_words(text: str, n: int = 10) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def source_cards(backend: Backend, citations: list[dict[str, Any]]) -> str:
    """One expandable card per citation: the document's name (an official document's kind and number, with
    the section) and where in it the quote is (section, chunk, first words), then its title when the name is
    not it, province, date and link or file name, and the quote highlighted in its paragraph.
    No server path is shown."""
    if not citations:
        return ""
    documents = backend.service.retriever.documents()
    cards = []
    for c in citations:
        meta = documents.get(c["doc_id"], {})
        found = quoted_paragraph(backend.settings.data_dir / "documents", c)
        if found is None:  # the stored text changed since the answer: the quote alone
            paragraph = f"<mark>{html.escape(c['quote'])}</mark>"
        else:
            paragraph = (html.escape(found.before) + f"<mark>{html.escape(found.quote)}</mark>"
                         + html.escape(found.after))
        where = " · ".join(x for x in [found.section if found else None,
                                       _chunk_position(c.get("chunk_id", ""), meta.get("n_chunks"))] if x)
        where = " — ".join(x for x in [where, f"“{_first_words(c['quote'])}”"] if x)
        named = source_name(c)
        title = c.get("title") if c.get("title") and not named.startswith(str(c.get("title"))) else None
        details = " · ".join(x for x in [title, meta.get("province"), vietnamese_date(meta.get("event_date")),
                                         None if c.get("url") else shown_source(c.get("source"))] if x)
        link = (f' · <a href="{html.escape(c["url"])}" target="_blank" rel="noopener">nguồn gốc</a>'
                if c.get("url") else "")
        cards.append(
            f'<details class="source-card" data-n="{c["n"]}"><summary>[{c["n"]}] {html.escape(named)}'
            f'<span class="source-where">{html.escape(where)}</span></summary>'
            f'<div class="source-meta">{html.escape(details)}{link}</div><p class="source-text">{paragraph}</p>'
            "</details>")
    return "<div class='sources'><h4>Nguồn trích dẫn</h4>" + "".join(cards) + "</div>"


def public_documents(backend: Backend) -> list[dict[str, Any]]:
    """The documents the anonymous page may show, newest first, then by title."""
    docs = [d for d in backend.service.retriever.documents().values() if not d.get("groups")]
    docs.sort(key=lambda d: (d.get("title") or d["doc_id"]).lower())
    return sorted(docs, key=lambda d: d.get("event_date") or "", reverse=True)


def province_choices(docs: list[dict[str, Any]]) -> list[str]:
    return [ANY, *sorted({d["province"] for d in docs if d.get("province")})]


def document_choices(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(title shown, document id) pairs: officials pick a document by its title."""
    def label(d: dict[str, Any]) -> str:
        title = d.get("title") or d["doc_id"]
        return title if len(title) <= _CHOICE_MAX else title[:_CHOICE_MAX].rsplit(" ", 1)[0] + "…"

    return [(ANY, ANY), *((label(d), d["doc_id"]) for d in docs)]


def documents_table(docs: list[dict[str, Any]]) -> str:
    """The documents as an HTML table (title with its id and link, province, date, chunks)."""
    if not docs:
        return "<p class='source-meta'>Chưa có văn bản nào.</p>"
    rows = []
    for d in docs:
        title = html.escape(d.get("title") or d["doc_id"])
        if d.get("url"):
            title = f'<a href="{html.escape(d["url"])}" target="_blank" rel="noopener">{title}</a>'
        rows.append(
            f'<tr><td data-label="Tiêu đề">{title}<span class="doc-id">{html.escape(d["doc_id"])}</span></td>'
            f'<td data-label="Tỉnh" class="nowrap">{html.escape(d.get("province") or "—")}</td>'
            f'<td data-label="Ngày" class="nowrap">{vietnamese_date(d.get("event_date")) or "—"}</td>'
            f'<td data-label="Số đoạn" class="num">{html.escape(str(d.get("n_chunks") or ""))}</td></tr>')
    return ("<table class='doc-table'><thead><tr><th>Tiêu đề</th><th>Tỉnh</th>"
            "<th>Ngày</th><th>Số đoạn</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def question_error(exc: Exception, message: str, limit: int) -> str:
    """Why a question was not taken, in Vietnamese."""
    if isinstance(exc, EmptyQueryError):
        return NOTHING_TO_SEARCH
    length = len(" ".join(message.split()))
    if length > limit:
        return TOO_LONG.format(length=length, limit=limit)
    return NOT_TEXT


def build_ui(backend: Backend) -> gr.Blocks:
    def respond(message: str, history: list[dict[str, Any]], session_id: str, province: str, doc_id: str
                ) -> Iterator[tuple[Any, ...]]:
        message = (message or "").strip()
        if not message:
            yield history, "", session_id, gr.update(), {}
            return
        filters = SearchFilters(province=None if province in (None, ANY) else province,
                                doc_ids=None if doc_id in (None, ANY) else [doc_id])
        request = ChatRequest(message=message, session_id=session_id or None,
                              filters=None if filters.is_empty() else filters)
        history = history + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        try:
            end = None
            for item in _stream_with_new_session(request):
                if isinstance(item, StreamEnd):
                    end = item
                    break
                # each item is a checked sentence (or the whole extractive answer): shown as soon as it exists
                history[-1]["content"] += item
                yield history, "", session_id, gr.update(), {}
        except (InvalidQuestionError, EmptyQueryError) as exc:
            history[-1]["content"] = "⚠️ " + question_error(exc, message, backend.settings.max_question_chars)
            yield history, "", session_id, "", {}
            return
        except Exception:  # noqa: BLE001 - the page says so in Vietnamese; the log has the details
            log.exception("the web page could not answer %r", message[:200])
            history[-1]["content"] = "⚠️ " + FAILED
            yield history, "", session_id, "", {}
            return
        assert end is not None
        result, session_id = end.result, end.session_id
        if result.refused:
            history[-1]["content"] = result.answer
        citations = [c.to_dict() for c in result.citations]
        last = {"question": message, "answer": result.answer, "citations": citations, "session_id": session_id}
        notes = "".join(f"<p class='source-meta'>{html.escape(n)}</p>" for n in result.notes)
        yield history, "", session_id, source_cards(backend, citations) + notes, last

    def _stream_with_new_session(request: ChatRequest) -> Iterator[str | StreamEnd]:
        """The answer stream; a session that expired meanwhile is replaced by a new one."""
        try:
            yield from backend.chat_stream(request)
        except UnknownSessionError:
            yield from backend.chat_stream(request.model_copy(update={"session_id": None}))

    def rate(rating: int, last: dict[str, Any]) -> str:
        if not last:
            return "Chưa có câu trả lời để đánh giá."
        backend.sessions.add_feedback(rating, last["question"], last["answer"], last["citations"],
                                      last.get("session_id"))
        return "Cảm ơn, đánh giá đã được lưu."

    def documents_now(province: str, document: str) -> tuple[Any, Any, str]:
        """Filters and table from the documents indexed now (uploads since start-up included); a chosen
        filter that still exists stays chosen."""
        docs = public_documents(backend)
        provinces, documents = province_choices(docs), document_choices(docs)
        return (gr.update(choices=provinces, value=province if province in provinces else ANY),
                gr.update(choices=documents, value=document if document in {v for _, v in documents} else ANY),
                documents_table(docs))

    def upload(files: list[str] | None) -> tuple[str, str, Any]:
        if not files:
            return "", "Chưa chọn tệp.", gr.update()
        if backend.settings.api_keys:  # the page has no login: with keys configured, uploads go through the API
            return "", "Tải lên cần khóa quản trị: dùng POST /api/documents với X-API-Key.", gr.update()
        import shutil

        stored = []
        for name in files:
            target, original = backend.upload_target(name)
            shutil.copyfile(name, target)
            stored.append((target, original))
        job = backend.start_ingest(stored)
        return job.id, f"Đang nạp {len(stored)} tệp…", gr.Timer(active=True)

    def job_progress(job_id: str, province: str, document: str, *task_filters: Any) -> tuple[Any, ...]:
        """The job's progress; once it ends, the filters and the tables show the new documents and their
        tasks, and the timer stops."""
        job = backend.jobs.get(job_id or "")
        unchanged = (gr.update(),) * (3 + len(tasks.outputs))
        if job is None:
            return (gr.update(), *unchanged, gr.Timer(active=False))
        status = {"queued": "đang chờ", "running": "đang nạp", "done": "hoàn tất", "failed": "lỗi"}[job.status]
        text = f"Tiến độ: {job.done}/{job.total} tệp ({status})"
        failed = [str(f).split(":", 1)[0] for f in job.report.get("failed") or []]
        if failed:
            text += " — không nạp được: " + ", ".join(failed)
        if job.error:
            text += " — việc nạp gặp lỗi; chi tiết trong nhật ký máy chủ"
        if job.status in ("queued", "running"):
            return (text, *unchanged, gr.Timer(active=True))
        return (text, *documents_now(province, document), *tasks.refresh(*task_filters), gr.Timer(active=False))

    with gr.Blocks(title="Trợ lý văn bản Ban Chỉ đạo") as ui:
        gr.Markdown("## Trợ lý hỏi đáp văn bản Ban Chỉ đạo\nHỏi bằng tiếng Việt (có dấu hoặc không dấu); "
                    "mỗi câu trả lời có trích dẫn nguồn để kiểm tra.")
        session = gr.State("")
        last = gr.State({})
        docs = public_documents(backend)
        with gr.Tab("Hỏi đáp"):
            with gr.Row():
                province = gr.Dropdown(province_choices(docs), value=ANY, label="Tỉnh", scale=1)
                document = gr.Dropdown(document_choices(docs), value=ANY, label="Văn bản", scale=2)
            chatbot = gr.Chatbot(label="Trò chuyện", height=380, elem_id="chatbot", buttons=["copy"])
            question = gr.Textbox(label="Câu hỏi", placeholder="Ví dụ: Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?",
                                  elem_id="question")
            with gr.Row():
                send = gr.Button("Gửi", variant="primary", elem_id="send", min_width=130)
                new = gr.Button("Cuộc trò chuyện mới", elem_id="new-chat", min_width=130)
                up = gr.Button("Hữu ích ✓", elem_id="thumbs-up", min_width=130)
                down = gr.Button("Chưa đúng ✗", elem_id="thumbs-down", min_width=130)
            thanks = gr.Markdown()
            sources = gr.HTML(elem_id="sources")
            gr.Examples(EXAMPLES, inputs=question, label="Câu hỏi mẫu")
        with gr.Tab("Tài liệu"):
            # a button with our own words: Gradio's drop zone says "Drop File Here - or - Click to Upload"
            files = gr.UploadButton("Chọn tệp để tải lên (txt, md, html, pdf, docx)", file_count="multiple",
                                    file_types=UPLOAD_TYPES, type="filepath", elem_id="upload")
            job_id = gr.State("")
            status = gr.Markdown(elem_id="upload-status")
            table = gr.HTML(documents_table(docs), elem_id="documents")
            timer = gr.Timer(1.0, active=False)
        with gr.Tab("Nhiệm vụ"):
            tasks = build_tasks_tab(backend)

        outputs = [chatbot, question, session, sources, last]
        inputs = [question, chatbot, session, province, document]
        send.click(respond, inputs, outputs)
        question.submit(respond, inputs, outputs)
        new.click(lambda: ([], "", "", "", {}, ""), None, [chatbot, question, session, sources, last, thanks])
        up.click(lambda l: rate(1, l), last, thanks)
        down.click(lambda l: rate(-1, l), last, thanks)
        files.upload(upload, files, [job_id, status, timer])
        timer.tick(job_progress, [job_id, province, document, *tasks.inputs],
                   [status, province, document, table, *tasks.outputs, timer])
        ui.load(documents_now, [province, document], [province, document, table])  # a reload sees uploads
        ui.load(tasks.refresh, tasks.inputs, tasks.outputs)
    return ui
