# Danish formats where they differ from Django's: a date in a list or form reads
# 10.03.2026 (Django's own is “10. marts 2026”); texts that want the long form name it
# explicitly ("j. F Y"). Numbers group thousands with “.” only where asked
# (almen.core.templatetags.almen.localized_number): USE_THOUSAND_SEPARATOR stays off so
# numbers inside attributes, charts and data stay plain.
DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
