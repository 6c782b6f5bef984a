"""Loading the campaign content (mærkesager, webinars, campaigns) from ``content/campaigns/``.

Rows go through ``content_upsert``: a second load changes nothing and a row staff edited
in admin is kept. Links (a topic's goal pillars, a campaign's topics) are set when the row
is created, or while it has none, so staff can change them in admin afterwards.
"""

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from almen.core.cache import content_changed
from almen.core.content import content_upsert, read_content_file
from campaigns.models import (
    Campaign,
    CampaignCase,
    CampaignSection,
    CampaignTopic,
    PriorityTopic,
    Webinar,
    WebinarSession,
    WebinarSpeaker,
)
from campaigns.services.session_updates import session_time_changed_elsewhere
from goals.models import Pillar, Theme

logger = logging.getLogger(__name__)

CONTENT_AREA = "campaigns"
TOPICS_FILE = "campaigns/topics.yaml"
WEBINARS_FILE = "campaigns/webinars.yaml"
CAMPAIGN_FILES = ["campaigns/kv25.yaml", "campaigns/vi-samles.yaml", "campaigns/stem-med.yaml"]
UTC = ZoneInfo("UTC")


def campaigns_content_load() -> str:
    """Load topics, webinars and campaigns; returns a one-line summary. A goal pillar that a
    topic names but that is not loaded is skipped with a logged warning."""
    counts: dict[str, int] = {}
    warnings: list[str] = []
    topics = _topics_load(counts=counts, warnings=warnings)
    webinars = _webinars_load(counts=counts)
    for relative_path in CAMPAIGN_FILES:
        _campaign_load(
            data=read_content_file(relative_path),
            topics=topics,
            webinars=webinars,
            counts=counts,
            warnings=warnings,
        )
    campaigns_content_changed()
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    if warnings:
        unique = sorted(set(warnings))
        summary += f" ({len(unique)} warnings: " + "; ".join(unique) + ")"
    return summary


def campaigns_content_changed() -> None:
    """Campaign content was loaded, edited or deleted: the public campaign pages, the site
    search and the campaigns API are rebuilt on their next request."""
    content_changed(area=CONTENT_AREA)


def _count(counts: dict[str, int], status: str) -> None:
    counts[status] = counts.get(status, 0) + 1


def _topics_load(*, counts: dict[str, int], warnings: list[str]) -> dict[str, PriorityTopic]:
    topics = {}
    for order, item in enumerate(read_content_file(TOPICS_FILE)["topics"], start=1):
        topic, status = content_upsert(
            model=PriorityTopic,
            lookup={"slug": item["slug"]},
            values={"title": item["title"], "text": item["text"].strip(), "order": order},
        )
        _count(counts, status)
        topics[topic.slug] = topic
        if status != "kept" and (status == "created" or not topic.pillars.exists()):
            topic.pillars.set(_pillars_find(refs=item.get("pillars", []), warnings=warnings))
    return topics


def _pillars_find(*, refs: list[dict], warnings: list[str]) -> list[Pillar]:
    pillars = []
    for ref in refs:
        pillar = Pillar.objects.filter(programme__slug=ref["programme"], slug=ref["pillar"]).first()
        if pillar is None:
            message = f"goal pillar {ref['programme']}/{ref['pillar']} is not loaded; skipped"
            if message not in warnings:
                logger.warning("campaigns content: %s", message)
            warnings.append(message)
            continue
        pillars.append(pillar)
    return pillars


def _aware(value: str, *, time_zone: ZoneInfo) -> datetime:
    """'2026-03-10 12:00' in Danish time → an aware datetime in UTC (as the database
    returns it, so the content hash compares equal on the next load)."""
    return datetime.fromisoformat(str(value)).replace(tzinfo=time_zone).astimezone(UTC)


