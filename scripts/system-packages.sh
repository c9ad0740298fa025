#!/usr/bin/env bash
# System packages the assistant needs beside pip's: Tesseract with its Vietnamese model, for scanned PDFs and
# images (ingest/ocr.py). Idempotent: does nothing when they are there; installs them with apt-get (sudo when
# not root) when missing; only prints a notice where apt-get is not available (scanned files are then skipped
# with a warning at ingest, never a crash).
set -euo pipefail
if grep -qx vie <<<"$(tesseract --list-langs 2>/dev/null || true)"; then
    exit 0
fi
packages="tesseract-ocr tesseract-ocr-vie"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "notice: Tesseract with Vietnamese ($packages) is not installed and apt-get is not available here;" \
         "install them with your system's package manager to read scanned PDFs and images (without them" \
         "such files are skipped with a warning)." >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1; then sudo="sudo"
else
    echo "notice: $packages are not installed and installing them needs root (no sudo here): run" \
         "'apt-get install $packages' as root to read scanned PDFs and images." >&2
    exit 0
fi
echo "installing $packages (apt-get) for OCR of scanned PDFs and images" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086  # two package names
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
