"""Bad input over HTTP: each case gets a clear error and the right status, and nothing is lost.

One row of README's "Bad input" table per case; cases covered elsewhere name their test there."""

import io
import json
import unicodedata
import zipfile

import httpx
import pytest

from tests.conftest import wait_for_job
from tests.questions import NAM_DINH_HEAD

QUESTION = NAM_DINH_HEAD


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def own_client(own_server):
    """Uploads go to this module's own server: the shared one stays as every other test expects it."""
    with httpx.Client(base_url=own_server.url, timeout=60) as c:
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
    message = "\x00Ban Chỉ đạo\x07 tỉnh Nam Định\x1b do ai làm Trưởng ban?"
    data = client.post("/api/chat", json={"message": message}).json()
    assert "Đặng Khánh Toàn" in data["answer"]


@pytest.mark.parametrize("before", ["\ufeff", "\u200b", "\u202e", "🤔 ", "<b>", "\x1b[31m"])
def test_what_a_paste_puts_before_a_question_opening_with_ai_leaves_it_answered(client, before: str) -> None:
    """A byte-order mark, a zero-width or direction mark, an emoji, a tag or a colour code before "Ai …"
    made "Ai" read as a name no document writes, and the question was refused."""
    data = client.post("/api/chat", json={"message": f"{before}Ai là người làm Trưởng ban của Ban Chỉ đạo ở tỉnh Nam "
                                                     "Định vậy?"}).json()
    assert "Đặng Khánh Toàn" in data["answer"], (before, data["answer"])


def test_a_misspelt_filter_is_named_and_a_decomposed_question_counts_as_it_reads(client) -> None:
    typo = client.post("/api/search", json={"query": "Ban Chỉ đạo", "filters": {"provice": "Nam Định"}})
    assert typo.status_code == 422 and "provice" in typo.text
    decomposed = unicodedata.normalize("NFD", "Ban Chỉ đạo tỉnh Nam Định do ai làm Trưởng ban? ") * 40  # 1,960 read
    assert len(decomposed) > 2000 and client.post("/api/chat", json={"message": decomposed}).status_code == 200


def test_question_in_another_language_is_refused(client) -> None:
    data = client.post("/api/chat", json={"message": "What is the capital of France?"}).json()
    assert data["refused"] and data["citations"] == []


@pytest.mark.parametrize(("body", "needle"), [({"query": "   "}, "empty"), ({"query": "x", "k": 0}, "greater"),
                                              ({"query": "x", "k": 1000}, "less"),
                                              ({"query": "Ban " * 2000}, "limit"),
                                              ({"query": "x", "k": "5"}, "integer"),
                                              ({"query": "x", "k": True}, "integer")])
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
def test_bad_uploads_fail_their_job_with_the_reason_and_lose_nothing(own_client, name: str, content,
                                                                     needle) -> None:
    client = own_client
    content = {"mat-khau.pdf": _encrypted_pdf, "bom.docx": _zip_bomb}.get(name, lambda: content)()
    before = client.get("/health").json()
    job = _job(client, [("files", (name, content))])
    assert job["status"] == "failed" and needle in " ".join(job["report"]["failed"]) and name in job["report"]["failed"][0]
    assert client.get("/health").json() == before


@pytest.mark.parametrize("name", ["../../etc/cron.d/x.txt", "/etc/passwd.txt", "..\\..\\win.ini.txt"])
def test_path_like_file_names_are_never_used_as_paths(own_client, own_server, name: str) -> None:
    client, server = own_client, own_server
    job = _job(client, [("files", (name, "Ban Chỉ đạo tỉnh Gia Lai họp phiên thứ nhất ngày 10/5/2025.".encode()))])
    assert job["status"] == "done"
    uploads = server.data_dir / "uploads"
    assert all(p.parent == uploads and len(p.stem) == 32 for p in uploads.iterdir())
    client.delete(f"/api/documents/{job['report']['added'][0]}" if job["report"]["added"] else "/api/documents/x")


