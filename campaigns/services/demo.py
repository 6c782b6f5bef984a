def campaigns_demo_data_create() -> list[str]:
    """Placeholder until demo councillors exist (issue #4)."""
    return []
