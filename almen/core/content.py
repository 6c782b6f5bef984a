"""Loading published content from the files in ``content/`` without clobbering staff edits.

Every loaded row remembers a hash of the values it was loaded with. On the next load a row
is updated only when its current values still match that hash, that is when nobody has
edited it in admin since; a row that staff changed is left exactly as they left it.
"""

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import models

from almen.editorial.history import history_note

CONTENT_DIR = settings.BASE_DIR / "content"


def read_content_file(relative_path: str) -> Any:
    path = CONTENT_DIR / relative_path
    with Path(path).open(encoding="utf-8") as handle:
        if path.suffix == ".json":
            return json.load(handle)
        return yaml.safe_load(handle)


def values_hash(values: dict[str, Any]) -> str:
    normalised = {name: _normalise(value) for name, value in sorted(values.items())}
    payload = json.dumps(normalised, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _normalise(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


def content_upsert(
    *, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[models.Model, str]:
    """Create or update one loaded row; returns the row and "created", "updated",
    "unchanged" or "kept" (edited by staff, left alone)."""
    new_hash = values_hash(values)
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, loaded_hash=new_hash)
        obj.full_clean()
        obj.save()
        history_note(obj)
        return obj, "created"
    current_hash = values_hash({name: getattr(obj, name) for name in values})
    if current_hash != obj.loaded_hash:
        return obj, "kept"
    if new_hash == obj.loaded_hash:
        return obj, "unchanged"
    for name, value in values.items():
        setattr(obj, name, value)
    obj.loaded_hash = new_hash
    obj.full_clean()
    obj.save()
    history_note(obj)
    return obj, "updated"


class LoadedContent(models.Model):
    """Abstract base for rows that ``load_content`` creates from the content files."""

    loaded_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        abstract = True
