def campaigns_content_load() -> str:
    """Placeholder until the campaign content files land (issue #4)."""
    return "no content files yet"


def campaigns_demo_data_create() -> list[str]:
    """Placeholder until demo councillors exist (issue #4)."""
    return []
