"""Reading the spreadsheets BL staff upload (observations, councillor lists): CSV as Excel
writes it (UTF-8 with or without BOM, comma or semicolon separated) or XLSX."""

import csv
import io

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 2 * 1024 * 1024


class TabularFileError(ValueError):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


def tabular_upload_check(*, filename: str, size: int) -> None:
    """Refuse an upload the reader would refuse anyway, before it is read (admin forms)."""
    if size > MAX_FILE_BYTES:
        raise TabularFileError(_("The file is larger than 2 MB."))
    if not filename.lower().endswith((".csv", ".txt", ".xlsx")):
        raise TabularFileError(_("Upload a .csv or .xlsx file."))


def tabular_rows(*, filename: str, content: bytes) -> list[list]:
    """Every row of the file's first sheet as a list of cell values: strings from a CSV,
    the cells' own types (numbers, dates, None) from an XLSX."""
    tabular_upload_check(filename=filename, size=len(content))
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(content)
    return _csv_rows(content)


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TabularFileError(_("The file is not a valid XLSX workbook.")) from error
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
