"""Which content is versioned, and which rows travel with their parent's version.

Every change to BL's published content (goal programmes, figures and sheets, campaign
content) is stored by django-reversion as a version. A parent follows the rows its admin
page edits inline, so restoring a programme, pillar, sheet, campaign or webinar restores
those rows with it. Personal data (recipients, invitations, registrations) and the
organisations' own local goals are not versioned here.
"""

import reversion
from django.apps import apps

# "app_label.Model": the relations that travel with its version.
VERSIONED_MODELS: dict[str, tuple[str, ...]] = {
    "goals.Theme": (),
    "goals.SustainableDevelopmentGoal": (),
    "goals.Programme": ("sections", "pillars"),
    "goals.ProgrammeSection": ("items",),
    "goals.SectionItem": (),
    "goals.Pillar": ("actions",),
    "goals.ActionItem": (),
    "goals.Case": (),
    "municipalities.Region": (),
    "municipalities.Municipality": (),
    "municipalities.HousingOrganisation": (),
    "municipalities.Indicator": (),
    "municipalities.Observation": (),
    "municipalities.NationalFact": (),
    "municipalities.SharedSheetSection": (),
    "municipalities.MunicipalitySheet": ("sections", "facts"),
    "municipalities.SheetSection": (),
    "municipalities.SheetFact": (),
    "campaigns.PriorityTopic": (),
    "campaigns.Webinar": ("sessions", "speakers"),
    "campaigns.WebinarSpeaker": (),
    "campaigns.WebinarSession": (),
    "campaigns.Campaign": ("sections", "cases", "campaign_topics"),
    "campaigns.CampaignTopic": (),
    "campaigns.CampaignSection": (),
    "campaigns.CampaignCase": (),
}


def versioned_models_register() -> None:
    for label, follow in VERSIONED_MODELS.items():
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
