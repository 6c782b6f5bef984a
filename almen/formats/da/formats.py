# Danish formats where they differ from Django's: a date in admin lists and forms reads
# 10.03.2026 and a time 10.03.2026 12:05 (Django's own are “10. marts 2026”). Sentences in
# pages and emails name their format (the long_date, full_date … filters of
# almen/core/templatetags/almen.py). Numbers group thousands with “.” only where asked
# (localized_number): USE_THOUSAND_SEPARATOR stays off so numbers inside attributes,
# charts and data stay plain.
DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
