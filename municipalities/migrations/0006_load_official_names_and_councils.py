"""Reference data: each municipality's official name and the name of its council, from the
columns official_name and council_name of data/kommuner.csv (see data/SOURCE.md)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kommuner.csv"


def load(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Municipality.objects.filter(code=row["code"]).update(
                official_name=row["official_name"], council_name=row["council_name"]
            )


def unload(apps, schema_editor):
    apps.get_model("municipalities", "Municipality").objects.update(
        official_name="", council_name=""
    )


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0005_kommuneark_sheets_sections_and_official_names")]

    operations = [migrations.RunPython(load, unload)]
