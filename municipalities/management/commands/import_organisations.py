from almen.core.management.tabular_import import TabularImportCommand
from municipalities.organisation_imports import organisations_import


class Command(TabularImportCommand):
    help = (
        "Import housing organisations (BL's member list) from a CSV or XLSX file with the "
        "header name,cvr,municipality_codes,website,email (codes separated by ';'). "
        "Idempotent by CVR number; nothing is saved when any row is invalid."
    )

    def run_import(self, *, filename: str, content: bytes, dry_run: bool):
        return organisations_import(filename=filename, content=content, dry_run=dry_run)

    def row_line(self, row) -> str:
        return f"{row.cvr} {row.name} {';'.join(row.municipality_codes)}"
