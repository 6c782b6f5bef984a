"""GIN indexes for the Danish full-text search on PostgreSQL (nothing on SQLite, where the
search falls back to icontains)."""

from django.db import migrations

# (index name, table, the expression goals.selectors searches on)
INDEXES = [
    (
        "goals_programme_search",
        "goals_programme",
        "coalesce(title, '') || ' ' || coalesce(introduction, '')",
    ),
    (
        "goals_pillar_search",
        "goals_pillar",
        "coalesce(title, '') || ' ' || coalesce(lead, '') || ' ' || coalesce(body, '') || ' ' || coalesce(closing, '')",
    ),
    ("goals_actionitem_search", "goals_actionitem", "coalesce(text, '')"),
    (
        "goals_case_search",
        "goals_case",
        "coalesce(title, '') || ' ' || coalesce(place, '') || ' ' || coalesce(text, '')",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "  # nosec B608 - constants above
            f"USING GIN (to_tsvector('danish'::regconfig, {expression}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_programme_texts_and_item_keys"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
