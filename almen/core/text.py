"""Short forms of BL's texts for lists and choosers."""


def text_shorten(text: str, length: int = 80) -> str:
    """``text`` if it fits in ``length`` characters, else cut at the last word boundary
    before that, with “…”: never in the middle of a word."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"
