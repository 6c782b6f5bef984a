from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from almen.core.cache import cached_public_page
from goals import selectors


@cached_public_page("goals")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programme_list(include_drafts=request.user.is_staff)
    return render(request, "goals/programme_list.html", {"programmes": programmes})
