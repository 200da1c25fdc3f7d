"""An XLSX workbook written while it streams: the first bytes leave with the first batch of rows.

A spreadsheet library builds the whole file before anything can be sent (a 100,000-row export took
half a minute to start, long enough for a proxy to give up). An XLSX file is a zip of a few XML
parts, and zip can be written forward only (sizes go in a descriptor after each part), so the
sheet's XML is written row by row into a zip whose output is handed out as it grows. The small
parts that need the row count (the filter's range) are written after the sheet.

Only what the exports need: one sheet, a bold frozen header with a filter, and cells that are
inline strings, numbers or booleans, never formulas.
"""
import io
import re
import zipfile
from collections.abc import Iterable, Iterator

MAX_ROWS = 1_048_575      # a sheet's rows below the header
MAX_CELL_TEXT = 32_767    # what a cell holds; longer text is cut
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/styles.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
PACKAGE_RELS = (HEAD + f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK_RELS = (HEAD + f'<Relationships xmlns="{RELS}">'
                 f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>')
# Style 0 is the default, style 1 bold (the header row).
STYLES = (HEAD + f'<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
          '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
          'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1">'
          '<border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
          'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" '
          'fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" '
          'xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
          'builtinId="0"/></cellStyles></styleSheet>')
SHEET_START = (HEAD + f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
               'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>')
# Characters XML 1.0 cannot carry at all (a file holding one does not open), and those to escape.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NEEDS_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    value = value[:MAX_CELL_TEXT]
    if NEEDS_WORK.search(value) is None:  # most cells: one scan, no copy
        return value
    return NOT_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Output(io.RawIOBase):
    """Where the zip writes: kept until the generator hands it on (a forward-only stream)."""

    def __init__(self):
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def workbook_chunks(columns: list[str], batches: Iterable[list[list]]) -> Iterator[bytes]:
    """The workbook's bytes, a piece per batch of rows. Cells: str as text, bool as a boolean,
    int/float as a number, None left empty."""
    output = _Output()
    refs = [f'<c r="{column_letter(c)}' for c in range(len(columns))]
    last_column = column_letter(len(columns) - 1)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/styles.xml", STYLES)
        r = 1
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            header = "".join(f'{refs[c]}1" s="1" t="inlineStr"><is><t>{_text(name)}</t></is></c>'
                             for c, name in enumerate(columns))
            sheet.write(f'{SHEET_START}<row r="1">{header}</row>'.encode())
            for batch in batches:
                if r + len(batch) > MAX_ROWS + 1:
                    raise OverflowError("More rows than a spreadsheet holds: export CSV or JSON instead.")
                lines = []
                for row in batch:
                    r += 1
                    cells = []
                    for c, v in enumerate(row):
                        if v is None:
                            continue
                        if isinstance(v, str):
                            cells.append(f'{refs[c]}{r}" t="inlineStr"><is><t xml:space="preserve">{_text(v)}</t></is></c>')
                        elif isinstance(v, bool):
                            cells.append(f'{refs[c]}{r}" t="b"><v>{int(v)}</v></c>')
                        else:
                            cells.append(f'{refs[c]}{r}"><v>{v}</v></c>')
                    lines.append(f'<row r="{r}">{"".join(cells)}</row>')
                sheet.write("".join(lines).encode())
                yield output.take()
            sheet.write(f'</sheetData><autoFilter ref="A1:{last_column}{r}"/></worksheet>'.encode())
        package.writestr("xl/workbook.xml", (
            f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="export" sheetId="1" '
            f'r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
            f'hidden="1">export!$A$1:${last_column}${r}</definedName></definedNames></workbook>'))
    yield output.take()
