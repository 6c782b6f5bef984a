"""Reference data: Denmark's 5 regions and 98 municipalities from data/kommuner.csv."""

import csv
from pathlib import Path

from django.db import migrations

from municipalities.slugs import danish_slug

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kommuner.csv"


def load(apps, schema_editor):
    Region = apps.get_model("municipalities", "Region")
    Municipality = apps.get_model("municipalities", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region, _ = Region.objects.update_or_create(
                code=row["region_code"],
                defaults={"name": row["region_name"], "slug": danish_slug(row["region_name"])},
            )
            Municipality.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "slug": danish_slug(row["name"]), "region": region},
            )


def unload(apps, schema_editor):
    apps.get_model("municipalities", "Municipality").objects.all().delete()
    apps.get_model("municipalities", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
