from django.db.models import QuerySet

from goals.models import Programme


def programme_list(*, include_drafts: bool = False) -> QuerySet[Programme]:
    programmes = Programme.objects.all()
    if not include_drafts:
        programmes = programmes.filter(status=Programme.Status.PUBLISHED)
    return programmes.order_by("order", "-start_year")
