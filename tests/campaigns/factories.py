from datetime import datetime
from zoneinfo import ZoneInfo

import factory

from campaigns.models import (
    Campaign,
    CampaignTopic,
    PriorityTopic,
    Recipient,
    Webinar,
    WebinarSession,
    WebinarSpeaker,
)
from municipalities.models import Municipality
from tests.reference_data import reference_data_ensure

CPH = ZoneInfo("Europe/Copenhagen")


def municipality(code: str = "326") -> Municipality:
    """A real municipality; 326 is Kalundborg."""
    reference_data_ensure()
    return Municipality.objects.get(code=code)


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar

    slug = factory.Sequence(lambda n: f"webinar-{n}")
    title = factory.Sequence(lambda n: f"Testwebinar {n}")
    description = "Et testwebinar."


class WebinarSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebinarSpeaker

    webinar = factory.SubFactory(WebinarFactory)
    name = factory.Sequence(lambda n: f"Taler {n}")
    title = "Direktør"
    order = factory.Sequence(int)


class WebinarSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebinarSession

    webinar = factory.SubFactory(WebinarFactory)
    key = factory.Sequence(lambda n: f"session-{n}")
    starts_at = datetime(2026, 3, 10, 12, 0, tzinfo=CPH)
    ends_at = datetime(2026, 3, 10, 13, 0, tzinfo=CPH)
    join_url = "https://example.org/webinar/join"
    capacity = None
    order = factory.Sequence(int)


class PriorityTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityTopic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Mærkesag {n}")
    text = "Tekst om mærkesagen."
    order = factory.Sequence(int)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    slug = factory.Sequence(lambda n: f"campaign-{n}")
    name = factory.Sequence(lambda n: f"Testkampagne {n}")
    introduction = "Velkommen.\n\n- Første del\n- Anden del"
    sender_line = "Boligorganisationerne i {municipality} Kommune"
    webinar = factory.SubFactory(WebinarFactory)


class CampaignTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTopic

    campaign = factory.SubFactory(CampaignFactory)
    topic = factory.SubFactory(PriorityTopicFactory)
    order = factory.Sequence(int)


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Demo Byrådsmedlem {n}")
    email = factory.Sequence(lambda n: f"councillor{n}@example.org")
    municipality = factory.LazyFunction(municipality)
    party = ""
    role = ""
