from django.conf import settings

PRIVACY_URL = settings.PORTAL_BASE_URL + "/privatlivspolitik/"
ACCESSIBILITY_URL = settings.PORTAL_BASE_URL + "/tilgaengelighedserklaering/"


def assert_links_to_privacy_and_accessibility(message) -> None:
    """Every campaign email links to the privacy notice and the accessibility statement, in
    its text and its HTML part."""
    assert (
        f"Sådan behandler vi dine personoplysninger (privatlivspolitik): {PRIVACY_URL}\n"
        f"Tilgængelighedserklæring: {ACCESSIBILITY_URL}\n"
    ) in message.body
    html, _ = message.alternatives[0]
    assert f'<a href="{PRIVACY_URL}" style="color:#00594f">Privatlivspolitik</a>' in html
    assert (
        f'<a href="{ACCESSIBILITY_URL}" style="color:#00594f">Tilgængelighedserklæring</a>' in html
    )
