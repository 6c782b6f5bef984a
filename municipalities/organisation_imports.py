"""Import of BL's member list of housing organisations from CSV or XLSX (admin "Import
organisations" with a dry run, and ``manage.py import_organisations FILE [--dry-run]``).

The header row is ``name,cvr,municipality_codes,website,email``; ``municipality_codes``
holds official three-digit codes separated by ``;`` (``326;657``). The CVR number is the
key: a row whose CVR is already known updates that organisation, so importing the same
file twice changes nothing. Every row is checked first; when any row is invalid, nothing
is saved. See ``municipalities/data/organisations-sample.csv``.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from almen.core.tabular import TabularFileError as ImportFileError
from almen.core.tabular import tabular_rows
from almen.editorial.history import danish_number, history_comment, history_record_bulk
from municipalities.imports import ImportResult
from municipalities.models import HousingOrganisation, Municipality, validate_cvr
from municipalities.services import municipalities_content_changed
from municipalities.slugs import danish_slug

COLUMNS = ("name", "cvr", "municipality_codes", "website", "email")
REQUIRED = ("name", "cvr", "municipality_codes")


@dataclass
class OrganisationRow:
    """What one data row will do (or did): ``action`` is ``create``, ``update``,
    ``unchanged`` or ``error`` (then ``errors`` says why)."""

    line: int
    name: str = ""
    cvr: str = ""
    municipality_codes: list[str] = field(default_factory=list)
    website: str = ""
    email: str = ""
    action: str = ""
    errors: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(header: list) -> dict[str, int]:
    names = [_text(cell).lower() for cell in header]
    columns = {name: names.index(name) for name in COLUMNS if name in names}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return columns


def _check(*, line: int, cells: dict, municipalities: dict, seen_cvrs: dict) -> OrganisationRow:
    row = OrganisationRow(
        line=line,
        name=cells.get("name", ""),
        cvr=cells.get("cvr", "").replace(" ", ""),
        website=cells.get("website", ""),
        email=cells.get("email", ""),
    )
    if not row.name:
        row.errors.append(_("The name is missing."))
    elif len(row.name) > 200:
        row.errors.append(_("The name is longer than 200 characters."))
    try:
        validate_cvr(row.cvr)
    except ValidationError as error:
        row.errors.extend(error.messages)
    else:
        if row.cvr in seen_cvrs:
            row.errors.append(
                _("CVR %(cvr)s is also on line %(line)s.")
                % {"cvr": row.cvr, "line": seen_cvrs[row.cvr]}
            )
        seen_cvrs.setdefault(row.cvr, line)
    codes = [
        code.strip() for code in cells.get("municipality_codes", "").split(";") if code.strip()
    ]
    if not codes:
        row.errors.append(_("Give at least one municipality code."))
    for code in codes:
        normalised = code.zfill(3) if code.isdigit() else code
        if normalised not in municipalities:
            row.errors.append(_("Unknown municipality code “%(code)s”.") % {"code": code})
        elif normalised not in row.municipality_codes:
            row.municipality_codes.append(normalised)
    if row.website:
        try:
            URLValidator(schemes=["http", "https"])(row.website)
        except ValidationError:
            row.errors.append(_("“%(value)s” is not a web address.") % {"value": row.website})
    if row.email:
        try:
            EmailValidator()(row.email)
        except ValidationError:
            row.errors.append(_("“%(value)s” is not an email address.") % {"value": row.email})
    return row


def _unique_slug(*, name: str, taken: set[str]) -> str:
    base = (danish_slug(name) or slugify(name) or "boligorganisation")[:190]
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def organisations_import(
    *, filename: str, content: bytes, dry_run: bool, user=None
) -> ImportResult:
    """Check every row of a member list and, unless ``dry_run`` or any row is invalid,
    create or update the organisations (by CVR) in one transaction. Raises
    ``ImportFileError`` when the file cannot be read at all. Saving invalidates the cached
    municipality and organisation pages. The created and changed organisations are one
    revision in the history, by ``user`` (None for the command)."""
    rows = [
        row
        for row in tabular_rows(filename=filename, content=content)
        if any(_text(c) for c in row)
    ]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    columns = _header(rows[0])
    municipalities = {
        municipality.code: municipality for municipality in Municipality.objects.all()
    }
    existing = {
        organisation.cvr: organisation
        for organisation in HousingOrganisation.objects.exclude(cvr=None).prefetch_related(
            "municipalities"
        )
    }
    seen_cvrs: dict[str, int] = {}
    results = []
    for line, cells in enumerate(rows[1:], start=2):
        values = {
            name: _text(cells[index]) if index < len(cells) else ""
            for name, index in columns.items()
        }
        row = _check(line=line, cells=values, municipalities=municipalities, seen_cvrs=seen_cvrs)
        if row.errors:
            row.action = "error"
        elif row.cvr not in existing:
            row.action = "create"
        else:
            organisation = existing[row.cvr]
            same = (
                organisation.name == row.name
                and organisation.website == row.website
                and organisation.email == row.email
                and sorted(m.code for m in organisation.municipalities.all())
                == sorted(row.municipality_codes)
            )
            row.action = "unchanged" if same else "update"
        results.append(row)
    result = ImportResult(rows=results)
    if dry_run or not result.is_valid:
        return result
    taken = set(HousingOrganisation.objects.values_list("slug", flat=True))
    saved = []
    with transaction.atomic():
        for row in results:
            if row.action == "unchanged":
                continue
            organisation = existing.get(row.cvr) or HousingOrganisation(
                cvr=row.cvr, slug=_unique_slug(name=row.name, taken=taken)
            )
            organisation.name = row.name
            organisation.website = row.website
            organisation.email = row.email
            organisation.full_clean()
            organisation.save()
            organisation.municipalities.set(
                [municipalities[code] for code in row.municipality_codes]
            )
            saved.append(organisation)
        history_record_bulk(
            objects=saved,
            comment=history_comment(
                "organisations_import", filename=filename, rows=danish_number(len(saved))
            ),
            user=user,
        )
    result.saved = True
    municipalities_content_changed()
    return result
