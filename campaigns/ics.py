"""Calendar files (.ics, RFC 5545) for webinar sessions, in Danish time (Europe/Copenhagen),
and their email parts (RFC 6047).

Each file is one of the iTIP methods of RFC 5546, used consistently:

- ``PUBLISH``: the download from the welcome pack. The event alone: ORGANIZER, no ATTENDEE.
- ``REQUEST``: emailed to a registered councillor (the confirmation, the reminder, the
  update after staff moved the session). ORGANIZER is BL (the sender address) and the
  councillor the one ATTENDEE, already accepted (``PARTSTAT=ACCEPTED``, ``RSVP=FALSE``:
  they registered on the portal, so their calendar asks them nothing and sends no reply).
- ``CANCEL``: emailed to those registered when staff cancel the session; ``STATUS:CANCELLED``.

Every file of a session has the same UID, and SEQUENCE is the session's ``sequence``, which
goes up when staff change its time: a calendar that already holds the event replaces it
with the newer version instead of adding a second one.
"""

from datetime import UTC, date
from email.mime.text import MIMEText
from enum import StrEnum
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from campaigns.models import Recipient, WebinarSession

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PRODID = "-//BL - Danmarks Almene Boliger//Almen//DA"
ORGANIZER_NAME = "BL – Danmarks Almene Boliger"
# Not the portal's host: the UID must stay the same if the portal moves to another address.
UID_DOMAIN = "almen.bl.dk"


class CalendarMethod(StrEnum):
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def session_uid(*, session: WebinarSession) -> str:
    """The event's UID: one per session, the same in every file and for every councillor."""
    return f"webinar-session-{session.pk}@{UID_DOMAIN}"


def session_ics(
    *,
    session: WebinarSession,
    method: CalendarMethod = CalendarMethod.PUBLISH,
    recipient: Recipient | None = None,
) -> bytes:
    """One VEVENT for ``session`` with a VTIMEZONE for Europe/Copenhagen. ``REQUEST`` and
    ``CANCEL`` name ``recipient`` as the attendee (and need one); ``PUBLISH`` names nobody."""
    if method != CalendarMethod.PUBLISH and recipient is None:
        raise ValueError(f"METHOD:{method} needs the recipient as ATTENDEE.")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", str(method))

    starts_at = session.starts_at.astimezone(COPENHAGEN)
    ends_at = session.ends_at.astimezone(COPENHAGEN)
    webinar = session.webinar
    cancelled = method == CalendarMethod.CANCEL or session.is_cancelled

    event = icalendar.Event()
    event.add("uid", session_uid(session=session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", webinar.title)
    description = webinar.description
    if session.join_url:
        description = f"{description}\n\n{session.join_url}".strip()
        event.add("url", session.join_url)
        event.add("location", session.join_url)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", "mailto:" + sender_address(), parameters={"cn": ORGANIZER_NAME})
    if method != CalendarMethod.PUBLISH:
        event.add(
            "attendee",
            f"mailto:{recipient.email}",
            parameters={
                "cn": recipient.name,
                "cutype": "INDIVIDUAL",
                "role": "REQ-PARTICIPANT",
                "partstat": "ACCEPTED",
                "rsvp": "FALSE",
            },
        )
    calendar.add_component(event)
    # Only the years around the session, so the file stays small.
    calendar.add_missing_timezones(
        first_date=date(starts_at.year - 1, 1, 1), last_date=date(starts_at.year + 2, 1, 1)
    )
    return calendar.to_ical()


def session_calendar_part(
    *, session: WebinarSession, method: CalendarMethod, recipient: Recipient
) -> MIMEText:
    """The session's calendar as an email part: ``text/calendar; charset="utf-8";
    method=…`` (the method parameter matching the file, as RFC 6047 asks), base64 so the
    file's CRLF line ends arrive intact, attached as ``webinar-<key>.ics``."""
    content = session_ics(session=session, method=method, recipient=recipient)
    part = MIMEText(content.decode(), "calendar", "utf-8")
    part.set_param("method", str(method))
    part.add_header("Content-Disposition", "attachment", filename=f"webinar-{session.key}.ics")
    return part


def sender_address() -> str:
    address = settings.DEFAULT_FROM_EMAIL
    if "<" in address:
        address = address.split("<", 1)[1].rstrip(">")
    return address
