from django_filters import rest_framework as filters

from almen.core.api.filters import StrictChoiceFilter
from campaigns.models import Campaign, Invitation, Recipient, Webinar, WebinarSession
from municipalities.models import Municipality


class WebinarSessionFilter(filters.FilterSet):
    webinar = filters.ModelChoiceFilter(
        queryset=Webinar.objects.all(), to_field_name="slug", help_text="Webinar slug."
    )
    campaign = filters.ModelChoiceFilter(
        field_name="webinar__campaigns",
        queryset=Campaign.objects.all(),
        to_field_name="slug",
        help_text="Campaign slug: the sessions of its webinar.",
    )

    class Meta:
        model = WebinarSession
        fields = ["webinar", "campaign"]


class RecipientFilter(filters.FilterSet):
    municipality = filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(), to_field_name="code", help_text="Municipality code."
    )
    invitation_status = StrictChoiceFilter(
        field_name="invitation__status",
        choices=Invitation.Status.choices,
        help_text="Only recipients whose invitation has this status.",
    )

    class Meta:
        model = Recipient
        fields = ["municipality", "invitation_status"]
