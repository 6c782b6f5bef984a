"""What every PDF the portal writes has in common: tagged PDF/UA-1 (ISO 14289) with a
structure tree for screen readers, alt text for images, the title shown, the document
language from ``<html lang>``, and every language it contains declared in its metadata."""

from collections.abc import Callable

import pydyf
from django.utils import translation

# BL's published content is Danish, whatever language the rest of a PDF is in.
CONTENT_LANGUAGE = "da"


def pdf_languages() -> list[str]:
    """The languages of a PDF rendered now: the active language, and Danish for BL's
    content when that is another one."""
    language = (translation.get_language() or CONTENT_LANGUAGE).split("-")[0]
    return list(dict.fromkeys([language, CONTENT_LANGUAGE]))


def _declare_languages(languages: list[str]) -> Callable:
    """A WeasyPrint finisher that lists ``languages`` as the XMP ``dc:language`` bag, the
    PDF's declaration of the languages it contains (the catalog's /Lang holds only the
    main one, and WeasyPrint does not tag the language of single elements)."""
    items = "".join(f"<rdf:li>{language}</rdf:li>" for language in languages)
    description = (
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:language><rdf:Bag>{items}</rdf:Bag></dc:language></rdf:Description>"
    ).encode()

    def finisher(document, pdf) -> None:
        for stream in pdf.objects:
            if isinstance(stream, pydyf.Stream) and stream.extra.get("Type") == "/Metadata":
                xmp = b"".join(stream.stream)
                stream.stream = [xmp.replace(b"</rdf:RDF>", description + b"</rdf:RDF>", 1)]

    return finisher


def pdf_render_options() -> dict:
    """Options for ``HTML.render()`` (the layout already knows it will be tagged)."""
    return {"pdf_variant": "pdf/ua-1"}


def pdf_write_options() -> dict:
    """Options for ``write_pdf()`` of an ``HTML`` or a rendered ``Document``."""
    return {"pdf_variant": "pdf/ua-1", "finisher": _declare_languages(pdf_languages())}
