"""Bad input over HTTP: each case gets a clear error and the right status, and nothing is lost.

One row of README's "Bad input" table per case; cases covered elsewhere name their test there."""

import io
import zipfile

import httpx
import pytest

from tests.conftest import wait_for_job

QUESTION = "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?"


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.mark.parametrize(("name", "request_kwargs", "status", "needle"), [
    ("whitespace-only question", {"json": {"message": " \n\t "}}, 422, "empty"),
    ("100 kB question", {"json": {"message": "Ban Chỉ đạo " * 8000}}, 422, "limit"),
    ("invalid UTF-8 body", {"content": b'{"message": "\xff\xfe\xc3"}',
                            "headers": {"content-type": "application/json"}}, 400, "parsing the body"),
    ("message is not a string", {"json": {"message": 57}}, 422, "string"),
    ("missing message", {"json": {"session_id": "x"}}, 422, "message"),
    ("not JSON at all", {"content": b"message=hello", "headers": {"content-type": "text/plain"}}, 422, ""),
    ("bad date in filters", {"json": {"message": QUESTION, "filters": {"date_from": "hôm qua"}}}, 422, "date"),
    ("unknown filter field type", {"json": {"message": QUESTION, "filters": {"doc_ids": "abc"}}}, 422, "list"),
])
def test_bad_chat_input(client, name: str, request_kwargs: dict, status: int, needle: str) -> None:
    response = client.post("/api/chat", **request_kwargs)
    assert response.status_code == status, name
    assert needle in response.text


def test_control_characters_are_dropped_and_the_question_answered(client) -> None:
    data = client.post("/api/chat", json={"message": "\x00Ai là\x07 Trưởng Ban Chỉ đạo\x1b tỉnh Nam Định?"}).json()
    assert "Đặng Khánh Toàn" in data["answer"]


def test_question_in_another_language_is_refused(client) -> None:
    data = client.post("/api/chat", json={"message": "What is the capital of France?"}).json()
    assert data["refused"] and data["citations"] == []


@pytest.mark.parametrize(("body", "needle"), [({"query": "   "}, "empty"), ({"query": "x", "k": 0}, "greater"),
                                              ({"query": "x", "k": 1000}, "less"),
                                              ({"query": "Ban " * 2000}, "limit")])
def test_bad_search_input(client, body: dict, needle: str) -> None:
    response = client.post("/api/search", json=body)
    assert response.status_code == 422 and needle in response.text


def _job(client, files) -> dict:
    return wait_for_job(client, client.post("/api/documents", files=files).json()["job_id"])


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="mat-khau", owner_password="mat-khau")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("empty.txt", b"", "empty file"),
    ("binary.pdf", bytes(range(256)) * 40, "broken PDF"),
    ("mat-khau.pdf", None, "password-protected"),
    ("bom.docx", None, "zip bomb"),
    ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
])
def test_bad_uploads_fail_their_job_with_the_reason_and_lose_nothing(client, name: str, content, needle) -> None:
    content = {"mat-khau.pdf": _encrypted_pdf, "bom.docx": _zip_bomb}.get(name, lambda: content)()
    before = client.get("/health").json()
    job = _job(client, [("files", (name, content))])
    assert job["status"] == "failed" and needle in " ".join(job["report"]["failed"]) and name in job["report"]["failed"][0]
    assert client.get("/health").json() == before


@pytest.mark.parametrize("name", ["../../etc/cron.d/x.txt", "/etc/passwd.txt", "..\\..\\win.ini.txt"])
def test_path_like_file_names_are_never_used_as_paths(client, server, name: str) -> None:
    job = _job(client, [("files", (name, "Ban Chỉ đạo tỉnh Gia Lai họp phiên thứ nhất ngày 10/5/2025.".encode()))])
    assert job["status"] == "done"
    uploads = server.data_dir / "uploads"
    assert all(p.parent == uploads and len(p.stem) == 32 for p in uploads.iterdir())
    client.delete(f"/api/documents/{job['report']['added'][0]}" if job["report"]["added"] else "/api/documents/x")
