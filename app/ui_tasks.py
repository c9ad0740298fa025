"""The page's "Nhiệm vụ" tab: the tasks of the public documents as a filterable table whose headers sort it
(in the browser, no round trip), overdue rows marked relative to today, and CSV and Excel downloads of the
same filtered list (links to `GET /api/tasks.csv|xlsx`, which anonymous callers read as the page does).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import gradio as gr

from app.api import Backend
from app.task_list import TaskFilters, find_tasks, parse_day, task_rows, visible_documents
from ingest.tasks import TaskStore
from retrieval.filters import PUBLIC

ANY = "Tất cả"
ROLES = [("Chủ trì", "lead"), ("Chủ trì hoặc phối hợp", "any")]
NO_DUE = "9999-12-31"  # a task without a day sorts after every dated one

TASKS_CSS = """
#tasks .task-table {width: 100%; margin: 0; border: none; border-collapse: collapse; font-family: var(--font);
                    font-size: 0.95em;}
#tasks .task-table th, #tasks .task-table td {text-align: left; vertical-align: top; padding: 6px 8px;
                                              border: none; border-bottom: 1px solid #d0d7de;}
#tasks .task-table th {background: #f6f8fa; white-space: nowrap;}
#tasks .task-table th button {font-weight: 600; background: none; border: none; padding: 0; cursor: pointer;}
#tasks .task-table th[aria-sort=ascending] button::after {content: " ▲";}
#tasks .task-table th[aria-sort=descending] button::after {content: " ▼";}
#tasks .task-table tr.overdue td {background: #fdecec;}
#tasks .overdue-mark {display: inline-block; margin-top: 2px; padding: 0 6px; border-radius: 4px; color: #fff;
                      background: #cf222e; font-size: 0.85em; font-weight: 600;}
