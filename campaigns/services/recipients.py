"""Recipients: import of councillor lists (CSV/XLSX), erasure on request, unsubscribing,
and recording that a personal link was opened."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from almen.core.tabular import TabularFileError as ImportFileError
from almen.core.tabular import formula_like, tabular_rows
from almen.core.uploads import SHOWN_ROWS, Progress, import_upload_run
from almen.editorial.history import danish_number, history_comment, history_record
from campaigns.models import Campaign, Invitation, Recipient
from municipalities.models import Municipality

REQUIRED_COLUMNS = ("name", "email", "municipality_code")
OPTIONAL_COLUMNS = ("party", "role")
ERASED_NAME = "Slettet modtager"
MAX_IMPORT_ROWS = 20_000


@dataclass(frozen=True)
class RowError:
    row: int  # the line/row number in the file, the header being row 1
    message: str


@dataclass(frozen=True)
class CouncillorRow:
    row: int
    name: str
    email: str
    municipality: Municipality
    party: str
    role: str


@dataclass
class ImportResult:
    rows: list[CouncillorRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Cells a spreadsheet would run as a formula: imported as written, but pointed out.
    warnings: list[RowError] = field(default_factory=list)
    created: int = 0
    dry_run: bool = True

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def summary(self) -> dict:
        """The counts and the first ``SHOWN_ROWS`` rows, errors and warnings, as JSON for
        the preview and result pages."""
        return {
            "saved": not self.dry_run and self.is_valid,
            "rows": len(self.rows),
            "created": self.created,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "error_rows": _grouped(self.errors),
            "warning_rows": _grouped(self.warnings),
            "first_rows": [
                {
                    "line": row.row,
                    "name": row.name,
                    "email": row.email,
                    "municipality": str(row.municipality),
                    "party": row.party,
                    "role": row.role,
                }
                for row in self.rows[:SHOWN_ROWS]
            ],
        }


def _grouped(errors: list[RowError]) -> list[dict]:
    """The first ``SHOWN_ROWS`` rows with their messages."""
    rows: dict[int, list[str]] = {}
    for error in errors:
        if error.row not in rows and len(rows) == SHOWN_ROWS:
            break
        rows.setdefault(error.row, []).append(error.message)
    return [{"line": line, "errors": messages} for line, messages in rows.items()]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def councillor_file_rows(*, file_name: str, content: bytes) -> list[list[str]]:
    """The rows of a CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file;
    the header is checked before any other row is read, and reading stops after
    ``MAX_IMPORT_ROWS`` rows."""
    rows = tabular_rows(
        filename=file_name,
        content=content,
        max_rows=MAX_IMPORT_ROWS,
        header_check=_header_index,
    )
    return [[_cell(value) for value in row] for row in rows]


def _header_index(header: list[str]) -> dict[str, int]:
    names = [_cell(name).lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise ImportFileError(
            _("The header row must be name,email,municipality_code,party,role; missing: %s.")
            % ", ".join(missing)
        )
    return {
        name: names.index(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in names
    }


def councillors_validate(*, campaign: Campaign, rows: list[list[str]]) -> ImportResult:
    """Check every row; the result lists the valid rows and every row's errors."""
    result = ImportResult()
    if not rows:
        raise ImportFileError(_("The file is empty."))
    if len(rows) > MAX_IMPORT_ROWS + 1:
        raise ImportFileError(
            _("The file has more than %(count)s rows.") % {"count": MAX_IMPORT_ROWS}
        )
    index = _header_index(rows[0])
    municipalities = {
        municipality.code: municipality for municipality in Municipality.objects.all()
    }
    existing = set(campaign.recipients.values_list("email", flat=True))
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        values = {name: _cell(raw[i]) if i < len(raw) else "" for name, i in index.items()}
        if not any(values.values()):
            continue  # blank line
        errors = []
        name = values["name"]
        email = values["email"].lower()
        code = values["municipality_code"]
        if code.isdigit():
            code = code.zfill(3)
        if not name:
            errors.append(_("Name is missing."))
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("“%s” is not a valid email address.") % values["email"])
        else:
            if email in seen:
                errors.append(
                    _("%(email)s is also in row %(row)d.") % {"email": email, "row": seen[email]}
                )
            elif email in existing:
                errors.append(_("%s is already a recipient of this campaign.") % email)
            seen.setdefault(email, number)
        municipality = municipalities.get(code)
        if municipality is None:
            errors.append(_("Unknown municipality code “%s”.") % values["municipality_code"])
        if errors:
            result.errors.extend(RowError(row=number, message=message) for message in errors)
            continue
        result.warnings.extend(
            RowError(
                row=number,
                message=_(
                    "Column %(column)s: “%(value)s” starts with “%(char)s”, which "
                    "spreadsheet programs may run as a formula. It is imported as written."
                )
                % {"column": column, "value": values[column], "char": values[column][0]},
            )
            for column in ("name", "email", "party", "role")
            if formula_like(values.get(column, ""))
        )
        result.rows.append(
            CouncillorRow(
                row=number,
                name=name,
                email=email,
                municipality=municipality,
                party=values.get("party", ""),
                role=values.get("role", ""),
            )
        )
    return result


