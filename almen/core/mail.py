"""Mail helpers shared by the apps: Message-IDs on the portal's own host name.

Django's default Message-ID names the machine that renders the message (a container's
random host name), which spam filters count against us; every message the portal sends
names the host of ``PORTAL_BASE_URL`` instead.
"""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings


def portal_host() -> str:
    """The host name of ``settings.PORTAL_BASE_URL`` (``almen.bl.dk`` in production)."""
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "almen.bl.dk"


def portal_message_id(*, local_part: str | None = None) -> str:
    """``<local_part@portal-host>``; without ``local_part`` a unique one."""
    if local_part is None:
        return make_msgid(domain=portal_host())
    return f"<{local_part}@{portal_host()}>"
