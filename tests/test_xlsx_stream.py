"""The streamed workbook: bytes leave with the first batch, and the file opens in a spreadsheet reader
with its header, types, frozen first row and filter intact, whatever text the rows hold."""
import io
import zipfile

import openpyxl
import pytest

from app.evaluation.xlsx_stream import MAX_CELL_TEXT, column_letter, workbook_chunks


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (52, "BA"), (16_383, "XFD")])
def test_column_letters(index, letters):
    assert column_letter(index) == letters


def test_first_bytes_leave_before_the_last_row_is_read():
    read = []

    def batches():
        for k in range(3):
            read.append(k)
            yield [[k, f"row {k}"]]
    chunks = workbook_chunks(["n", "name"], batches())
    first = next(chunks)
    assert first.startswith(b"PK") and read == [0]  # a zip is on its way after one batch
    rest = b"".join(chunks)
    sheet = openpyxl.load_workbook(io.BytesIO(first + rest)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["n", "name"], [0, "row 0"], [1, "row 1"],
                                                                    [2, "row 2"]]


def test_cells_keep_their_types_and_hostile_text_stays_text():
    columns = [f"c{k}" for k in range(30)]  # past Z: two-letter columns
    row = [None] * 30
    row[:6] = ["<b>&amp;</b> \"quoted\" 'apostrophe'", "tab\there\x00\x07bell", 3, 2.5, True, False]
    row[26:29] = ["  padded  ", "x" * (MAX_CELL_TEXT + 10), "ກາເຟ ពាណិជ្ជកម្ម 咖啡 =1+1"]
    data = b"".join(workbook_chunks(columns, iter([[row], [[None] * 29 + ["last"]]])))
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert [c.value for c in sheet[1]] == columns and sheet["A1"].font.b
    assert sheet["A2"].value == "<b>&amp;</b> \"quoted\" 'apostrophe'" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == "tab\therebell"  # characters XML cannot carry are dropped, not fatal
    assert (sheet["C2"].value, sheet["D2"].value, sheet["E2"].value, sheet["F2"].value) == (3, 2.5, True, False)
    assert sheet["G2"].value is None and sheet["AA2"].value == "  padded  "
    assert len(sheet["AB2"].value) == MAX_CELL_TEXT
    assert sheet["AC2"].value == "ກາເຟ ពាណិជ្ជកម្ម 咖啡 =1+1" and sheet["AC2"].data_type == "s"
    assert sheet["AD3"].value == "last" and sheet.max_row == 3
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:AD3"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()  # never a formula


def test_an_empty_export_is_a_header_only_workbook():
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook_chunks(["a", "b"], iter([]))))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["a", "b"]]
