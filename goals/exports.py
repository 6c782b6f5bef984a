"""The overview's downloads: the filtered list of local goals as CSV and XLSX. Text comes
from users, so a cell that a spreadsheet would read as a formula (starting with = + - @,
or a tab or carriage return) gets a leading apostrophe."""

import csv
import io

from django.utils.translation import gettext as _

from almen.core.api.renderers import CSVRenderer
from goals.models import LocalGoal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value):
    """``value`` as a spreadsheet shows it as text, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _header() -> list[str]:
    return [
        _("Organisation"),
        _("Goal"),
        _("Action item"),
        _("Programme"),
        _("Pillar"),
        _("Municipalities"),
        _("Housing areas"),
        _("Responsible role"),
        _("Target date"),
        _("Status"),
        _("Progress (per cent)"),
        _("Published"),
        _("Address"),
    ]


def _row(goal: LocalGoal, base_url: str) -> list:
    return [
        goal.organisation.name,
        goal.display_text,
        goal.action_item.text if goal.action_item_id else "",
        goal.pillar.programme.title,
        goal.pillar.title,
        "; ".join(municipality.name for municipality in goal.municipalities.all()),
        goal.housing_areas,
        goal.responsible_role,
        goal.target_date.isoformat() if goal.target_date else "",
        goal.get_status_display(),
        goal.progress,
        goal.published_at.date().isoformat() if goal.published_at else "",
        base_url + goal.get_absolute_url(),
    ]


def local_goals_csv(*, goals, base_url: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_header())
    for goal in goals:
        writer.writerow([cell_safe(value) for value in _row(goal, base_url)])
    # With a BOM, Excel opens the UTF-8 file with æ, ø and å intact.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def local_goals_xlsx(*, goals, base_url: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Local goals")[:31])
    sheet.append(_header())
    for goal in goals:
        sheet.append([cell_safe(value) for value in _row(goal, base_url)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SafeCSVRenderer(CSVRenderer):
    """The API's CSV with user-written cells neutralised as in the downloads above."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, list):
            data = [_safe_item(item) for item in data]
        return super().render(data, accepted_media_type, renderer_context)


def _safe_item(item):
    if isinstance(item, dict):
        return {key: _safe_item(value) for key, value in item.items()}
    return cell_safe(item)
