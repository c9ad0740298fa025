"""The Gradio page (Vietnamese labels), mounted at "/" by `bcd serve`.

It calls the same backend as the REST API, in-process: chat with streamed answers and source cards,
filters, a new-conversation button, thumbs up/down feedback, and a documents tab with upload progress.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import gradio as gr

from app.api import Backend, ChatRequest, StreamEnd
from chat.citations import quoted_paragraph
from chat.service import InvalidQuestionError
from app.sessions import UnknownSessionError
from retrieval.filters import SearchFilters
from retrieval.question import EmptyQueryError

EXAMPLES = [
    "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?",
    "Lào Cai có bao nhiêu trạm thu phát sóng?",
    "ke hoach so 29 cua ubnd tinh nam dinh ban hanh ngay nao",
    "Trưởng BCĐ NQ57 tỉnh Lào Cai là ai?",
]
ANY = "Tất cả"

CSS = """
.source-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 10px; margin: 6px 0;}
.source-card summary {cursor: pointer; font-weight: 600;}
.source-card mark {background: #fff3a3; padding: 0 2px;}
.source-meta {color: #57606a; font-size: 0.9em;}
"""


def source_cards(backend: Backend, citations: list[dict[str, Any]]) -> str:
    """One expandable card per citation: title, province, date, the quote highlighted in its paragraph."""
    if not citations:
        return ""
    documents = backend.service.retriever.documents()
    cards = []
    for c in citations:
        meta = documents.get(c["doc_id"], {})
        paragraph = _paragraph_with_quote(backend, c)
        details = " · ".join(x for x in [meta.get("province"), meta.get("event_date"), c["source"]] if x)
        link = (f' · <a href="{html.escape(c["url"])}" target="_blank" rel="noopener">nguồn gốc</a>'
                if c.get("url") else "")
        cards.append(
            f'<details class="source-card" data-n="{c["n"]}"><summary>[{c["n"]}] {html.escape(c["title"])}</summary>'
            f'<div class="source-meta">{html.escape(details)}{link}</div><p class="source-text">{paragraph}</p>'
            "</details>")
    return "<div class='sources'><h4>Nguồn trích dẫn</h4>" + "".join(cards) + "</div>"


def _paragraph_with_quote(backend: Backend, citation: dict[str, Any]) -> str:
    """The quote highlighted in its paragraph; the quote alone when the stored text no longer holds it."""
    found = quoted_paragraph(backend.settings.data_dir / "documents", citation)
    if found is None:
        return f"<mark>{html.escape(citation['quote'])}</mark>"
    return html.escape(found.before) + f"<mark>{html.escape(found.quote)}</mark>" + html.escape(found.after)


def build_ui(backend: Backend) -> gr.Blocks:
    def province_choices() -> list[str]:  # the page is anonymous: only public documents are offered
        docs = [d for d in backend.service.retriever.documents().values() if not d.get("groups")]
        return [ANY, *sorted({d["province"] for d in docs if d.get("province")})]

    def document_choices() -> list[str]:
        docs = backend.service.retriever.documents().values()
        return [ANY, *sorted(d["doc_id"] for d in docs if not d.get("groups"))]

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
            history[-1]["content"] = f"⚠️ {exc}"
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

    def upload(files: list[str] | None) -> tuple[str, str]:
        if not files:
            return "", "Chưa chọn tệp."
        if backend.settings.api_keys:  # the page has no login: with keys configured, uploads go through the API
            return "", "Tải lên cần khóa quản trị: dùng POST /api/documents với X-API-Key."
        import shutil

        stored = []
        for name in files:
            target, original = backend.upload_target(name)
            shutil.copyfile(name, target)
            stored.append((target, original))
        job = backend.start_ingest(stored)
        return job.id, f"Đang nạp {len(stored)} tệp…"

    def job_progress(job_id: str) -> tuple[str, list[list[Any]]]:
        job = backend.jobs.get(job_id or "")
        table = documents_table()
        if job is None:
            return "", table
        status = {"queued": "đang chờ", "running": "đang nạp", "done": "hoàn tất", "failed": "lỗi"}[job.status]
        text = f"Tiến độ: {job.done}/{job.total} tệp ({status})"
        if job.report.get("failed"):
            text += " — lỗi: " + "; ".join(job.report["failed"])
        if job.error:
            text += f" — {job.error}"
        return text, table

    def documents_table() -> list[list[Any]]:
        docs = sorted((d for d in backend.service.retriever.documents().values() if not d.get("groups")),
                      key=lambda d: d["doc_id"])
        return [[d["doc_id"], d.get("title"), d.get("province"), d.get("event_date"), d.get("n_chunks")]
                for d in docs]

    with gr.Blocks(title="Trợ lý văn bản Ban Chỉ đạo") as ui:
        gr.Markdown("## Trợ lý hỏi đáp văn bản Ban Chỉ đạo\nHỏi bằng tiếng Việt (có dấu hoặc không dấu); "
                    "mỗi câu trả lời có trích dẫn nguồn để kiểm tra.")
        session = gr.State("")
        last = gr.State({})
        with gr.Tab("Hỏi đáp"):
            with gr.Row():
                province = gr.Dropdown(province_choices(), value=ANY, label="Tỉnh", scale=1)
                document = gr.Dropdown(document_choices(), value=ANY, label="Văn bản", scale=2)
            chatbot = gr.Chatbot(label="Trò chuyện", height=380, elem_id="chatbot")
            question = gr.Textbox(label="Câu hỏi", placeholder="Ví dụ: Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?",
                                  elem_id="question")
            with gr.Row():
                send = gr.Button("Gửi", variant="primary", elem_id="send")
                new = gr.Button("Cuộc trò chuyện mới", elem_id="new-chat")
                up = gr.Button("Hữu ích ✓", elem_id="thumbs-up")
                down = gr.Button("Chưa đúng ✗", elem_id="thumbs-down")
            thanks = gr.Markdown()
            sources = gr.HTML(elem_id="sources")
            gr.Examples(EXAMPLES, inputs=question, label="Câu hỏi mẫu")
        with gr.Tab("Tài liệu"):
            files = gr.File(label="Tải lên văn bản (txt, md, html, pdf, docx)", file_count="multiple",
                            type="filepath")
            job_id = gr.State("")
            status = gr.Markdown()
            table = gr.Dataframe(documents_table(), headers=["Mã", "Tiêu đề", "Tỉnh", "Ngày", "Số đoạn"],
                                 interactive=False)
            timer = gr.Timer(1.0)

        outputs = [chatbot, question, session, sources, last]
        inputs = [question, chatbot, session, province, document]
        send.click(respond, inputs, outputs)
        question.submit(respond, inputs, outputs)
        new.click(lambda: ([], "", "", "", {}, ""), None, [chatbot, question, session, sources, last, thanks])
        up.click(lambda l: rate(1, l), last, thanks)
        down.click(lambda l: rate(-1, l), last, thanks)
        files.upload(upload, files, [job_id, status])
        timer.tick(job_progress, job_id, [status, table])
    return ui
