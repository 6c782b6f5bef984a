from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.fields import ChoiceField


class PresentIntegerField(forms.IntegerField):
    """An integer; ``?year=`` (given, but empty) is not one. Django would treat it as
    absent, while the schema says the parameter is an integer."""

    def to_python(self, value):
        if value == "":
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PresentChoiceField(ChoiceField):
    """One of the choices; ``?status=`` (given, but empty) is not one of them."""

    def to_python(self, value):
        if value == "":
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        return super().to_python(value)


class StrictChoiceFilter(filters.ChoiceFilter):
    """A value from the documented choices; anything else, an empty value too, is a 400
    naming the filter (django-filter would read an empty value as no filter)."""

    field_class = PresentChoiceField


class YearFilter(filters.NumberFilter):
    """A whole year, 1900–2100; anything else (an empty value too) is a 400 naming the
    filter."""

    field_class = PresentIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class ExistingValueValidator:
    """Rejects a value that no row of ``queryset`` has in ``field``."""

    def __init__(self, *, queryset, field: str):
        self.queryset = queryset
        self.field = field

    def __call__(self, value):
        if value and not self.queryset.filter(**{self.field: value}).exists():
            raise ValidationError(
                _("Select a valid choice. %(value)s is not one of the available choices."),
                code="invalid_choice",
                params={"value": value},
            )


class ExistingSlugFilter(filters.CharFilter):
    """An exact identifier that must exist (for slugs unique only within a parent, where a
    ``ModelChoiceFilter`` cannot be used): an unknown value is a 400 naming the filter."""

    def __init__(self, *args, choices_queryset, choices_field: str = "slug", **kwargs):
        kwargs["validators"] = [
            ExistingValueValidator(queryset=choices_queryset, field=choices_field)
        ]
        super().__init__(*args, **kwargs)


class StrictBooleanFilter(StrictChoiceFilter):
    """``true`` or ``false``; anything else is a 400 naming the filter (django-filter's own
    BooleanFilter quietly ignores values it does not understand)."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [("true", "true"), ("false", "false")]
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return super().filter(qs, value == "true")