def _webinars_load(*, counts: dict[str, int]) -> dict[str, Webinar]:
    webinars = {}
    for item in read_content_file(WEBINARS_FILE)["webinars"]:
        webinar, status = content_upsert(
            model=Webinar,
            lookup={"slug": item["slug"]},
            values={"title": item["title"], "description": item["description"].strip()},
        )
        _count(counts, status)
        webinars[webinar.slug] = webinar
        for order, speaker in enumerate(item.get("speakers", []), start=1):
            _, status = content_upsert(
                model=WebinarSpeaker,
                lookup={"webinar": webinar, "order": order},
                values={"name": speaker["name"], "title": speaker.get("title", "")},
            )
            _count(counts, status)
        time_zone = ZoneInfo(item.get("time_zone", "Europe/Copenhagen"))
        for order, session in enumerate(item.get("sessions", []), start=1):
            lookup = {"webinar": webinar, "key": session["key"]}
            stored_times = (
                WebinarSession.objects.filter(**lookup).values_list("starts_at", "ends_at").first()
            )
            loaded, status = content_upsert(
                model=WebinarSession,
                lookup=lookup,
                values={
                    "starts_at": _aware(session["starts_at"], time_zone=time_zone),
                    "ends_at": _aware(session["ends_at"], time_zone=time_zone),
                    "join_url": session.get("join_url", ""),
                    "capacity": session.get("capacity"),
                    "order": order,
                },
            )
            _count(counts, status)
            if status == "updated" and stored_times != (loaded.starts_at, loaded.ends_at):
                # Those registered get the new time in their calendars, as after an admin edit.
                session_time_changed_elsewhere(session_id=loaded.pk)
    return webinars


def _campaign_load(
    *,
    data: dict,
    topics: dict[str, PriorityTopic],
    webinars: dict[str, Webinar],
    counts: dict[str, int],
    warnings: list[str],
) -> Campaign:
    webinar = webinars.get(data.get("webinar") or "")
    campaign, status = content_upsert(
        model=Campaign,
        lookup={"slug": data["slug"]},
        values={
            "name": data["name"],
            "period_start": data.get("period_start"),
            "period_end": data.get("period_end"),
            "introduction": data.get("introduction", "").strip(),
            "sender_line": data.get("sender_line", ""),
            "webinar": webinar,
            "period_label": data.get("period_label", ""),
            "public_text": data.get("public_text", "").strip(),
            "source": data.get("source", ""),
        },
    )
    _count(counts, status)
    if status == "created":
        # A published campaign's content is final: it is ready to send, or done for an
        # earlier campaign with nobody to invite. The status is not part of the loaded
        # values, since sending moves it on (sending, done).
        campaign.status = Campaign.Status(data.get("status", Campaign.Status.READY))
        campaign.save(update_fields=["status"])
    if status != "kept" and (status == "created" or not campaign.pillars.exists()):
        campaign.pillars.set(_pillars_find(refs=data.get("pillars", []), warnings=warnings))
    if status != "kept" and (status == "created" or not campaign.themes.exists()):
        campaign.themes.set(Theme.objects.filter(slug__in=data.get("themes", [])))
    _campaign_parts_load(campaign=campaign, data=data, counts=counts)
    if status != "kept" and (status == "created" or not campaign.campaign_topics.exists()):
        for order, slug in enumerate(data.get("topics", []), start=1):
            topic = topics.get(slug)
            if topic is None:
                warnings.append(f"campaign {campaign.slug}: unknown topic {slug}; skipped")
                continue
            CampaignTopic.objects.update_or_create(
                campaign=campaign, topic=topic, defaults={"order": order}
            )
    return campaign


def _campaign_parts_load(*, campaign: Campaign, data: dict, counts: dict[str, int]) -> None:
    """The pack's sections and the campaign's stories, in the file's order."""
    for order, item in enumerate(data.get("sections", []), start=1):
        _, status = content_upsert(
            model=CampaignSection,
            lookup={"campaign": campaign, "key": item["key"]},
            values={
                "title": item["title"],
                "body": (item.get("body") or "").strip(),
                "link_text": item.get("link_text", ""),
                "link_url": item.get("link_url", ""),
                "placement": item["placement"],
                "order": order,
            },
        )
        _count(counts, status)
    for order, item in enumerate(data.get("cases", []), start=1):
        _, status = content_upsert(
            model=CampaignCase,
            lookup={"campaign": campaign, "key": item["key"]},
            values={
                "text": item["text"].strip(),
                "photo_credit": item.get("photo_credit", ""),
                "order": order,
            },
        )
        _count(counts, status)
