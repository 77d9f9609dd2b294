"""Write a table as CSV (for spreadsheets: UTF-8 with BOM, `;`) or as an xlsx workbook (openpyxl).

Every text cell goes through `neutralise` first, so that a value typed by a user can never run
as a formula in the coach's spreadsheet.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell starting with one of these is read as a formula by spreadsheets (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | datetime.date | datetime.datetime | None

# How dates read in the spreadsheet (the CSV writes the same), and the narrowest column: a date
# and time (16 characters) fits.
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DATE_FORMAT = "dd/mm/yyyy"
MIN_WIDTH = 16


def neutralise(value: Cell) -> Cell:
    """The value to write: text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: Cell) -> str:
    """A cell as CSV text, in French conventions (dates dd/mm/yyyy, decimal comma, oui/non)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as CSV bytes: UTF-8 with a BOM, `;` between cells, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([_text(neutralise(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as one sheet of an xlsx workbook: bold header row, columns as wide as their
    header, real dates in French order, cells neutralised."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(len(header) + 2, MIN_WIDTH)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet: Any, value: Cell) -> Any:
    """A cell of the sheet: booleans as oui/non, dates shown as French spreadsheets do."""
    value = neutralise(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = (
            DATETIME_FORMAT if isinstance(value, datetime.datetime) else DATE_FORMAT
        )
        return cell
    return value


def _sheet_title(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = " ".join("".join(" " if char in "[]:*?/\\" else char for char in title).split())
    return cleaned[:31].strip() or "Export"
