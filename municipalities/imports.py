"""Import of observations from a CSV or XLSX file (admin "Import figures" and
``manage.py import_observations``).

The file has a header row with the columns ``kommunekode`` (the official three-digit
code; empty or ``000`` for the whole country), ``indikator`` (an indicator key),
``periode`` (``2025`` or ``2022-2024``), ``værdi`` (Danish format: ``3.372``, ``14,5``) and
optionally ``kilde`` (empty: the indicator's default source). Other columns, such as the
municipality name, are ignored. CSV files may use ``;`` (as Danish Excel writes them) or
``,`` and must be UTF-8, with or without BOM. See ``municipalities/data/observations-sample.csv``.

A run first checks every row; when any row is invalid, nothing is saved.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from almen.core.tabular import TabularFileError as ImportFileError
from almen.core.tabular import tabular_rows
from municipalities.models import Indicator, Municipality, Observation
from municipalities.services import (
    municipalities_content_changed,
    period_parse,
    sheet_for_figures_ensure,
)

_CENT = Decimal("0.01")
_NATIONAL_CODES = {"", "0", "00", "000", "dk", "hele landet"}
_COLUMNS = {
    "kommunekode": "municipality_code",
    "municipality_code": "municipality_code",
    "code": "municipality_code",
    "indikator": "indicator",
    "indicator": "indicator",
    "periode": "period",
    "period": "period",
    "år": "period",
    "year": "period",
    "værdi": "value",
    "vaerdi": "value",
    "value": "value",
    "kilde": "source",
    "source": "source",
}
# The columns every file needs, with the header BL staff write for each.
_REQUIRED = {
    "municipality_code": "kommunekode",
    "indicator": "indikator",
    "period": "periode",
    "value": "værdi",
}
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+(,\d+)?$")


@dataclass
class RowResult:
    """What one data row of the file will do (or did): ``action`` is ``create``,
    ``update``, ``unchanged`` or ``error`` (then ``errors`` says why)."""

    line: int
    municipality: str = ""
    indicator: str = ""
    period: str = ""
    value: Decimal | None = None
    old_value: Decimal | None = None
    source: str = ""
    action: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[RowResult]
    saved: bool = False
    # Municipalities that got a new kommuneark for the imported year (by name).
    sheets_created: list[str] = field(default_factory=list)

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.error_rows

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created_count(self) -> int:
        return self.count("create")

    @property
    def updated_count(self) -> int:
        return self.count("update")


def danish_decimal_parse(*, raw) -> Decimal:
    """A value as BL staff write it: ``3.372`` → 3372, ``14,5`` → 14.5, ``1.086,25``; also
    numbers from XLSX cells. Raises ``ValueError`` for anything else (``14.5`` is ambiguous
    in Danish and refused)."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = str(raw or "").strip().replace("\u00a0", "").replace(" ", "")
    if _GROUPED.match(text):
        text = text.replace(".", "")
    elif not _PLAIN.match(text):
        raise ValueError(raw)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(raw) from error


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_map(header: list) -> dict[str, int]:
    columns = {}
    for index, name in enumerate(header):
        column = _COLUMNS.get(_cell_text(name).lower())
        if column and column not in columns:
            columns[column] = index
    missing = [header for name, header in _REQUIRED.items() if name not in columns]
    if missing:
        raise ImportFileError(
            _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return columns


def _check_row(
    *, line: int, cells: dict, municipalities: dict, indicators: dict
) -> tuple[RowResult, tuple | None]:
    row = RowResult(line=line, period=cells["period"], source=cells.get("source", ""))
    code = cells["municipality_code"]
    municipality = None
    if code.lower() in _NATIONAL_CODES:
        row.municipality = _("Whole country")
    else:
        municipality = municipalities.get(code.zfill(3)) if code.isdigit() else None
        if municipality is None:
            row.errors.append(_("Unknown municipality code “%(code)s”.") % {"code": code})
        else:
            row.municipality = municipality.name
    indicator = indicators.get(cells["indicator"])
    if indicator is None:
        row.errors.append(_("Unknown indicator “%(key)s”.") % {"key": cells["indicator"]})
    else:
        row.indicator = indicator.name
        row.source = row.source or indicator.default_source
    try:
        start_year, end_year = period_parse(period=cells["period"])
    except ValueError:
        row.errors.append(
            _("“%(period)s” is not a year or period (2025 or 2022-2024).")
            % {"period": cells["period"]}
        )
        start_year = end_year = None
    try:
        row.value = danish_decimal_parse(raw=cells["raw_value"]).quantize(_CENT)
    except (ValueError, InvalidOperation):
        row.errors.append(
            _("“%(value)s” is not a number (write 3.372 or 14,5).")
            % {"value": _cell_text(cells["raw_value"])}
        )
    if row.errors:
        return row, None
    return row, (municipality, indicator, start_year, end_year)


def observations_import(*, filename: str, content: bytes, dry_run: bool) -> ImportResult:
    """Check every row of an observations file and, unless ``dry_run`` or any row is
    invalid, create or update its observations in one transaction.

    Returns an ``ImportResult`` with one ``RowResult`` per data row (``line`` is the row
    number in the file, the header being line 1). Raises ``ImportFileError`` when the file
    cannot be read at all. Saving invalidates the cached municipality pages. Observations
    changed by an import are kept by later content loads (they count as staff edits). A
    municipality without a sheet of the imported year or a later one gets one, with the
    shared sections and facts (``sheet_for_figures_ensure``), listed in ``sheets_created``.
    """
    rows = tabular_rows(filename=filename, content=content)
    rows = [row for row in rows if any(_cell_text(cell) for cell in row)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    columns = _header_map(rows[0])
    municipalities = {
        municipality.code: municipality for municipality in Municipality.objects.all()
    }
    indicators = {indicator.key: indicator for indicator in Indicator.objects.all()}
    existing = {
        (o.municipality_id, o.indicator_id, o.start_year, o.end_year): o
        for o in Observation.objects.all()
    }

    results: list[RowResult] = []
    planned: dict[tuple, tuple] = {}
    seen_lines: dict[tuple, int] = {}
    for offset, raw in enumerate(rows[1:], start=2):
        raw = list(raw) + [None] * (len(rows[0]) - len(raw))
        cells = {name: _cell_text(raw[index]) for name, index in columns.items()}
        cells["raw_value"] = raw[columns["value"]]
        row, target = _check_row(
            line=offset, cells=cells, municipalities=municipalities, indicators=indicators
        )
        results.append(row)
        if target is None:
            row.action = "error"
            continue
        municipality, indicator, start_year, end_year = target
        key = (municipality.pk if municipality else None, indicator.pk, start_year, end_year)
        if key in seen_lines:
            row.errors.append(_("Same figure as line %(line)s.") % {"line": seen_lines[key]})
            row.action = "error"
            continue
        seen_lines[key] = offset
        current = existing.get(key)
        if current is None:
            row.action = "create"
        else:
            row.old_value = current.value
            same = current.value == row.value and current.source == row.source
            row.action = "unchanged" if same else "update"
        planned[key] = (row, current, municipality, indicator)

    result = ImportResult(rows=results)
    if dry_run or not result.is_valid:
        return result
    with transaction.atomic():
        for (_m, _i, start_year, end_year), (
            row,
            current,
            municipality,
            indicator,
        ) in planned.items():
            if row.action == "create":
                observation = Observation(
                    municipality=municipality,
                    indicator=indicator,
                    start_year=start_year,
                    end_year=end_year,
                    value=row.value,
                    source=row.source,
                )
                observation.full_clean()
                observation.save()
            elif row.action == "update":
                current.value = row.value
                current.source = row.source
                current.full_clean()
                current.save()
        newest_years: dict[Municipality, int] = {}
        for (_m, _i, _start, end_year), (_r, _c, municipality, _ind) in planned.items():
            if municipality is not None:
                newest_years[municipality] = max(end_year, newest_years.get(municipality, 0))
        for municipality, year in newest_years.items():
            if sheet_for_figures_ensure(municipality=municipality, year=year):
                result.sheets_created.append(f"{municipality} {year}")
    result.saved = True
    municipalities_content_changed()
    return result
