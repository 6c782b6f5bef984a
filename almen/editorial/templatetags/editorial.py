from django import template

from almen.editorial.scheduling import scheduled_list
from almen.editorial.selectors import drafts_awaiting_approval, drafts_of_user, recent_changes

register = template.Library()

DASHBOARD_SCHEDULED = 10  # the start page shows the soonest; the full list is a link away


@register.simple_tag(takes_context=True)
def editorial_dashboard(context) -> dict:
    """The admin start page's lists for the signed-in staff user."""
    user = context["request"].user
    return {
        "my_drafts": drafts_of_user(user=user),
        "awaiting": drafts_awaiting_approval(user=user),
        "scheduled": scheduled_list()[:DASHBOARD_SCHEDULED],
        "recent": recent_changes(),
    }
