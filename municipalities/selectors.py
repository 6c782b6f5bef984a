from django.db.models import QuerySet

from municipalities.models import Municipality, Region


def region_list_with_municipalities() -> QuerySet[Region]:
    return Region.objects.prefetch_related("municipalities").order_by("name")


def municipality_by_slug(*, slug: str) -> Municipality | None:
    return Municipality.objects.select_related("region").filter(slug=slug).first()
