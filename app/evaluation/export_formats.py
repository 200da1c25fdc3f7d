"""CSV, JSON and XLSX writers over the batches of an export table, one batch in memory at a time.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some strip
first) as a formula: a company named `=HYPERLINK(...)` would become a live link in the evaluator's
Excel. In CSV and XLSX every free-text cell (names, titles, comments, contacts) that starts so gets
a leading apostrophe; the other text columns hold codes and vocabulary values validated on the way
in, and numbers are written as numbers and stay numbers. XLSX cells are only ever text, numbers or
booleans, so no cell is stored as a formula. JSON is data, not a spreadsheet, and keeps the text as it is.
"""
import csv
import io
import json
from collections.abc import Iterator

from app.evaluation.export_queries import Table
from app.evaluation.xlsx_stream import workbook_chunks

UNSAFE_FIRST = frozenset("=+-@\t\r")


def _prepare(table: Table, batch: list[list], *, yes=True, no=False, neutralize: bool = True) -> None:
    """In place: yes/no columns (which may hold 1 and 0) as `yes` or `no`, and with `neutralize` free
    text made inert."""
    texts = table.texts if neutralize else ()
    booleans = table.booleans
    for row in batch:
        for i in texts:
            value = row[i]
            if value and value[0] in UNSAFE_FIRST:
                row[i] = "'" + value
        for i in booleans:
            if row[i] is not None:
                row[i] = yes if row[i] else no


def csv_chunks(table: Table) -> Iterator[bytes]:
    """UTF-8 with a byte order mark (so Excel reads Khmer, Lao, Thai and Chinese names right), CRLF
    line ends (RFC 4180), yes/no for true/false, empty for missing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(table.columns)
    for batch in table.batches:
        _prepare(table, batch, yes="yes", no="no")  # CSV has no booleans
        writer.writerows(batch)
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # the header of an empty export
        yield buffer.getvalue().encode()


def json_chunks(table: Table) -> Iterator[bytes]:
    """One JSON array of objects keyed by column name (no envelope: a total would have to come
    before the rows are counted). Missing values are null, yes/no columns true/false."""
    columns, opening = table.columns, "["
    for batch in table.batches:
        if batch:
            _prepare(table, batch, neutralize=False)
            text = json.dumps([dict(zip(columns, row)) for row in batch], ensure_ascii=False, separators=(",", ":"))
            yield (opening + text[1:-1]).encode()
            opening = ",\n"
    yield ("[]" if opening == "[" else "]\n").encode()


def xlsx_chunks(table: Table) -> Iterator[bytes]:
    """One sheet, streamed as it is written (app.evaluation.xlsx_stream): cells hold text, numbers or
    booleans, never formulas; true/false are spreadsheet booleans."""
    def prepared() -> Iterator[list[list]]:
        for batch in table.batches:
            _prepare(table, batch)
            yield batch
    return workbook_chunks(table.columns, prepared())
