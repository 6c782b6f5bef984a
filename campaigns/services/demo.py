"""Demo-only data: the fictitious councillors of ``campaigns/data/councillors-sample.csv``."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from campaigns.models import Campaign, Recipient
from campaigns.services.recipients import (
    councillor_file_rows,
    councillors_validate,
    recipients_create,
)
from campaigns.tokens import recipient_token

SAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "councillors-sample.csv"
DEMO_CAMPAIGN_SLUG = "kv25"
DEMO_MUNICIPALITY_CODE = "326"  # Kalundborg, as in BL's own welcome pack


def campaigns_demo_data_create() -> list[str]:
    """Import the sample councillors into the KV25 campaign (rows already there are left
    alone, so running it again adds nothing) and return a line with the personal link of
    a Kalundborg councillor."""
    campaign = Campaign.objects.filter(slug=DEMO_CAMPAIGN_SLUG).first()
    if campaign is None:
        return ["Velkomstpakke: kampagnen kv25 er ikke indlæst (kør load_content)"]
    rows = councillor_file_rows(file_name=SAMPLE_FILE.name, content=SAMPLE_FILE.read_bytes())
    result = councillors_validate(campaign=campaign, rows=rows)
    # Rows already in the campaign fail validation as duplicates; the rest are new.
    recipients_create(campaign=campaign, rows=result.rows)
    recipient = (
        Recipient.objects.filter(
            campaign=campaign,
            municipality__code=DEMO_MUNICIPALITY_CODE,
            erased_at__isnull=True,
        )
        .select_related("municipality")
        .order_by("pk")
        .first()
    )
    if recipient is None:
        return []
    url = settings.PORTAL_BASE_URL + reverse(
        "campaigns:pack", kwargs={"token": recipient_token(recipient)}
    )
    return [f"Velkomstpakke ({recipient.municipality.name}): {url}"]
