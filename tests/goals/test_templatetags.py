from goals.templatetags.goals import excerpt, highlight, paragraphs


def test_highlight_marks_the_term_and_other_endings_and_escapes_the_rest():
    text = "Boliger & boligerne <b>bolig</b>"
    assert highlight(text, ["boliger"]) == (
        "<mark>Boliger</mark> &amp; <mark>boligerne</mark> &lt;b&gt;<mark>bolig</mark>&lt;/b&gt;"
    )


def test_highlight_never_marks_inside_escaped_markup():
    assert highlight("A & B", ["amp"]) == "A &amp; B"


def test_highlight_without_terms_only_escapes():
    assert highlight("<i>x</i>", []) == "&lt;i&gt;x&lt;/i&gt;"


def test_excerpt_of_a_long_text_is_cut_around_the_first_hit():
    text = " ".join(["ord"] * 200) + " klimaløsninger " + " ".join(["slut"] * 200)
    result = excerpt(text, ["klima"])
    assert result.startswith("… ") and result.endswith(" …")
    assert "<mark>klimaløsninger</mark>" in result
    assert len(result) < 400


def test_a_short_text_is_kept_whole():
    assert excerpt("Kort tekst om klima.", ["klima"]) == "Kort tekst om <mark>klima</mark>."


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("Et.\n\nTo.\n  \nTre.") == ["Et.", "To.", "Tre."]
    assert paragraphs("") == []
