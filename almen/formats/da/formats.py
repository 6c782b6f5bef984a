# Danish formats where they differ from Django's. A time in admin lists reads
# 10.03.2026 12:00 (Django's own is “10. marts 2026 12:00”); a date alone keeps the long
# form (“10. marts 2026”), which sentences in emails and pages use. Numbers group
# thousands with “.” only where asked (almen.core.templatetags.almen.localized_number):
# USE_THOUSAND_SEPARATOR stays off so numbers inside attributes, charts and data stay plain.
DATETIME_FORMAT = "d.m.Y H:i"