# --- odd characters and numbers in JSON bodies -------------------------------------------------------

@pytest.mark.parametrize(("path", "body", "field", "needle"), [
    ("/api/chat", b'{"message": "\\ud800"}', "message", "surrogate"),
    ("/api/chat", b'{"message": "Ai l\\u00e0 Tr\\u01b0\\u1edfng Ban Ch\\u1ec9 \\u0111\\u1ea1o? \\udfff"}', "message",
     "surrogate"),
    ("/api/chat/stream", b'{"message": "\\ud800"}', "message", "surrogate"),
    ("/api/search", b'{"query": "\\ud800 Ban"}', "query", "surrogate"),
    ("/api/search", b'{"query": "Ban", "filters": {"province": "\\udc00"}}', "province", "surrogate"),
    ("/api/chat", b'{"message": NaN}', "message", "finite"),
    ("/api/chat", b'{"message": "Ban Ch\\u1ec9 \\u0111\\u1ea1o", "session_id": Infinity}', "session_id", "finite"),
    ("/api/chat/stream", b'{"message": -Infinity}', "message", "finite"),
    ("/api/search", b'{"query": "Ban", "k": NaN}', "k", "finite"),
    ("/api/search", b'{"query": "Ban", "k": 1e999}', "k", "finite"),
    ("/api/feedback", b'{"rating": NaN, "question": "q", "answer": "a"}', "rating", "finite"),
    ("/api/feedback", b'{"rating": 1, "question": "q", "answer": "a", "citations": [{"n": Infinity}]}',
     "citations", "finite"),
])
def test_lone_surrogates_nan_and_infinity_are_a_422_naming_the_field(client, path: str, body: bytes, field: str,
                                                                     needle: str) -> None:
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422 and needle in response.text
    assert field in response.json()["detail"][0]["loc"]


@pytest.mark.parametrize("doc_id", ["%00", "a" * 5000])
def test_deleting_something_that_cannot_be_a_document_id_is_a_422(client, doc_id: str) -> None:
    before = client.get("/health").json()
    response = client.delete(f"/api/documents/{doc_id}")
    assert response.status_code == 422 and "is not a document id" in response.text
    assert len(response.text) < 500 and client.get("/health").json() == before


# --- feedback: anyone may send it, so everything is bounded ----------------------------------------

def _feedback(**fields) -> dict:
    return {"rating": 1, "question": QUESTION, "answer": "Đồng chí Đặng Khánh Toàn [1]", **fields}


@pytest.mark.parametrize(("name", "body", "status", "needle"), [
    ("5 MB answer", _feedback(answer="a" * 5_000_000), 413, "Too Large"),
    ("30 kB answer", _feedback(answer="a" * 30_000), 422, "answer"),
    ("1 MB comment", _feedback(comment="b" * 1_000_000), 422, "comment"),
    ("10,000 citations", _feedback(citations=[{"n": i} for i in range(10_000)]), 422, "citations"),
    ("one huge citation", _feedback(citations=[{"n": 1, "quote": "c" * 20_000}]), 422, "citation 1"),
    ("question longer than a chat question may be", _feedback(question="Ban " * 1000), 422, "limit is 2000"),
    ("long session id", _feedback(session_id="s" * 1000), 422, "session_id"),
    ("rating true", _feedback(rating=True), 422, "rating"),
    ("rating \"1\"", _feedback(rating="1"), 422, "rating"),
    ("rating 1.0", _feedback(rating=1.0), 422, "rating"),
])
def test_unbounded_or_loosely_typed_feedback_is_refused(client, name: str, body: dict, status: int,
                                                        needle: str) -> None:
    before = len(client.get("/api/feedback").json()["feedback"])
    response = client.post("/api/feedback", json=body)
    assert response.status_code == status and needle in response.text, name
    assert len(client.get("/api/feedback").json()["feedback"]) == before


ADMIN_KEY, READER_KEY = "admin-key-bad-input-0123", "reader-key-bad-input-0123"


