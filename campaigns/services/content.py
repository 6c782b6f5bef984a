def campaigns_content_load() -> str:
    """Placeholder until the campaign content files land (issue #4)."""
    return "no content files yet"
