import csv
import io

from rest_framework.renderers import BaseRenderer

from almen.core.tabular import formula_neutralise


def _dig(item: dict, path: str):
    value = item
    for part in path.split("."):
        if value is None:
            return ""
        value = value.get(part)
    return "" if value is None else value


class CSVRenderer(BaseRenderer):
    """Renders a list of serialized items as CSV (``?format=csv`` or ``Accept: text/csv``).
    The view's ``csv_columns`` lists ``(header, dotted path into the item)`` pairs. Text
    a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` …) gets a leading
    apostrophe; numbers are written as they are."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = renderer_context["view"]
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([header for header, _path in view.csv_columns])
        for item in data:
            writer.writerow(
                [formula_neutralise(_dig(item, path)) for _header, path in view.csv_columns]
            )
        return buffer.getvalue().encode(self.charset)