@pytest.fixture(scope="module")
def guarded(indexed_settings, tmp_path_factory):
    """A server of its own (uploads here change its documents), with keys and a small feedback limit."""
    import shutil

    from tests.conftest import Server

    data_dir = tmp_path_factory.mktemp("guarded") / "data"
    shutil.copytree(indexed_settings.data_dir, data_dir)
    keys = [{"key": ADMIN_KEY, "name": "quan-tri", "admin": True},
            {"key": READER_KEY, "name": "doc-gia", "groups": ["Lanh-Dao"]}]  # groups: any case
    running = Server(data_dir, BCD_API_KEYS=json.dumps(keys), BCD_FEEDBACK_RATE_LIMIT_PER_MINUTE="2").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def admin_client(guarded):
    with httpx.Client(base_url=guarded.url, timeout=60, headers={"X-API-Key": ADMIN_KEY}) as c:
        yield c


def test_anonymous_feedback_is_rate_limited_with_retry_after(guarded) -> None:
    with httpx.Client(base_url=guarded.url, timeout=60) as anonymous:
        assert [anonymous.post("/api/feedback", json=_feedback()).status_code for _ in range(2)] == [201, 201]
        refused = anonymous.post("/api/feedback", json=_feedback())
        assert refused.status_code == 429 and "a minute" in refused.json()["detail"]
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        keyed = anonymous.post("/api/feedback", json=_feedback(), headers={"X-API-Key": READER_KEY})
        assert keyed.status_code == 201  # the limit is for anonymous writers


def _upload(client, files: list[tuple[str, bytes]], **data: str) -> dict:
    response = client.post("/api/documents", files=[("files", f) for f in files], data=data)
    assert response.status_code == 202, response.text
    return wait_for_job(client, response.json()["job_id"])


def _documents(client) -> dict[str, dict]:
    return {d["doc_id"]: d for d in client.get("/api/documents").json()["documents"]}


# a different text for each upload test, so that none is "the same content" as another test's document
GIA_LAI = "Ban Chỉ đạo tỉnh Gia Lai họp phiên thứ nhất ngày 10/5/2025 về chuyển đổi số.".encode()
KON_TUM = "Ban Chỉ đạo tỉnh Kon Tum họp phiên thứ hai ngày 12/6/2025 về khoa học công nghệ.".encode()
BINH_DINH = "Ban Chỉ đạo tỉnh Bình Định họp ngày 02/4/2025 và giao 12 nhiệm vụ.".encode()
DAK_LAK = "Ban Chỉ đạo tỉnh Đắk Lắk giao 37 nhiệm vụ trọng tâm năm 2025.".encode()
PHU_YEN = "Ban Chỉ đạo tỉnh Phú Yên họp phiên thứ ba ngày 20/7/2025 về đổi mới sáng tạo.".encode()
LAM_DONG = "Ban Chỉ đạo tỉnh Lâm Đồng họp kín ngày 15/8/2025 về ngân sách nội bộ.".encode()


def test_a_300_character_file_name_gives_a_bounded_id(admin_client) -> None:
    name = "bao-cao-" + "rat-dai-" * 36 + "x.txt"
    assert len(name) > 300
    job = _upload(admin_client, [(name, "Ban Chỉ đạo tỉnh Quảng Trị họp ngày 03/3/2025.".encode())])
    assert job["status"] == "done" and not job["error"] and len(job["report"]["added"]) == 1
    doc_id = job["report"]["added"][0]
    assert doc_id.startswith("bao-cao-rat-dai") and len(doc_id) <= 80
    assert len(job["files"][0]) <= 200 and job["files"][0].endswith(".txt")
    assert admin_client.delete(f"/api/documents/{doc_id}").status_code == 200


