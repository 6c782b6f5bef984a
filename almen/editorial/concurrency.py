"""Concurrent edits: nobody silently overwrites a change saved after they opened the form.

Protocol. A change form carries ``editorial_token``: the id of the object's latest version
(django-reversion) when the form was opened, "0" when it had none. Every save in admin is a
version, so on save a newer latest version means someone else saved in between. The save is
then refused with a warning naming who changed what, field by field, and the form shows the
checkbox ``editorial_overwrite``; ticking it and saving again overwrites their change.

The check runs in the form's ``clean``, before anything is written. Two saves in the same
instant can both pass it; that window is a second wide, the warning is for the hours-long
one between opening a form and saving it.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

VERSION_FIELD = "editorial_token"
OVERWRITE_FIELD = "editorial_overwrite"
FIELDS = (VERSION_FIELD, OVERWRITE_FIELD)


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class OtherChange:
    """What others saved after the form was opened."""

    editors: list[str]  # who saved, oldest first; a process by its comment
    saved_at: object  # the time of the latest of their saves
    fields: list[FieldChange]


def version_token(*, obj: models.Model) -> str:
    """The token of ``obj`` as it is now: its latest version's id, "0" without versions."""
    if obj.pk is None:
        return "0"
    latest = Version.objects.get_for_object(obj).values_list("pk", flat=True).first()
    return str(latest or 0)


def other_change(
    *, obj: models.Model, token: str, submitted: dict | None = None
) -> OtherChange | None:
    """The change others saved to ``obj`` since the version ``token``; None if none.

    Their fields are those they changed from the version ``token``. An object without a
    version when the form was opened has nothing to compare with: then the fields shown
    are those where their version differs from ``submitted`` (the form's values)."""
    try:
        seen = int(token)
    except (TypeError, ValueError):
        seen = 0
    versions = list(
        Version.objects.get_for_object(obj)
        .filter(pk__gt=seen)
        .select_related("revision__user")
        .order_by("pk")
    )
    if not versions:
        return None
    base = Version.objects.get_for_object(obj).filter(pk=seen).first()
    latest = versions[-1]
    editors = []
    for version in versions:
        name = _editor_name(version.revision)
        if name not in editors:
            editors.append(name)
    return OtherChange(
        editors=editors,
        saved_at=latest.revision.date_created,
        fields=_field_changes(model=type(obj), old=base, new=latest, submitted=submitted or {}),
    )


def _editor_name(revision) -> str:
    user = revision.user
    if user is None:  # an import, load_content or a scheduled run: named by its comment
        return _("The system (%(comment)s)") % {"comment": revision.comment}
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


def _field_changes(
    *, model, old: Version | None, new: Version, submitted: dict
) -> list[FieldChange]:
    old_values = old.field_dict if old is not None else {}
    changes = []
    for name, value in new.field_dict.items():
        if old is not None and _comparable(old_values.get(name)) == _comparable(value):
            continue
        if old is None and (
            name not in submitted or _comparable(submitted[name]) == _comparable(value)
        ):
            continue
        field = _field(model, name)
        if field is None or not field.editable or field.primary_key:
            continue
        changes.append(
            FieldChange(
                label=capfirst(str(field.verbose_name)),
                old=_shown(field, old_values.get(name)) if old is not None else "",
                new=_shown(field, value),
            )
        )
    return changes


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(_comparable(item) for item in value)
    return value


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # removed since the version was saved
        return None


def _shown(field, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if field.is_relation:
        pks = value if isinstance(value, list | tuple | set) else [value]
        related = field.related_model._default_manager.filter(pk__in=pks)
        return ", ".join(sorted(str(item) for item in related)) or "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(formats.localize(value))


def other_change_messages(change: OtherChange) -> list[str]:
    """The warning shown above the form, one line per changed field."""
    saved_at = timezone.localtime(change.saved_at)
    lines = [
        _(
            "%(editors)s saved this %(date)s at %(time)s, after you opened it. "
            "Your changes have not been saved."
        )
        % {
            "editors": ", ".join(change.editors),
            "date": formats.date_format(saved_at, "SHORT_DATE_FORMAT"),
            "time": formats.time_format(saved_at, "TIME_FORMAT"),
        }
    ]
    for field in change.fields:
        if field.old:
            lines.append(
                _("%(field)s: “%(old)s” became “%(new)s”.")
                % {"field": field.label, "old": field.old, "new": field.new}
            )
        else:
            lines.append(_("%(field)s: now “%(new)s”.") % {"field": field.label, "new": field.new})
    lines.append(
        _(
            "Reload the page to start from their version, or tick “Save anyway and "
            "overwrite their changes” and save again."
        )
    )
    return lines


class ConcurrentEditForm(forms.ModelForm):
    """The base form of every content change form in admin (``ContentAdmin.form``)."""

    editorial_token = forms.CharField(
        label=gettext_lazy("Version when opened"), required=False, widget=forms.HiddenInput
    )
    editorial_overwrite = forms.BooleanField(
        label=gettext_lazy("Save anyway and overwrite their changes"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[VERSION_FIELD] = version_token(obj=self.instance)

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name not in FIELDS]

    def clean(self):
        cleaned_data = super().clean()
        opened_from_this_form = self.add_prefix(VERSION_FIELD) in self.data
        if (
            self.instance.pk is None
            or not opened_from_this_form  # a post not made from the change form
            or cleaned_data.get(OVERWRITE_FIELD)
        ):
            return cleaned_data
        change = other_change(
            obj=self.instance,
            token=cleaned_data.get(VERSION_FIELD) or "0",
            submitted=cleaned_data,
        )
        if change is not None:
            # Shown from now on: saving again with it ticked overwrites their change.
            # The token stays as it was: saving again warns again until this is ticked.
            self.fields[OVERWRITE_FIELD].widget = forms.CheckboxInput()
            raise forms.ValidationError(other_change_messages(change), code="concurrent_edit")
        return cleaned_data