def councillors_import(
    *, campaign: Campaign, file_name: str, content: bytes, dry_run: bool = False, user=None
) -> ImportResult:
    """Import councillors from a file into ``campaign``.

    Validates every row first; when any row is invalid (or ``dry_run``) nothing is saved
    and the result lists the errors (or the rows that would be imported). Otherwise all
    rows are created in one transaction. Raises ``ImportFileError`` for an unreadable
    file or a wrong header. Recipients are personal data and not versioned: the import is
    recorded in the campaign's history instead, by ``user`` (None for the command).
    """
    rows = councillor_file_rows(file_name=file_name, content=content)
    result = councillors_validate(campaign=campaign, rows=rows)
    result.dry_run = dry_run
    if dry_run or not result.is_valid:
        return result
    with transaction.atomic():
        result.created = recipients_create(campaign=campaign, rows=result.rows)
        history_record(
            objects=[campaign],
            comment=history_comment(
                "councillors_import", filename=file_name, rows=danish_number(result.created)
            ),
            user=user,
        )
    return result


def councillors_import_run(*, upload_id: str):
    """Run a confirmed admin upload (``ImportUpload``) of councillors; the task calls it."""

    def run(upload, content: bytes, progress: Progress) -> dict:
        campaign = Campaign.objects.get(pk=upload.options["campaign"])
        result = councillors_import(
            campaign=campaign, file_name=upload.filename, content=content, user=upload.user
        )
        return result.summary()

    return import_upload_run(upload_id=upload_id, run=run)


def recipients_create(*, campaign: Campaign, rows: list[CouncillorRow]) -> int:
    """Create a recipient for each validated row, in one transaction; returns how many."""
    with transaction.atomic():
        created = Recipient.objects.bulk_create(
            [
                Recipient(
                    campaign=campaign,
                    name=row.name,
                    email=row.email,
                    municipality=row.municipality,
                    party=row.party,
                    role=row.role,
                )
                for row in rows
            ]
        )
    return len(created)


def recipient_erase(*, recipient: Recipient) -> Recipient:
    """Anonymise a recipient on request: name, email, party and role are replaced, the
    invitation's error text (which may quote the address) is cleared and ``erased_at`` is
    set. The row, its invitation and registrations stay, so counts stay right; the
    personal link stops working."""
    with transaction.atomic():
        recipient.name = ERASED_NAME
        recipient.email = f"slettet-{recipient.public_id.hex}@erased.invalid"
        recipient.party = ""
        recipient.role = ""
        recipient.erased_at = recipient.erased_at or timezone.now()
        recipient.save(update_fields=["name", "email", "party", "role", "erased_at"])
        Invitation.objects.filter(recipient=recipient).update(last_error="")
    return recipient


def recipients_past_retention_erase(*, now=None) -> int:
    """Keep the privacy notice's promise: a councillor's data is erased at the latest one
    year after the invitation. Erases every recipient not yet erased whose invitation was
    queued (or, never invited, who was imported) more than ``RECIPIENT_RETENTION_DAYS``
    ago; counts and registrations stay, anonymous. Returns how many were erased."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RECIPIENT_RETENTION_DAYS)
    due = Recipient.objects.filter(erased_at__isnull=True).filter(
        Q(invitation__queued_at__lt=cutoff) | Q(invitation__isnull=True, created_at__lt=cutoff)
    )
    erased = 0
    for recipient in due.iterator(chunk_size=500):
        recipient_erase(recipient=recipient)
        erased += 1
    return erased


def recipient_unsubscribe(*, recipient: Recipient) -> Recipient:
    """Stop all further campaign emails to ``recipient`` (idempotent)."""
    if recipient.unsubscribed_at is None:
        recipient.unsubscribed_at = timezone.now()
        recipient.save(update_fields=["unsubscribed_at"])
    return recipient


def recipient_resubscribe(*, recipient: Recipient) -> Recipient:
    """Undo ``recipient_unsubscribe`` at the councillor's own request: reminders and
    updates reach them again. An invitation not sent because they had unsubscribed stays
    failed (staff can send it with "try the failed ones again")."""
    if recipient.unsubscribed_at is not None:
        recipient.unsubscribed_at = None
        recipient.save(update_fields=["unsubscribed_at"])
    return recipient


def invitation_opened_record(*, recipient: Recipient) -> None:
    """Remember when the personal link was first opened (one query; no invitation, no
    change)."""
    Invitation.objects.filter(recipient=recipient, opened_at__isnull=True).update(
        opened_at=timezone.now()
    )
