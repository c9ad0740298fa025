"""Every sample directive's header read right from the file a user would upload: the DOCX and the text PDF
the generator renders, and the scanned PDF shipped in corpus/samples/ (through OCR). What is expected comes
from each sample's source (its `number:`, `date:`, `type:`, `summary:` and signature lines), not from the
parser's output."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bcd import vietnamese as vn
from bcd.settings import Settings
from eval.samples import SHIP_DIR, Sample, load_samples, plain, write_docx, write_pdf
from eval.samples import Signature
from ingest.clean import clean
from ingest.loaders import load
from ingest.ocr import available as ocr_available
from ingest.official import OfficialHeader, read_header

SAMPLES = load_samples()


def _same(a: str | None, b: str) -> bool:
    return " ".join(vn.fold(a or "").lower().split()) == " ".join(vn.fold(b).lower().split())


def _expected_signature(sample: Sample) -> tuple[str, str, list[str]]:
    block = next(b for b in sample.body if isinstance(b, Signature))
    right = [plain(line) for line in block.right if plain(line).strip()]
    recipients = [re.sub(r"^[-+]\s*", "", plain(line)).rstrip(" ;,.") for line in block.left
                  if plain(line).startswith("-") and not re.match(r"^[-+]\s*Lưu", plain(line))]
    return right[-1], right[-2], recipients


def check(header: OfficialHeader | None, sample: Sample) -> None:
    assert header is not None, sample.file
    assert header.number == re.sub(r"^Số\s*:?\s*", "", sample.number)
    day, month, year = map(int, re.findall(r"\d+", sample.date))
    assert header.issued == date(year, month, day) and header.place == sample.date.split(",")[0]
    assert _same(header.doc_type, sample.type) or _same(header.doc_type, sample.type.split()[0] + " " +
                                                            sample.type.split()[1])
    assert _same(header.subject, " ".join(sample.summary))
    signer, position, recipients = _expected_signature(sample)
    assert header.signer == signer and _same(header.position, position)
    assert header.recipients == recipients
    issuer_line = next(plain(x) for x in reversed(sample.left) if plain(x).strip(" *"))
    assert vn.fold(issuer_line).lower() in vn.fold(header.issuer or "").lower().replace("tinh ", "", 1) or \
        vn.fold(issuer_line).lower() in vn.fold(header.issuer or "").lower()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.file[:30] for s in SAMPLES])
@pytest.mark.parametrize("writer", [write_docx, write_pdf], ids=["docx", "text-pdf"])
def test_the_header_of_every_sample_is_read_from_docx_and_text_pdf(sample: Sample, writer, tmp_path: Path) -> None:
    path = writer(sample, tmp_path / f"{sample.file}.{'docx' if writer is write_docx else 'pdf'}")
    check(read_header(clean(load(path).text, crawled=False).text), sample)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(Settings()), reason="Tesseract with its Vietnamese model is not installed")
def test_the_header_of_the_shipped_scan_is_read_through_ocr() -> None:
    scans = [s for s in SAMPLES if s.ship == "scan"]
    assert scans, "one sample is shipped as a scanned PDF"
    for sample in scans:
        shipped = next(SHIP_DIR.glob(f"{sample.file}*.pdf"))
        check(read_header(clean(load(shipped).text, crawled=False).text), sample)
