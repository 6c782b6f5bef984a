"""Services of the campaigns app (writes with side effects), split by concern:
``content`` (loading the campaign content, demo data), ``recipients`` (import, erase,
unsubscribe), ``registrations`` (webinar registration), ``sending`` and ``reminders``."""
