def municipalities_content_load() -> str:
    """Placeholder until the kommuneark content files land (issue #3)."""
    return "no content files yet"
