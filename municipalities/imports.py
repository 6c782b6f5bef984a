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

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from almen.core.tabular import TabularFileError as ImportFileError
from almen.core.tabular import formula_like, tabular_rows
from almen.core.uploads import SHOWN_ROWS, Progress, import_upload_run
from almen.editorial.history import danish_number, history_comment, history_record_bulk
from municipalities.models import Indicator, Municipality, Observation
from municipalities.services import (
    municipalities_content_changed,
    period_parse,
    sheet_for_figures_ensure,
)

_CENT = Decimal("0.01")
# The model's limits (DecimalField(max_digits=14, decimal_places=2), source max_length=300),
# checked per row because the rows are saved in bulk, without full_clean.
_MAX_VALUE = Decimal("999999999999.99")
_MAX_SOURCE = 300
ACTIONS = ("create", "update", "unchanged", "error")
PROGRESS_EVERY = 5_000
SAVE_BATCH = 2_000
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


@dataclass(slots=True)
class RowResult:
    """What one data row of the file will do (or did): ``action`` is ``create``,
    ``update``, ``unchanged`` or ``error`` (then ``errors`` says why). ``warnings`` do not
    stop the import (a source a spreadsheet would run as a formula)."""

    line: int
    municipality: str = ""
    indicator: str = ""
    period: str = ""
    value: Decimal | None = None
    old_value: Decimal | None = None
    source: str = ""
    action: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    def warning_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.warnings]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created_count(self) -> int:
        return self.count("create")

    @property
    def updated_count(self) -> int:
        return self.count("update")

    def summary(self) -> dict:
        """The counts and the first ``SHOWN_ROWS`` rows with errors or warnings, as JSON
        for the preview and result pages (never every row: a file may have 100,000)."""
        error_rows = self.error_rows
        warning_rows = self.warning_rows
        return {
            "saved": self.saved,
            "rows": len(self.rows),
            "counts": {action: self.count(action) for action in ACTIONS},
            "error_count": len(error_rows),
            "warning_count": len(warning_rows),
            "error_rows": [_row_json(row) for row in error_rows[:SHOWN_ROWS]],
            "warning_rows": [_row_json(row) for row in warning_rows[:SHOWN_ROWS]],
            "first_rows": [_row_json(row) for row in self.rows[:SHOWN_ROWS]],
            "sheets_created": self.sheets_created,
        }


def _row_json(row: RowResult) -> dict:
    return {
        "line": row.line,
        "action": row.action,
        "municipality": row.municipality,
        "indicator": row.indicator,
        "period": row.period,
        "value": None if row.value is None else str(row.value),
        "old_value": None if row.old_value is None else str(row.old_value),
        "source": row.source,
        "errors": row.errors,
        "warnings": row.warnings,
    }


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
    if len(row.source) > _MAX_SOURCE:
        row.errors.append(_("The source is longer than %(max)s characters.") % {"max": _MAX_SOURCE})
    if formula_like(cells.get("source", "")):
        row.warnings.append(
            _(
                "The source starts with “%(char)s”, which spreadsheet programs may run as a "
                "formula. It is saved as written; exports put an apostrophe in front of it."
            )
            % {"char": cells["source"][0]}
        )
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
        if abs(row.value) > _MAX_VALUE:
            raise ValueError(row.value)
    except (ValueError, InvalidOperation):
        row.errors.append(
            _("“%(value)s” is not a number (write 3.372 or 14,5).")
            % {"value": _cell_text(cells["raw_value"])}
        )
    if row.errors:
        return row, None
    return row, (municipality, indicator, start_year, end_year)


def observations_import(
    *,
    filename: str,
    content: bytes,
    dry_run: bool,
    progress: Progress | None = None,
    user=None,
) -> ImportResult:
    """Check every row of an observations file and, unless ``dry_run`` or any row is
    invalid, create or update its observations in one transaction (in bulk).

    Returns an ``ImportResult`` with one ``RowResult`` per data row (``line`` is the row
    number in the file, the header being line 1). Raises ``ImportFileError`` when the file
    cannot be read at all (checked before any row is read: the archive, then the header).
    ``progress(phase, done, total)`` is told how far checking and saving have come. Saving
    invalidates the cached municipality pages. Observations changed by an import are kept
    by later content loads (they count as staff edits). A municipality without a sheet of
    the imported year or a later one gets one, with the shared sections and facts
    (``sheet_for_figures_ensure``), listed in ``sheets_created``. The created and changed
    observations are one revision in the history: "Import af tal: <file>, <n> rækker",
    by ``user`` (None for the command).
    """
    with _gc_paused():
        return _observations_import(
            filename=filename, content=content, dry_run=dry_run, progress=progress, user=user
        )


