"""Writes of the goal programmes: loading them from ``content/goals/``, and what happens when
staff publish or edit them in admin."""

from collections import Counter
from typing import Any

from django.db import models, transaction

from almen.core.cache import content_changed
from almen.core.content import LoadedContent, content_upsert, read_content_file
from almen.editorial.history import history_comment, history_record
from goals.models import (
    ActionItem,
    Case,
    Pillar,
    Programme,
    ProgrammeSection,
    SectionItem,
    SustainableDevelopmentGoal,
    Theme,
)

CONTENT_AREA = "goals"
PROGRAMME_FIELDS = (
    "title",
    "start_year",
    "end_year",
    "order",
    "status",
    "tagline",
    "introduction_heading",
    "introduction",
    "adoption_note",
    "adopted_on",
    "publication_note",
    "source",
    "pillar_term",
    "pillar_term_plural",
    "pillars_heading",
    "action_heading",
)
# An outcome of content_upsert for a row nobody has edited since it was loaded.
NOT_EDITED = ("created", "updated", "unchanged")


def goals_content_changed() -> None:
    """Staff published, edited or deleted goal content: every cached goals page (and the
    portal pages showing programmes) is rebuilt on its next request, and so are the pages
    of local goals, which are public only under a published pillar and action item."""
    content_changed(area=CONTENT_AREA)
    content_changed(area="local_goals")  # goals.local_goal_services.LOCAL_GOALS_AREA


def goals_staff_edit_mark(*, obj: LoadedContent) -> None:
    """Mark a loaded row as edited by staff, so ``load_content`` leaves it (its fields and
    its theme tags) exactly as staff left it, even when only its tags were changed.

    Called by the admin for every object saved with changes; writes one UPDATE.
    """
    if obj.pk is None or not obj.loaded_hash:
        return
    obj.loaded_hash = ""
    type(obj).objects.filter(pk=obj.pk).update(loaded_hash="")


def programme_publish(*, programme: Programme, user=None) -> bool:
    """Publish a draft programme; returns whether anything changed. Invalidates the cache
    and records "Udgivet" in the history, by ``user``."""
    return _programme_status_set(
        programme=programme, status=Programme.Status.PUBLISHED, comment="published", user=user
    )


def programme_unpublish(*, programme: Programme, user=None) -> bool:
    """Take a programme back to draft (invisible to the public). Invalidates the cache and
    records the withdrawal in the history, by ``user``."""
    return _programme_status_set(
        programme=programme, status=Programme.Status.DRAFT, comment="unpublished", user=user
    )


def _programme_status_set(*, programme: Programme, status: str, comment: str, user) -> bool:
    if programme.status == status:
        return False
    programme.status = status
    programme.full_clean()
    with transaction.atomic():
        programme.save(update_fields=["status", "updated_at"])
        goals_staff_edit_mark(obj=programme)
        history_record(objects=[programme], comment=history_comment(comment), user=user)
    goals_content_changed()
    return True


def _tags_set(
    *, obj: models.Model, field: str, targets: list[models.Model], outcome: str, counts: Counter
) -> None:
    """Set a many-to-many field from the content file, unless staff edited the row."""
    if outcome not in NOT_EDITED:
        return
    manager = getattr(obj, field)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(targets)
        if outcome == "unchanged":
            counts["tags updated"] += 1


def _upsert(
    *, model: type[models.Model], lookup: dict, values: dict, counts: Counter
) -> tuple[Any, str]:
    obj, outcome = content_upsert(model=model, lookup=lookup, values=values)
    counts[outcome] += 1
    return obj, outcome


