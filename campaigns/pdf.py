"""The welcome pack as a printable A4 PDF (WeasyPrint), with QR codes (segno) to the
personal link and to the webinar registration."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from campaigns.selectors import Pack


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (no file, no network)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def pack_pdf(*, pack: Pack, token: str, greeting: str) -> bytes:
    return pack_pdf_document(pack=pack, token=token, greeting=greeting).write_pdf()


def pack_pdf_document(*, pack: Pack, token: str, greeting: str):
    """The laid-out WeasyPrint document (pages, sizes) of the pack."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    pack_url = settings.PORTAL_BASE_URL + reverse("campaigns:pack", kwargs={"token": token})
    registration_url = pack_url + "#webinar"
    context = {
        "pack": pack,
        "token": token,
        "greeting": greeting,
        "pack_url": pack_url,
        "registration_url": registration_url,
        "pack_qr": qr_data_uri(pack_url),
        # No registration QR once no session is open (held, cancelled or full).
        "registration_qr": qr_data_uri(registration_url) if pack.open_sessions else None,
    }
    html = render_to_string("campaigns/pack_pdf.html", context)
    # Everything is embedded (styles inline, QR codes as data URIs): fetch nothing else,
    # so rendering never reaches the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).render()
