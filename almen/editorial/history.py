"""One history for every content change, whoever or whatever made it.

Admin saves are versioned by the admin itself. Everything else that changes content
(publishing and withdrawing, scheduled runs, imports, ``load_content``) records a version
here, with the user who did it, or with no user and a comment naming the process. The
comments are stored as BL's editors read them, in Danish (``history_comment``).

``history_record`` goes through django-reversion and stores the rows each object follows
(a programme's pillars, a campaign's sections). Imports and ``load_content`` change
thousands of rows at a time: ``history_record_bulk`` stores one version per row, without
follows, in a few bulk inserts; ``history_collect`` gathers the rows ``history_note`` is
told about during a run and records them as one revision at its end.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from reversion.models import Revision, Version
from reversion.revisions import _get_content_type, _get_options

BULK_BATCH = 2000

_collecting: ContextVar[dict | None] = ContextVar("editorial-history-collecting", default=None)


def history_record(*, objects: Iterable[models.Model], comment: str, user=None) -> None:
    """Store the current state of ``objects`` as one version with ``comment``."""
    objects = [obj for obj in objects if reversion.is_registered(type(obj))]
    if not objects:
        return
    with reversion.create_revision(manage_manually=True):
        for obj in objects:
            reversion.add_to_revision(obj)
        reversion.set_comment(comment)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)


def history_record_bulk(*, objects: Iterable[models.Model], comment: str, user=None) -> None:
    """Store the current state of many saved rows as one revision with ``comment``: one
    version per row (rows they follow are not added), written in batches. The rows are
    serialised as they are in memory, so pass them as saved."""
    by_model: dict[type[models.Model], dict] = defaultdict(dict)
    for obj in objects:
        if obj.pk is not None:
            by_model[type(obj)][obj.pk] = obj  # a row once, as last given
    by_model = {model: rows for model, rows in by_model.items() if reversion.is_registered(model)}
    if not by_model:
        return
    using = router.db_for_write(Revision)
    with transaction.atomic(using=using):
        revision = Revision.objects.using(using).create(
            date_created=timezone.now(),
            user=user if user is not None and user.is_authenticated else None,
            comment=comment,
        )
        for model, rows in by_model.items():
            for batch in _batches(list(rows.values())):
                Version.objects.using(using).bulk_create(
                    _versions(model=model, rows=batch, revision=revision, using=using)
                )


def _versions(*, model, rows: list, revision: Revision, using: str) -> list[Version]:
    """Versions as reversion's own ``add_to_revision`` stores them (JSON of the registered
    fields), so that compare and restore read them alike; serialised through Django's
    "python" serialiser once per batch, which is several times faster than once per row."""
    options = _get_options(model)
    if options.format != "json" or options.use_natural_foreign_keys:
        raise ValueError(f"{model.__name__}: bulk history needs the json format and plain keys")
    content_type = _get_content_type(model, using)
    model_db = router.db_for_write(model)
    serialised = serializers.serialize("python", rows, fields=options.fields)
    return [
        Version(
            revision=revision,
            content_type=content_type,
            object_id=force_str(getattr(obj, options.object_id_field)),
            db=model_db,
            format="json",
            serialized_data=json.dumps([data], cls=DjangoJSONEncoder, ensure_ascii=False),
            object_repr=force_str(obj),
        )
        for obj, data in zip(rows, serialised, strict=True)
    ]


def _batches(objects: list) -> Iterator[list]:
    for start in range(0, len(objects), BULK_BATCH):
        yield objects[start : start + BULK_BATCH]


@contextmanager
def history_collect(*, comment: str, user=None) -> Iterator[None]:
    """Record every row ``history_note`` is told about inside the block as one revision
    with ``comment`` when the block ends without an error; nothing if no row was noted."""
    rows: dict = {}
    token = _collecting.set(rows)
    try:
        yield
    finally:
        _collecting.reset(token)
    history_record_bulk(objects=rows.values(), comment=comment, user=user)


def history_note(obj: models.Model) -> None:
    """A row created or changed inside ``history_collect``; ignored outside it."""
    rows = _collecting.get()
    if rows is not None and obj.pk is not None:
        rows[(type(obj), obj.pk)] = obj


def history_comment(kind: str, **values) -> str:
    """The Danish comment for an action outside the change form (see ``COMMENTS``)."""
    return COMMENTS[kind].format(**values)


def danish_number(number: int) -> str:
    """3372 → "3.372", as BL writes numbers."""
    return f"{number:,}".replace(",", ".")


# Stored in the history as written: the history is BL's record, read in Danish.
COMMENTS = {
    "published": "Udgivet",
    "unpublished": "Trukket tilbage (gjort til kladde)",
    "load_content": "Indlæst af load_content",
    "observations_import": "Import af tal: {filename}, {rows} rækker",
    "organisations_import": "Import af boligorganisationer: {filename}, {rows} rækker",
    "sheet_import": "Import af kommuneark: {filename}",
    "councillors_import": "Import af byrådsmedlemmer: {filename}, {rows} rækker",
}
