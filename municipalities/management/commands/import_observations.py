from almen.core.management.tabular_import import TabularImportCommand
from municipalities.imports import observations_import


class Command(TabularImportCommand):
    help = (
        "Import municipality figures (observations) from a CSV or XLSX file; see "
        "municipalities/data/observations-sample.csv for the format. Nothing is saved when "
        "any row is invalid."
    )

    def run_import(self, *, filename: str, content: bytes, dry_run: bool):
        return observations_import(filename=filename, content=content, dry_run=dry_run)

    def row_line(self, row) -> str:
        value = "" if row.value is None else row.value
        return f"{row.municipality} {row.indicator} {row.period} {value}"

    def after_save(self, result) -> None:
        for sheet in result.sheets_created:
            self.stdout.write(f"New kommuneark with the shared sections: {sheet}")
