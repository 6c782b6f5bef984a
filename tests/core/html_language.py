"""The language of every piece of text in an HTML page: the nearest ``lang`` attribute
around it, as a browser and a screen reader work it out (WCAG 3.1.1 and 3.1.2)."""

from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _LanguageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []
        self.skipping = 0

    def _language(self) -> str:
        return next((lang for _, lang in reversed(self.stack) if lang is not None), "")

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        if tag in ("script", "style", "title"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        while self.stack:
            opened, _ = self.stack.pop()
            if opened in ("script", "style", "title"):
                self.skipping -= 1
            if opened == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.texts.append((text, self._language()))


def text_languages(html: str) -> list[tuple[str, str]]:
    """Each text node of ``html`` (whitespace collapsed) with its language."""
    parser = _LanguageParser()
    parser.feed(html)
    return parser.texts


def languages_of(html: str, text: str) -> set[str]:
    """The languages of every text node of ``html`` that contains ``text``."""
    found = {language for node, language in text_languages(html) if text in node}
    assert found, f"{text!r} is not on the page"
    return found
