"""The shared spreadsheet reader: archive checks before parsing, header first, row limit;
and the formula neutralising of the spreadsheets the portal writes."""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.utils import translation
from openpyxl import Workbook

from almen.core import tabular
from almen.core.tabular import (
    TabularFileError,
    formula_like,
    formula_neutralise,
    tabular_rows,
)


@pytest.fixture(autouse=True)
def _danish():
    with translation.override("da"):
        yield


def _xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb(*, rows: int) -> bytes:
    """A real workbook whose sheet is replaced by ``rows`` identical rows: a few hundred KB
    that unpack to many MB (a ratio far above any real sheet's)."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["kommunekode", "indikator"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item))
                continue
            with bomb.open(item.filename, "w") as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData>'
                )
                row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
                for _ in range(rows // 1000):
                    sheet.write(row * 1000)
                sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _unparsed(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl must not parse this file")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_decompression_bomb_is_refused_before_parsing(monkeypatch):
    content = _bomb(rows=1_000_000)  # about 50 MB of sheet XML
    assert len(content) < 300_000
    _unparsed(monkeypatch)
    tracemalloc.start()
    with pytest.raises(TabularFileError, match="mistænkeligt hårdt komprimeret"):
        tabular_rows(filename="tal.xlsx", content=content)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_a_workbook_unpacking_beyond_the_limit_is_refused(monkeypatch):
    content = _xlsx([["kommunekode", "indikator"], ["326", "homes"]])
    monkeypatch.setattr(tabular, "MAX_UNCOMPRESSED_BYTES", 1024)
    _unparsed(monkeypatch)
    with pytest.raises(TabularFileError, match="mere end 0 MB"):
        tabular_rows(filename="tal.xlsx", content=content)


def test_a_broken_archive_is_refused(monkeypatch):
    _unparsed(monkeypatch)
    with pytest.raises(TabularFileError, match="ikke en gyldig XLSX"):
        tabular_rows(filename="tal.xlsx", content=b"PK\x03\x04 not really a zip")


def test_an_ordinary_workbook_is_read_with_cell_types():
    content = _xlsx([["kommunekode", "værdi"], ["326", 3372], [None, None], ["657", 14.5]])
    assert tabular_rows(filename="tal.xlsx", content=content) == [
        ["kommunekode", "værdi"],
        ["326", 3372],
        [],
        ["657", 14.5],
    ]


def test_the_header_is_checked_before_any_other_row_is_read(monkeypatch):
    read = []
    original = tabular._csv_rows

    def counting(content):
        for row in original(content):
            read.append(row)
            yield row

    def refuse(header):
        raise TabularFileError(f"bad header {header}")

    monkeypatch.setattr(tabular, "_csv_rows", counting)
    content = ("\n" + "a,b\n" + "1,2\n" * 50_000).encode()
    with pytest.raises(TabularFileError, match=r"bad header \['a', 'b'\]"):
        tabular_rows(filename="x.csv", content=content, header_check=refuse)
    assert len(read) == 2  # the blank line and the header


@pytest.mark.parametrize("filename", ["x.csv", "x.xlsx"])
def test_reading_stops_at_the_row_limit(filename):
    rows = [["a", "b"]] + [[str(n), "x"] for n in range(20)]
    if filename.endswith(".csv"):
        content = "".join(",".join(row) + "\n" for row in rows).encode()
    else:
        content = _xlsx(rows)
    assert len(tabular_rows(filename=filename, content=content, max_rows=20)) == 21
    with pytest.raises(TabularFileError, match="mere end 19 rækker"):
        tabular_rows(filename=filename, content=content, max_rows=19)


def test_rows_are_cut_to_the_column_limit():
    content = ("," * 10_000 + "\n").encode()
    content = b"a,b\n" + content
    rows = tabular_rows(filename="x.csv", content=content)
    assert len(rows[1]) == tabular.MAX_COLUMNS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+45 12345678", "'+45 12345678"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Danmarks Statistik", "Danmarks Statistik"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_formula_neutralise(value, expected):
    assert formula_neutralise(value) == expected
    assert formula_like(value) == (value != expected)
