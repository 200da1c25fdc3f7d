"""CSV, JSON and XLSX writers over the batches of an export table, one batch in memory at a time.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some strip
first) as a formula: a company named `=HYPERLINK(...)` would become a live link in the evaluator's
Excel. In CSV and XLSX every free-text cell (names, titles, comments, contacts) that starts so gets
a leading apostrophe; the other text columns hold codes and vocabulary values validated on the way
in, and numbers are written as numbers and stay numbers. XLSX strings also go through write_string,
so no cell is ever stored as a formula. JSON is data, not a spreadsheet, and keeps the text as it is.
"""
import csv
import io
import json
import tempfile
from collections.abc import Iterator

import xlsxwriter

from app.evaluation.export_queries import Table

UNSAFE_FIRST = frozenset("=+-@\t\r")
XLSX_MAX_ROWS = 1_048_575  # a sheet's rows below the header
CHUNK = 1 << 16


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
    """One sheet written row by row (`constant_memory`: finished rows go to disk) into a temporary
    file, which is then streamed and deleted. Strings go through write_string, so nothing is ever
    read as a formula or a number; true/false are spreadsheet booleans."""
    with tempfile.TemporaryFile() as file:
        workbook = xlsxwriter.Workbook(file, {"constant_memory": True})
        sheet = workbook.add_worksheet("export")
        bold = workbook.add_format({"bold": True})
        for c, name in enumerate(table.columns):
            sheet.write_string(0, c, name, bold)
        sheet.freeze_panes(1, 0)
        r = 0
        write_string, write_number, write_boolean = sheet.write_string, sheet.write_number, sheet.write_boolean
        for batch in table.batches:
            if r + len(batch) > XLSX_MAX_ROWS:
                raise OverflowError("More rows than a spreadsheet holds: export CSV or JSON instead.")
            _prepare(table, batch)
            for row in batch:
                r += 1
                for c, v in enumerate(row):
                    if v is None:
                        continue
                    if isinstance(v, str):
                        write_string(r, c, v)
                    elif isinstance(v, bool):
                        write_boolean(r, c, v)
                    else:
                        write_number(r, c, v)
        sheet.autofilter(0, 0, r, len(table.columns) - 1)
        workbook.close()
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk
