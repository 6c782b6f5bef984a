"""Walking the admin as a BL editor: every page an editor can open, and the English text of
the project's own catalogues that would show on a Danish page if a translation were missing."""

import contextlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.core.test_translations import CATALOGUES, _entries

# Attributes a person reads or hears (a screen reader reads aria-label and title).
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# A short English word that is also a Danish word or a name, used by the project with the
# same meaning in both languages (the catalogues translate it to itself in some places).
SAME_IN_BOTH = {"webinar", "status", "link", "api", "cvr", "e-mail", "id", "ok"}


@dataclass(frozen=True)
class English:
    msgid: str
    pattern: re.Pattern


def project_english() -> list[English]:
    """Each msgid of the project's catalogues whose Danish text differs from it, as a
    pattern matching a text node that shows it untranslated (placeholders match anything;
    a one-word msgid must be the whole text node, a longer one may be part of it)."""
    english = []
    seen = set()
    for catalogue in CATALOGUES:
        po = Path(settings.BASE_DIR / catalogue / "da" / "LC_MESSAGES" / "django.po")
        for (_context, msgid), msgstr in _entries(po.read_text(encoding="utf-8")).items():
            text = msgid.replace("\\n", " ").replace('\\"', '"')
            text = " ".join(text.split())
            if (
                not msgstr
                or text.lower() == msgstr.lower()
                or text.lower() in SAME_IN_BOTH
                or text in seen
                or len(text) < 3
            ):
                continue
            seen.add(text)
            pieces = re.split(r"(%\(\w+\)[sd]|%[sd]|\{\w*\})", text)
            regex = "".join(
                ".+?" if re.fullmatch(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", piece) else re.escape(piece)
                for piece in pieces
            )
            if not re.search(r"[A-Za-z]{3}", re.sub(r"%\(\w+\)[sd]", "", text)):
                continue
            if " " in text:
                pattern = re.compile(rf"(?<![\w]){regex}(?![\w])", re.I)
            else:
                pattern = re.compile(rf"^{regex}:?$", re.I)
            english.append(English(msgid=text, pattern=pattern))
    return english


class _ReadTextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skipping += 1
        attributes = dict(attrs)
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(" ".join(attributes[name].split()))
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(" ".join((attributes.get("value") or "").split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.texts.append(text)


def read_texts(html: str) -> list[str]:
    """The text a person reads on the page: text nodes and the read attributes."""
    parser = _ReadTextParser()
    parser.feed(html)
    return [text for text in parser.texts if text]


# Words of English sentences that are not Danish words: a text with two of them is English
# even where no catalogue has it (a string never marked for translation).
ENGLISH_WORDS = {
    "the", "and", "of", "with", "this", "are", "your", "will", "has", "have", "been", "which",
    "from", "that", "these", "there", "their",
}  # fmt: skip
# Django's own admin/search_form.html has alt="Search" untranslated.
DJANGO_OWN_ENGLISH = {"Search"}


def english_on_page(html: str, english: list[English]) -> set[str]:
    found = set()
    for text in read_texts(html):
        if text in DJANGO_OWN_ENGLISH:
            continue
        if len(set(re.findall(r"[a-z]+", text.lower())) & ENGLISH_WORDS) >= 2:
            found.add(f"(not in a catalogue) {text[:100]}")
        for entry in english:
            if entry.pattern.search(text):
                found.add(entry.msgid)
    return found


def admin_pages(user, app_labels: tuple[str, ...] | None = None) -> list[str]:
    """Every changelist, add form and change form (of the first object) ``user`` may open
    (in ``app_labels``, if given), and the import and sending pages of the admins that
    have them."""
    pages = [reverse("admin:index")]
    with contextlib.suppress(NoReverseMatch):
        pages.append(reverse("editorial-scheduled"))
    request = type("Request", (), {"user": user})()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if app_labels is not None and opts.app_label not in app_labels:
            continue
        if not model_admin.has_view_or_change_permission(request):
            continue
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{prefix}_add"))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{prefix}_change", args=[first.pk]))
            for extra in ("send", "sending"):
                with contextlib.suppress(NoReverseMatch):
                    pages.append(reverse(f"{prefix}_{extra}", args=[first.pk]))
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse(f"{prefix}_import"))
    return pages