def test_the_same_content_under_path_like_names_is_one_document(admin_client) -> None:
    before = set(_documents(admin_client))
    names = ["../../evil.txt", "/etc/passwd.txt", "..\\..\\evil2.txt", "evil.txt"]
    first = _upload(admin_client, [(names[0], GIA_LAI)])
    rest = _upload(admin_client, [(name, GIA_LAI) for name in names[1:]])
    added = set(_documents(admin_client)) - before
    assert added == set(first["report"]["added"]) == {"evil"}
    assert not rest["report"]["added"] and rest["report"]["duplicates"] == {
        "passwd.txt": "evil", "evil2.txt": "evil", "evil.txt": "evil"}
    assert admin_client.delete("/api/documents/evil").status_code == 200


def test_a_name_taken_by_another_document_gets_a_new_id_unless_replace(admin_client) -> None:
    nam_dinh = "nam-dinh-ban-chi-dao-hop-phien-dau-tien"
    original = _documents(admin_client)[nam_dinh]
    collided = _upload(admin_client, [(f"{nam_dinh}.txt", KON_TUM)])
    assert collided["report"]["added"] == [f"{nam_dinh}-2"]
    assert collided["report"]["renamed"] == {f"{nam_dinh}.txt": f"{nam_dinh}-2"}
    assert _documents(admin_client)[nam_dinh] == original
    answer = admin_client.post("/api/chat", json={"message": QUESTION}).json()
    assert "Đặng Khánh Toàn" in answer["answer"]

    # issue 19: two uploads with one file name are two documents ...
    first = _upload(admin_client, [("bien-ban.txt", BINH_DINH)])
    second = _upload(admin_client, [("bien-ban.txt", DAK_LAK)])
    assert first["report"]["added"] == ["bien-ban"] and second["report"]["added"] == ["bien-ban-2"]
    assert second["report"]["renamed"] == {"bien-ban.txt": "bien-ban-2"}
    # ... the same bytes again are the document already there ...
    again = _upload(admin_client, [("bien-ban.txt", DAK_LAK)])
    assert not again["report"]["added"] and again["report"]["duplicates"] == {"bien-ban.txt": "bien-ban-2"}
    # ... and replacing is explicit
    replaced = _upload(admin_client, [("bien-ban.txt", PHU_YEN)], replace="true")
    assert replaced["report"]["updated"] == ["bien-ban"] and not replaced["report"]["added"]
    hits = admin_client.post("/api/search", json={"query": "Phú Yên phiên thứ ba", "k": 1}).json()["results"]
    assert hits[0]["doc_id"] == "bien-ban"
    for doc_id in (f"{nam_dinh}-2", "bien-ban", "bien-ban-2"):
        assert admin_client.delete(f"/api/documents/{doc_id}").status_code == 200


@pytest.mark.parametrize(("groups", "needle"), [("", "groups is empty"), (" , ,", "groups is empty"),
                                                ("lanh-dao|van-phong", "not allowed")])
def test_a_groups_field_that_names_no_valid_group_is_an_error_not_public(admin_client, guarded, groups: str,
                                                                         needle: str) -> None:
    uploads = guarded.data_dir / "uploads"
    before = set(uploads.iterdir()) if uploads.exists() else set()
    response = admin_client.post("/api/documents", files=[("files", ("mat.txt", DAK_LAK))],
                                 data={"groups": groups})
    assert response.status_code == 422 and needle in response.text
    assert (set(uploads.iterdir()) if uploads.exists() else set()) == before


def test_groups_are_compared_case_insensitively(admin_client, guarded) -> None:
    job = _upload(admin_client, [("mat-lam-dong.txt", LAM_DONG)], groups="LANH-DAO, Van-Phong")
    assert job["report"]["added"] == ["mat-lam-dong"]
    assert _documents(admin_client)["mat-lam-dong"]["groups"] == ["lanh-dao", "van-phong"]
    with httpx.Client(base_url=guarded.url, timeout=60) as anonymous:
        assert "mat-lam-dong" not in _documents(anonymous)
    with httpx.Client(base_url=guarded.url, timeout=60, headers={"X-API-Key": READER_KEY}) as reader:
        assert "mat-lam-dong" in _documents(reader)  # the key's groups say "Lanh-Dao"
    assert admin_client.delete("/api/documents/mat-lam-dong").status_code == 200
