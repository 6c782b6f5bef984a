"""Blocks of published local goals for pages outside the goals app (municipality page,
organisation page, the councillor's welcome pack), so those apps need not import goals.
Each tag runs a fixed number of queries."""

from django import template

from goals.local_goal_selectors import (
    municipality_local_goals_by_pillar,
    organisation_local_goals_by_pillar,
)

register = template.Library()


@register.inclusion_tag("goals/includes/local_goals_by_pillar.html")
def municipality_local_goals(municipality, heading_level: int = 2):
    """The published local goals of the organisations with housing in ``municipality``,
    by pillar."""
    return {
        "groups": municipality_local_goals_by_pillar(municipality=municipality),
        "municipality": municipality,
        "heading_level": heading_level,
        "show_organisation": True,
    }


@register.inclusion_tag("goals/includes/local_goals_by_pillar.html")
def organisation_local_goals(organisation, heading_level: int = 2):
    return {
        "groups": organisation_local_goals_by_pillar(organisation=organisation),
        "organisation": organisation,
        "heading_level": heading_level,
        "show_organisation": False,
    }


@register.filter
def get_item(mapping: dict, key):
    """``mapping[key]`` or None (per-action counts on the pillar page)."""
    return mapping.get(key) if mapping else None
