"""Reading HRIS exports: CSV (any common encoding and delimiter) and XLSX, streamed row by row.

Encoding detection: a byte-order mark wins; otherwise the whole file is checked as strict UTF-8 in
chunks (cheap, and exact); failing that, ``charset-normalizer`` picks the encoding (Windows-1252 in
practice). The delimiter comes from ``csv.Sniffer`` on a sample, checked against the header line, with a
fallback on the delimiter that occurs most in the header line. XLSX goes through ``openpyxl`` in
read-only mode; cells become the strings an HR person would type (``1042.0`` → ``"1042"``, dates → ISO).
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from koers.core.errors import ProblemError

SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
csv.field_size_limit(1024 * 1024)


class UnreadableFile(ProblemError):
    """422: the file cannot be imported at all (not CSV/XLSX, empty, undecodable, no usable columns)."""

    def __init__(self, detail: str, *, slug: str = "unreadable-import-file", **extra: Any) -> None:
        super().__init__(422, "Unprocessable content", detail, slug=slug, **extra)


@dataclass(frozen=True)
class FileFormat:
    """How a file is read: ``kind`` is ``csv`` or ``xlsx``; ``encoding`` and ``delimiter`` for CSV only."""

    kind: str
    encoding: str | None = None
    delimiter: str | None = None


def _is_xlsx(path: Path) -> bool:
    with path.open("rb") as fh:
        if fh.read(4) != b"PK\x03\x04":
            return False
    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes strictly in ``encoding`` (read in 1 MiB chunks: flat memory)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1024 * 1024):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


UNDECODABLE = "The file's text encoding could not be recognised; save it as UTF-8 and try again."


def detect_encoding(path: Path) -> str:
    """The file's text encoding as a Python codec name (``utf-8-sig`` when a UTF-8 BOM is present).

    Raises ``UnreadableFile`` for binary content (NUL bytes) or when no encoding decodes the whole file."""
    with path.open("rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    bom = None
    if head.startswith(codecs.BOM_UTF8):
        bom = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bom = "utf-16"
    if bom is not None:
        if not _decodes(path, bom):
            raise UnreadableFile(UNDECODABLE)
        return bom
    if b"\x00" in head:
        raise UnreadableFile("The file is neither a CSV text file nor an XLSX workbook (it contains binary data).")
    if _decodes(path, "utf-8"):
        return "utf-8"
    # Not UTF-8: let charset-normalizer judge a sample that contains the non-ASCII bytes.
    with path.open("rb") as fh:
        data = fh.read(4 * SAMPLE_BYTES)
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile(UNDECODABLE)
    encoding = str(best.encoding)
    # Western single-byte guesses are all read as Windows-1252, the superset HRIS exports actually use.
    if encoding in {"latin_1", "iso8859_1", "iso8859_15", "ascii"}:
        encoding = "cp1252"
    if not _decodes(path, encoding):
        raise UnreadableFile(UNDECODABLE)
    return encoding


def detect_delimiter(sample: str) -> str:
    """The field delimiter of a CSV sample (``,``, ``;``, tab or ``|``).

    ``csv.Sniffer`` decides; its answer is accepted when it splits the header line into more than one
    column, else the delimiter occurring most often in the header line (outside quotes) wins. Raises
    ``UnreadableFile`` when the header line has one column only under every delimiter."""
    lines = sample.splitlines()
    header = next((line for line in lines if line.strip()), "")
    if not header:
        raise UnreadableFile("The file is empty: it has no header line.")

    def columns(delimiter: str) -> int:
        try:
            return len(next(csv.reader([header], delimiter=delimiter)))
        except (csv.Error, StopIteration):
            return 0

    try:
        sniffed = csv.Sniffer().sniff(sample[:65536], delimiters=DELIMITERS).delimiter
        if columns(sniffed) > 1:
            return sniffed
    except csv.Error:
        pass
    best = max(DELIMITERS, key=columns)
    if columns(best) <= 1:
        raise UnreadableFile(
            "The file has a single column: no comma, semicolon or tab separates its header into columns.",
            slug="unmappable-import-file",
        )
    return best


def detect_format(path: Path) -> FileFormat:
    """Decide how to read ``path``. Raises ``UnreadableFile`` (422) for empty, binary or undecodable files."""
    if path.stat().st_size == 0:
        raise UnreadableFile("The file is empty.")
    if _is_xlsx(path):
        return FileFormat("xlsx")
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(SAMPLE_BYTES // 4)
    if not sample.strip():
        raise UnreadableFile("The file is empty.")
    return FileFormat("csv", encoding, detect_delimiter(sample))


def _cell(value: Any) -> str:
    """An XLSX cell as text: integral numbers without ``.0``, dates as ISO 8601, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def iter_rows(path: Path, fmt: FileFormat) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, cells)`` for every non-blank record, the header first.

    ``line`` is the 1-based line where the record starts in a CSV file (a quoted field may span lines) or
    the sheet row number in XLSX (first worksheet). Raises ``UnreadableFile`` for a malformed file."""
    if fmt.kind == "xlsx":
        yield from _iter_xlsx(path)
    else:
        yield from _iter_csv(path, fmt)


def _iter_csv(path: Path, fmt: FileFormat) -> Iterator[tuple[int, list[str]]]:
    assert fmt.encoding and fmt.delimiter
    with path.open("r", encoding=fmt.encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=fmt.delimiter, strict=False)
        last = 0
        try:
            for row in reader:
                start, last = last + 1, reader.line_num
                if row and any(cell.strip() for cell in row):
                    yield start, row
        except (csv.Error, UnicodeDecodeError) as exc:
            raise UnreadableFile(f"The CSV file cannot be read after line {last}: {type(exc).__name__}.") from exc


def _iter_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    handle = path.open("rb")  # a file object: openpyxl would refuse a path without an .xlsx suffix
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        handle.close()
        raise UnreadableFile("The XLSX workbook cannot be opened.") from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if any(c.strip() for c in cells):
                yield number, cells
    finally:
        workbook.close()
        handle.close()


def read_head(path: Path, fmt: FileFormat, rows: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header cells and up to ``rows`` data records. Raises ``UnreadableFile`` for a file without a
    header."""
    it = iter_rows(path, fmt)
    try:
        _, header = next(it)
    except StopIteration:
        raise UnreadableFile("The file is empty: it has no header row.") from None
    head: list[tuple[int, list[str]]] = []
    for item in it:
        head.append(item)
        if len(head) >= rows:
            break
    if hasattr(it, "close"):
        it.close()
    return header, head