#tasks .as-written, #tasks .task-where {display: block; color: #57606a; font-size: 0.85em;}
#tasks .task-source summary {cursor: pointer; color: #0969da; font-size: 0.85em;}
#tasks .task-source p {margin: 4px 0; font-size: 0.9em;}
#tasks .tasks-summary {margin: 4px 0 8px;}
@media (max-width: 600px) {  /* a phone: one block per task, each value with its label */
  #tasks .task-table thead {display: none;}
  #tasks .task-table, #tasks .task-table tbody, #tasks .task-table tr, #tasks .task-table td {
    display: block; width: 100%;}
  #tasks .task-table tr {border-bottom: 1px solid #d0d7de; padding: 6px 0;}
  #tasks .task-table td {border: none; padding: 1px 4px;}
  #tasks .task-table td[data-label]:not(:first-child)::before {content: attr(data-label) ": "; color: #57606a;}
}
"""

# Sorting in the browser: a click on a header button orders the rows by that column's `data-sort` values
# (Vietnamese collation, numbers by value), again to reverse. The chosen order is applied again to each table
# the server renders after a filter changes. Gradio may mount the component's element anew (it does after a
# text field's submit), so the listener and the observer are the document's, installed once per page.
SORT_JS = """
if (!window.bcdTaskSort) {
  const state = window.bcdTaskSort = {col: null, ascending: true};
  const apply = (table) => {
    const th = table.querySelector(`th[data-col="${state.col}"]`);
    if (!th) return;
    table.querySelectorAll('th[data-col]').forEach((h) => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', state.ascending ? 'ascending' : 'descending');
    const value = (row) => row.cells[state.col].dataset.sort ?? row.cells[state.col].innerText;
    const rows = Array.from(table.tBodies[0].rows);
    rows.sort((a, b) => value(a).localeCompare(value(b), 'vi', {numeric: true}) * (state.ascending ? 1 : -1));
    table.tBodies[0].append(...rows);
  };
  document.addEventListener('click', (event) => {
    const th = event.target.closest('#tasks table.task-table th[data-col]');
    if (!th) return;
    state.ascending = th.getAttribute('aria-sort') !== 'ascending';
    state.col = Number(th.dataset.col);
    apply(th.closest('table'));
  });
  new MutationObserver(() => {
    const table = document.querySelector('#tasks table.task-table');
    if (table && state.col !== null && !table.querySelector('th[aria-sort]')) apply(table);
  }).observe(document.body, {childList: true, subtree: true});
}
"""

HEADERS = ("Hạn", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Văn bản")


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _cell(label: str, content: str, sort: str) -> str:
    return f'<td data-label="{label}" data-sort="{html.escape(sort)}">{content}</td>'


def _row(r: dict[str, Any]) -> str:
    due = _day(r["due"]) if r["due"] else html.escape(r["deadline_text"] or "—")
    written = r["deadline_text"] if r["due"] and r["deadline_text"] else ""
    when = (due + (f'<span class="as-written">{html.escape(written)}</span>' if written else "")
            + ('<span class="overdue-mark">Quá hạn</span>' if r["overdue"] else ""))
    source = (f'<details class="task-source"><summary>Dòng nguồn</summary>'
              f'<p>{html.escape(r["citation"]["quote"])}</p></details>')
    where = f'<span class="task-where">{html.escape(r["section"])}</span>' if r["section"] else ""
    partners = "; ".join(r["partners"])
    cells = [
        _cell("Hạn", when, r["due"] or NO_DUE),
        _cell("Nhiệm vụ", html.escape(r["text"]) + source, r["text"]),
        _cell("Chủ trì", html.escape(r["lead"] or "—"), r["lead"] or ""),
        _cell("Phối hợp", html.escape(partners or "—"), partners),
        _cell("Sản phẩm", html.escape(r["output"] or "—"), r["output"] or ""),
        _cell("Văn bản", html.escape(r["doc_name"]) + where,
              f"{r['doc_name']} {r['citation']['start']:012d}"),  # a document's rows in their order
    ]
    overdue = ' class="overdue"' if r["overdue"] else ""
    return f'<tr{overdue} data-task-id="{html.escape(r["task_id"])}">' + "".join(cells) + "</tr>"


def download_query(filters: TaskFilters) -> str:
    """The filters as the API's query string (only those set)."""
    params = {"agency": filters.agency, "role": filters.role if filters.agency else None,
              "due_after": filters.due_after, "due_before": filters.due_before, "doc_id": filters.doc_id,
              "overdue": "true" if filters.overdue else None}
    return urlencode({k: str(v) for k, v in params.items() if v is not None})


def tasks_table(rows: list[dict[str, Any]], filters: TaskFilters, today: date, downloads: bool = True) -> str:
    """The count, the downloads of this list and the table (sortable by every column). Without `downloads`
    (the API asks every caller for a key, which a link from the page cannot send) the links are left out."""
    if not rows:
        return "<p class='tasks-summary'>Không có nhiệm vụ nào khớp bộ lọc.</p>"
    query = download_query(filters)
    links = " · ".join(
        f'<a href="{html.escape(f"api/tasks.{ext}" + ("?" + query if query else ""))}" download '
        f'id="tasks-{ext}">{label}</a>'
        for ext, label in (("csv", "Tải CSV"), ("xlsx", "Tải Excel")))
    if not downloads:
        links = "tải xuống qua API (cần khóa)"
    overdue = sum(r["overdue"] for r in rows)
    summary = (f"<p class='tasks-summary'>{len(rows)} nhiệm vụ · {overdue} quá hạn (tính đến ngày "
               f"{today.strftime('%d/%m/%Y')}) · {links}</p>")
    head = "".join(f'<th data-col="{i}"><button type="button">{name}</button></th>'
                   for i, name in enumerate(HEADERS))
    return (summary + f"<table class='task-table'><thead><tr>{head}</tr></thead><tbody>"
            + "".join(map(_row, rows)) + "</tbody></table>")


@dataclass
class TasksTab:
    """The tab's components, and what to call to fill them from the store as it is now."""

    backend: Backend
    agency: Any = None
    role: Any = None
    document: Any = None
    due_from: Any = None
    due_to: Any = None
    overdue: Any = None
    table: Any = None

    @property
    def inputs(self) -> list[Any]:
        return [self.agency, self.role, self.document, self.due_from, self.due_to, self.overdue]

    @property
    def outputs(self) -> list[Any]:
        return [self.agency, self.document, self.table]

    def choices(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Agencies and documents of the public documents' tasks (a restricted document's agencies and
        names stay hidden, as its tasks do)."""
        allowed = visible_documents(self.backend.service.retriever.documents(), PUBLIC)
        tasks = find_tasks(TaskStore(self.backend.settings.tasks_db), TaskFilters(), date.today(), allowed)
        agencies = sorted({name for t in tasks for name in [t.lead, *t.partners] if name})
        documents = sorted({(t.doc_name, t.doc_id) for t in tasks})
        return [ANY, *agencies], [(ANY, ANY), *documents]

    def refresh(self, agency: str, role: str, document: str, due_from: str, due_to: str,
                overdue: bool) -> tuple[Any, Any, str]:
        """Filters offered and the table, from the store now; a chosen filter that still exists stays."""
        agencies, documents = self.choices()
        agency = agency if agency in agencies else ANY
        document = document if document in {v for _, v in documents} else ANY
        return (gr.update(choices=agencies, value=agency), gr.update(choices=documents, value=document),
                self.render(agency, role, document, due_from, due_to, overdue))

    def render(self, agency: str, role: str, document: str, due_from: str, due_to: str, overdue: bool) -> str:
        try:
            due_after = parse_day(due_from) if (due_from or "").strip() else None
            due_before = parse_day(due_to) if (due_to or "").strip() else None
        except ValueError:
            return "<p class='source-meta'>⚠️ Ngày chưa đúng: hãy viết ngày/tháng/năm, ví dụ 30/6/2026.</p>"
        if due_after and due_before and due_after > due_before:
            return "<p class='source-meta'>⚠️ Ngày bắt đầu sau ngày kết thúc.</p>"
        filters = TaskFilters(agency=None if agency in (None, ANY) else agency, role=role or "lead",
                              doc_id=None if document in (None, ANY) else document, due_after=due_after,
                              due_before=due_before, overdue=bool(overdue))
        today = date.today()
        allowed = visible_documents(self.backend.service.retriever.documents(), PUBLIC)
        rows = task_rows(self.backend.settings, filters, today, allowed)
        return tasks_table(rows, filters, today, downloads=not self.backend.settings.chat_requires_key)


def build_tasks_tab(backend: Backend) -> TasksTab:
    """The tab's components (inside the caller's `gr.Tab`), wired to re-render on every filter change."""
    tab = TasksTab(backend)
    agencies, documents = tab.choices()
    with gr.Row():
        tab.agency = gr.Dropdown(agencies, value=ANY, label="Cơ quan", scale=2, elem_id="task-agency")
        tab.role = gr.Radio(ROLES, value="lead", label="Vai trò", scale=1, elem_id="task-role")
        tab.document = gr.Dropdown(documents, value=ANY, label="Văn bản giao nhiệm vụ", scale=2,
                                   elem_id="task-document")
    with gr.Row():
        tab.due_from = gr.Textbox(label="Hạn từ ngày", placeholder="ví dụ 01/12/2025",
                                  elem_id="task-due-from")
        tab.due_to = gr.Textbox(label="Hạn đến ngày", placeholder="ví dụ 31/12/2025", elem_id="task-due-to")
        tab.overdue = gr.Checkbox(label="Chỉ nhiệm vụ quá hạn", elem_id="task-overdue")
    tab.table = gr.HTML(tab.render(ANY, "lead", ANY, "", "", False), elem_id="tasks", js_on_load=SORT_JS)
    gr.on([tab.agency.change, tab.role.change, tab.document.change, tab.due_from.submit, tab.due_from.blur,
           tab.due_to.submit, tab.due_to.blur, tab.overdue.change], tab.render, tab.inputs, tab.table,
          show_progress="hidden")  # no overlay: it would take the click that blurred a date field
    return tab
