"""Reading the spreadsheets BL staff upload (observations, councillor lists): CSV as Excel
writes it (UTF-8 with or without BOM, comma or semicolon separated) or XLSX; and keeping the
spreadsheets the portal writes safe to open.

An XLSX file is a zip archive, so a 2 MB upload can unpack to gigabytes (a "decompression
bomb"). Before openpyxl sees it, the archive's own table of contents is checked: the
declared uncompressed size of all members and each member's compression ratio are bounded
(``zipfile`` itself refuses a member that inflates beyond its declared size). The sheet is
then streamed (openpyxl's read-only mode), the header row is handed to the caller's check
before anything else is read, and reading stops at the row limit.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 2 * 1024 * 1024
# Generous for the portal's files: 86,000 observation rows as XLSX unpack to about 20 MB.
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
# Sheet XML compresses 10-30 times; a bomb compresses hundreds or thousands of times.
MAX_COMPRESSION_RATIO = 100
MAX_ROWS = 100_000
MAX_COLUMNS = 50
# Cells starting with these are run as formulas by Excel and LibreOffice (OWASP "CSV
# injection"): a tab or carriage return too, as some programs strip it and read on.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TabularFileError(ValueError):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


def tabular_upload_check(*, filename: str, size: int) -> None:
    """Refuse an upload the reader would refuse anyway, before it is read (admin forms)."""
    if size > MAX_FILE_BYTES:
        raise TabularFileError(_("The file is larger than 2 MB."))
    if not filename.lower().endswith((".csv", ".txt", ".xlsx")):
        raise TabularFileError(_("Upload a .csv or .xlsx file."))


def tabular_rows(
    *,
    filename: str,
    content: bytes,
    max_rows: int = MAX_ROWS,
    header_check: Callable[[list], object] | None = None,
) -> list[list]:
    """Every row of the file's first sheet as a list of cell values: strings from a CSV,
    the cells' own types (numbers, dates, None) from an XLSX; at most ``MAX_COLUMNS`` cells
    a row. ``header_check`` is called with the first non-blank row before any further row
    is read (it raises ``TabularFileError`` to refuse the file). Raises ``TabularFileError``
    for an unreadable file, an XLSX that unpacks too large, or more than ``max_rows``
    rows after the header."""
    tabular_upload_check(filename=filename, size=len(content))
    is_xlsx = filename.lower().endswith(".xlsx")
    if is_xlsx:
        xlsx_archive_check(content=content)  # before openpyxl unpacks anything
    rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    result: list[list] = []
    for row in rows:
        if not result:
            if not any(_is_filled(cell) for cell in row):
                continue  # blank lines above the header
            if header_check is not None:
                header_check(row)
        elif len(result) > max_rows:
            raise TabularFileError(
                _("The file has more than %(count)s rows.") % {"count": max_rows}
            )
        result.append(row)
    return result


def formula_like(value) -> bool:
    """Whether a spreadsheet program would run ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def formula_neutralise(value):
    """A cell value safe to write into a CSV or XLSX file: text that would run as a formula
    gets a leading apostrophe (OWASP), which spreadsheets show as text; other values as
    they are."""
    return f"'{value}" if formula_like(value) else value


def _is_filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _csv_rows(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            yield row[:MAX_COLUMNS]
    except csv.Error as error:
        message = _("The file is not valid CSV: %(error)s.") % {"error": error}
        raise TabularFileError(message) from error


def xlsx_archive_check(*, content: bytes) -> None:
    """Refuse an XLSX whose zip members would unpack too large, from the archive's table
    of contents alone (nothing is decompressed)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise TabularFileError(_("The file is not a valid XLSX workbook.")) from error
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or ratio > MAX_COMPRESSION_RATIO:
            raise TabularFileError(
                _(
                    "The workbook would unpack to more than %(size)s MB or is compressed "
                    "suspiciously tightly; it is refused unread. Save the sheet as CSV "
                    "UTF-8 and upload that."
                )
                % {"size": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
            )


def _xlsx_rows(content: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The sheet's declared dimensions may be anything: read the cells that are there.
        sheet.reset_dimensions()
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TabularFileError(_("The file is not a valid XLSX workbook.")) from error
    try:
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            cells = list(row)
            while cells and cells[-1] is None:  # padding up to max_col
                cells.pop()
            yield cells
    except TabularFileError:
        raise
    except Exception as error:
        raise TabularFileError(_("The file is not a valid XLSX workbook.")) from error
    finally:
        workbook.close()