def _programme_load(
    *,
    data: dict,
    themes: dict[str, Theme],
    sdgs: dict[int, SustainableDevelopmentGoal],
    counts: Counter,
) -> None:
    programme, outcome = _upsert(
        model=Programme,
        lookup={"slug": str(data["slug"])},
        values={name: _value(data=data, model=Programme, name=name) for name in PROGRAMME_FIELDS},
        counts=counts,
    )
    _tags_set(
        obj=programme,
        field="sdgs",
        targets=[sdgs[number] for number in data.get("sdgs", [])],
        outcome=outcome,
        counts=counts,
    )
    for order, section_data in enumerate(data.get("sections", []), start=1):
        section, _ = _upsert(
            model=ProgrammeSection,
            lookup={"programme": programme, "key": section_data["key"]},
            values={
                "title": section_data["title"],
                "body": section_data.get("body") or "",
                "closing": section_data.get("closing") or "",
                "after_pillars": bool(section_data.get("after_pillars", False)),
                "order": order,
            },
            counts=counts,
        )
        for item_order, item in enumerate(section_data.get("items", []), start=1):
            _upsert(
                model=SectionItem,
                lookup={"section": section, "key": item.get("key") or str(item_order)},
                values={
                    "title": str(item.get("title") or ""),
                    "text": item["text"],
                    "order": item_order,
                },
                counts=counts,
            )
    pillars = {}
    for pillar_data in data.get("pillars", []):
        pillar, outcome = _upsert(
            model=Pillar,
            lookup={"programme": programme, "slug": pillar_data["slug"]},
            values={
                "number": pillar_data["number"],
                "title": pillar_data["title"],
                "lead": pillar_data.get("lead") or "",
                "body": pillar_data.get("body") or "",
                "closing": pillar_data.get("closing") or "",
            },
            counts=counts,
        )
        pillars[pillar.slug] = pillar
        _tags_set(
            obj=pillar,
            field="themes",
            targets=[themes[slug] for slug in pillar_data.get("themes", [])],
            outcome=outcome,
            counts=counts,
        )
        _tags_set(
            obj=pillar,
            field="sdgs",
            targets=[sdgs[number] for number in pillar_data.get("sdgs", [])],
            outcome=outcome,
            counts=counts,
        )
        for order, action_data in enumerate(pillar_data.get("actions", []), start=1):
            action, outcome = _upsert(
                model=ActionItem,
                lookup={"pillar": pillar, "key": str(order)},
                values={"text": action_data["text"], "order": order},
                counts=counts,
            )
            _tags_set(
                obj=action,
                field="themes",
                targets=[themes[slug] for slug in action_data.get("themes", [])],
                outcome=outcome,
                counts=counts,
            )
    for order, case_data in enumerate(data.get("cases", []), start=1):
        case, outcome = _upsert(
            model=Case,
            lookup={"slug": case_data["slug"]},
            values={
                "programme": programme,
                "title": case_data["title"],
                "place": case_data.get("place") or "",
                "text": case_data["text"],
                "photo_credit": case_data.get("photo_credit") or "",
                "order": order,
            },
            counts=counts,
        )
        _tags_set(
            obj=case,
            field="pillars",
            targets=[pillars[slug] for slug in case_data.get("pillars", [])],
            outcome=outcome,
            counts=counts,
        )
        _tags_set(
            obj=case,
            field="themes",
            targets=[themes[slug] for slug in case_data.get("themes", [])],
            outcome=outcome,
            counts=counts,
        )


def _value(*, data: dict, model: type[models.Model], name: str) -> Any:
    """A field's value from a content file; a missing or empty value is stored blank."""
    value = data.get(name)
    if value is None:
        return None if model._meta.get_field(name).null else ""
    return value


def goals_content_load() -> str:
    """Load the themes, the UN goals and every programme listed in
    ``content/goals/programmes.yaml``, with their sections, pillars, action items and cases.

    Idempotent: a second run changes nothing. A row staff edited in admin (its fields, or
    only its theme tags) is kept exactly as they left it; tags are set only on rows nobody
    has edited. Nothing is deleted. Invalidates the goals pages when anything changed and
    returns a one-line summary.
    """
    counts: Counter = Counter()
    with transaction.atomic():
        reference = read_content_file("goals/themes.yaml")
        themes = {}
        for order, item in enumerate(reference["themes"], start=1):
            theme, _ = _upsert(
                model=Theme,
                lookup={"slug": item["slug"]},
                values={
                    "name": item["name"],
                    "description": item.get("description") or "",
                    "order": order,
                },
                counts=counts,
            )
            themes[theme.slug] = theme
        sdgs = {}
        for item in reference["sdgs"]:
            sdg, _ = _upsert(
                model=SustainableDevelopmentGoal,
                lookup={"number": item["number"]},
                values={"name": item["name"], "url": item.get("url") or ""},
                counts=counts,
            )
            sdgs[sdg.number] = sdg
        for filename in read_content_file("goals/programmes.yaml")["programmes"]:
            _programme_load(
                data=read_content_file(f"goals/{filename}"), themes=themes, sdgs=sdgs, counts=counts
            )
    if counts["created"] or counts["updated"] or counts["tags updated"]:
        goals_content_changed()
    return ", ".join(
        f"{counts[outcome]} {outcome}"
        for outcome in ("created", "updated", "unchanged", "kept", "tags updated")
    )
