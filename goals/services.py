def goals_content_load() -> str:
    """Placeholder until the goal programme content files land (issue #2)."""
    return "no content files yet"
