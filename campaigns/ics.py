"""Calendar files (.ics) for webinar sessions, in Danish time (Europe/Copenhagen)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from campaigns.models import Recipient, WebinarSession

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PRODID = "-//BL - Danmarks Almene Boliger//Almen//DA"


def session_ics(*, session: WebinarSession, recipient: Recipient | None = None) -> bytes:
    """One VEVENT for ``session`` with a VTIMEZONE for Europe/Copenhagen. The UID is stable
    per session and recipient, so a calendar updates the event instead of doubling it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")

    starts_at = session.starts_at.astimezone(COPENHAGEN)
    ends_at = session.ends_at.astimezone(COPENHAGEN)
    webinar = session.webinar

    event = icalendar.Event()
    who = recipient.public_id.hex if recipient is not None else "public"
    event.add("uid", f"session-{session.pk}-{who}@almen.bl.dk")
    event.add("dtstamp", _stamp())
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", webinar.title)
    description = webinar.description
    if session.join_url:
        description = f"{description}\n\n{session.join_url}".strip()
        event.add("url", session.join_url)
        event.add("location", session.join_url)
    event.add("description", description)
    event.add("organizer", "mailto:" + _from_address(), parameters={"cn": "BL"})
    if recipient is not None:
        event.add(
            "attendee",
            f"mailto:{recipient.email}",
            parameters={"cn": recipient.name, "role": "REQ-PARTICIPANT"},
        )
    calendar.add_component(event)
    # Only the years around the session, so the file stays small.
    calendar.add_missing_timezones(
        first_date=date(starts_at.year - 1, 1, 1), last_date=date(starts_at.year + 2, 1, 1)
    )
    return calendar.to_ical()


def _stamp() -> datetime:
    return timezone.now().replace(microsecond=0)


def _from_address() -> str:
    address = settings.DEFAULT_FROM_EMAIL
    if "<" in address:
        address = address.split("<", 1)[1].rstrip(">")
    return address
