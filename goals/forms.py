"""Forms of the "Min organisation" pages. They only read and shape input; the services
check permissions and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from goals.local_goal_selectors import adoptable_action_items, adoptable_pillars
from goals.models import LocalGoal
from municipalities.models import HousingOrganisation

# ISO dates: what an <input type="date"> reads (a Danish "30.11.2026" would show empty).
DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ActionItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.pillar.programme.period} · {obj.pillar.number}. {obj.pillar.title}: {obj.text}"
        )


class PillarChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.period} · {obj.number}. {obj.title}"


class LocalGoalForm(forms.Form):
    text = forms.CharField(
        label=_("The goal in your own words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional for an adopted action item: leave it as it is to keep BL's text."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one municipality.")},
    )
    housing_areas = forms.CharField(
        label=_("Housing areas (afdelinger)"),
        required=False,
        max_length=300,
        help_text=_("For example “Afdeling 12, Solgården”."),
    )
    responsible_role = forms.CharField(
        label=_("Responsible role"),
        max_length=120,
        help_text=_("A role, not a person's name, for example “Driftschef”."),
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE_INPUT)
    status = forms.ChoiceField(label=_("Status"), choices=LocalGoal.Status.choices)
    progress = forms.IntegerField(
        label=_("Progress (per cent)"), min_value=0, max_value=100, initial=0
    )

    def __init__(self, *args, organisation: HousingOrganisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = organisation.municipalities.order_by("name")


class LocalGoalCreateForm(LocalGoalForm):
    """Adopt an action item, or (without one) add an own goal under a pillar."""

    action_item = ActionItemChoiceField(
        label=_("Action item to adopt"),
        queryset=adoptable_action_items(),
        required=False,
        empty_label=_("None: our own goal under a pillar"),
    )
    pillar = PillarChoiceField(
        label=_("Pillar of an own goal"),
        queryset=adoptable_pillars(),
        required=False,
        help_text=_("Only for an own goal."),
    )
    field_order = ["action_item", "pillar", "text"]

    def clean(self):
        data = super().clean()
        if not data.get("action_item") and not data.get("pillar"):
            self.add_error(
                "action_item", _("Choose an action item to adopt, or a pillar for an own goal.")
            )
        if not data.get("action_item") and not (data.get("text") or "").strip():
            self.add_error("text", _("Describe your own goal."))
        return data


class ProgressUpdateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    text = forms.CharField(
        label=_("What has happened?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    attachment = forms.FileField(
        label=_("Attachment (PDF or image)"),
        required=False,
        help_text=_("At most 5 MB."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=LocalGoal.Status.choices)
    progress = forms.IntegerField(label=_("Progress (per cent)"), min_value=0, max_value=100)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the organisation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
