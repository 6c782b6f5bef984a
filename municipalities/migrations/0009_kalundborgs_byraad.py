"""Kalundborg's council as BL's welcome letter to its councillors writes it, "Kalundborgs
Byråd" (data/SOURCE.md); the help text's example follows. A name staff have changed in admin
is left alone."""

from django.db import migrations, models

KALUNDBORG = "326"
EARLIER, SOURCE = "Kalundborg Byråd", "Kalundborgs Byråd"


def to_source(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    Municipality.objects.filter(code=KALUNDBORG, council_name=EARLIER).update(council_name=SOURCE)


def to_earlier(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    Municipality.objects.filter(code=KALUNDBORG, council_name=SOURCE).update(council_name=EARLIER)


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0008_sheet_scheduling_and_draft_sections")]

    operations = [
        migrations.AlterField(
            model_name="municipality",
            name="council_name",
            field=models.CharField(
                blank=True,
                help_text="The name of the municipal council as the municipality uses it: "
                "Borgerrepræsentationen, Kalundborgs Byråd, Frederiksberg Kommunalbestyrelse.",
                max_length=80,
                verbose_name="council",
            ),
        ),
        migrations.RunPython(to_source, to_earlier),
    ]