@contextmanager
def _gc_paused():
    """The check builds a few objects per row and nothing cyclic: Python's cyclic garbage
    collector would otherwise rescan them all, over and over, as they pile up (half the
    time of an 86,000-row file)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _observations_import(*, filename, content, dry_run, progress, user) -> ImportResult:
    rows = tabular_rows(filename=filename, content=content, header_check=_header_map)
    rows = [row for row in rows if any(_cell_text(cell) for cell in row)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    columns = _header_map(rows[0])
    municipalities = {
        municipality.code: municipality for municipality in Municipality.objects.all()
    }
    indicators = {indicator.key: indicator for indicator in Indicator.objects.all()}
    existing = {
        (municipality_id, indicator_id, start_year, end_year): _Current(*rest)
        for municipality_id, indicator_id, start_year, end_year, *rest in (
            Observation.objects.values_list(
                "municipality_id",
                "indicator_id",
                "start_year",
                "end_year",
                "pk",
                "value",
                "source",
                "loaded_hash",
            )
        )
    }

    results: list[RowResult] = []
    planned: dict[tuple, tuple] = {}
    seen_lines: dict[tuple, int] = {}
    total = len(rows) - 1
    for offset, raw in enumerate(rows[1:], start=2):
        if progress and offset % PROGRESS_EVERY == 0:
            progress("checking", offset - 1, total)
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
    result.sheets_created = _save(planned=planned, progress=progress, filename=filename, user=user)
    result.saved = True
    municipalities_content_changed()
    return result


class _Current(NamedTuple):
    """An observation already in the database (fewer fields than a model instance)."""

    pk: int
    value: Decimal
    source: str
    loaded_hash: str


def _save(*, planned: dict, progress: Progress | None, filename: str, user) -> list[str]:
    """Create and update in bulk: every value was checked row by row above, against the
    same limits as the model's fields, so no per-row ``full_clean`` and ``save``."""
    now = timezone.now()
    creates = []
    updates = []
    for (_m, _i, start_year, end_year), (row, current, municipality, indicator) in planned.items():
        if row.action == "create":
            creates.append(
                Observation(
                    municipality=municipality,
                    indicator=indicator,
                    start_year=start_year,
                    end_year=end_year,
                    value=row.value,
                    source=row.source,
                    updated_at=now,
                )
            )
        elif row.action == "update":
            updates.append(
                Observation(
                    pk=current.pk,
                    municipality=municipality,
                    indicator=indicator,
                    start_year=start_year,
                    end_year=end_year,
                    value=row.value,
                    source=row.source,
                    loaded_hash=current.loaded_hash,
                    updated_at=now,
                )
            )
    total = len(creates) + len(updates)
    done = 0
    with transaction.atomic():
        for batch in _batches(creates):
            Observation.objects.bulk_create(batch)
            done += len(batch)
            if progress:
                progress("saving", done, total)
        # Changed rows are replaced by the same rows (same id, same loaded_hash) with the
        # new value: Django's bulk_update writes one CASE branch per row, which takes
        # minutes for 86,000 rows; a delete and an insert per batch take a second.
        for batch in _batches(updates):
            Observation.objects.filter(pk__in=[item.pk for item in batch]).delete()
            Observation.objects.bulk_create(batch)
            done += len(batch)
            if progress:
                progress("saving", done, total)
        history_record_bulk(
            objects=[*creates, *updates],
            comment=history_comment(
                "observations_import", filename=filename, rows=danish_number(total)
            ),
            user=user,
        )
        return _sheets_ensure(planned=planned)


def _sheets_ensure(*, planned: dict) -> list[str]:
    """A sheet for each municipality's newest imported year; the names of those created."""
    newest_years: dict[Municipality, int] = {}
    for (_m, _i, _start, end_year), (_r, _c, municipality, _ind) in planned.items():
        if municipality is not None:
            newest_years[municipality] = max(end_year, newest_years.get(municipality, 0))
    return [
        f"{municipality} {year}"
        for municipality, year in newest_years.items()
        if sheet_for_figures_ensure(municipality=municipality, year=year)
    ]


def _batches(items: list) -> list[list]:
    return [items[start : start + SAVE_BATCH] for start in range(0, len(items), SAVE_BATCH)]


def observations_import_run(*, upload_id: str):
    """Run a confirmed admin upload (``ImportUpload``) of observations; the task calls it."""

    def run(upload, content: bytes, progress: Progress) -> dict:
        result = observations_import(
            filename=upload.filename,
            content=content,
            dry_run=False,
            progress=progress,
            user=upload.user,
        )
        return result.summary()

    return import_upload_run(upload_id=upload_id, run=run)
