"""Public pages of local goals: the national overview with its downloads, a goal with its
timeline, its attachments, the action item page, and BL staff's hiding with a reason."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from almen.accounts.permissions import user_can_moderate
from almen.core.cache import cached_public_page
from goals import local_goal_services as services
from goals import selectors
from goals.exports import local_goals_csv, local_goals_xlsx
from goals.forms import HideForm
from goals.local_goal_selectors import (
    LOCAL_GOAL_FILTER_PARAMS,
    action_item_adoption,
    local_goal_counts,
    local_goal_filter,
    local_goal_filters_from_query,
    local_goal_for_viewer,
    local_goal_public_list,
    progress_update_for_viewer,
)
from goals.local_goal_services import LOCAL_GOALS_AREA
from goals.models import LocalGoal, Pillar, Programme, ProgressUpdate, Theme
from goals.selectors import goals_published_q
from municipalities.models import Municipality, Region

PAGE_SIZE = 50


def _filtered(request: HttpRequest):
    filters = local_goal_filters_from_query(request.GET)
    return filters, local_goal_filter(queryset=local_goal_public_list(), filters=filters)


@cached_public_page(
    "goals",
    "municipalities",
    LOCAL_GOALS_AREA,
    params=(*LOCAL_GOAL_FILTER_PARAMS, "page"),
)
def overview(request: HttpRequest) -> HttpResponse:
    filters, goals = _filtered(request)
    page = Paginator(goals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "goals": list(page.object_list),
        "counts": local_goal_counts(queryset=goals),
        "query": query.urlencode(),
        "programmes": list(Programme.objects.filter(status=Programme.Status.PUBLISHED)),
        "pillars": list(
            Pillar.objects.filter(goals_published_q(model=Pillar))
            .select_related("programme")
            .order_by("programme__order", "number")
        ),
        "themes": list(Theme.objects.order_by("order", "name")),
        "regions": list(Region.objects.order_by("name")),
        "municipalities": list(Municipality.objects.order_by("name")),
        "statuses": LocalGoal.Status.choices,
    }
    return render(request, "goals/local_goal_overview.html", context)


def _download(content: bytes, *, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="lokale-maal-{stamp}.{extension}"'
    return response


def overview_csv(request: HttpRequest) -> HttpResponse:
    _filters, goals = _filtered(request)
    return _download(
        local_goals_csv(goals=goals, base_url=settings.PORTAL_BASE_URL),
        content_type="text/csv; charset=utf-8",
        extension="csv",
    )


def overview_xlsx(request: HttpRequest) -> HttpResponse:
    _filters, goals = _filtered(request)
    return _download(
        local_goals_xlsx(goals=goals, base_url=settings.PORTAL_BASE_URL),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extension="xlsx",
    )


@cached_public_page("goals", "municipalities", LOCAL_GOALS_AREA)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = local_goal_for_viewer(user=request.user, pk=pk)
    if goal is None:
        raise Http404
    response = render(
        request,
        "goals/local_goal_detail.html",
        {
            "goal": goal,
            "can_moderate": user_can_moderate(user=request.user),
            "hide_form": HideForm(),
        },
    )
    if not goal.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The attachment of a progress update, only for those who may see the update, always
    as a download under the name the portal gave it."""
    update = progress_update_for_viewer(user=request.user, pk=pk)
    if update is None or not update.attachment:
        raise Http404
    try:
        handle = update.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=update.attachment_name or "bilag",
        content_type=update.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if not update.goal.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def _moderation(request: HttpRequest) -> None:
    if not user_can_moderate(user=request.user):
        raise PermissionDenied


@login_required
@require_POST
def goal_hide(request: HttpRequest, pk: int) -> HttpResponse:
    _moderation(request)
    goal = get_object_or_404(LocalGoal.objects.select_related("organisation"), pk=pk)
    if request.POST.get("unhide") == "1":
        services.local_goal_unhide(user=request.user, goal=goal)
        messages.success(request, _("The goal is visible again."))
        return redirect("goals:local-goal-detail", pk=goal.pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the organisation a reason."))
        return redirect("goals:local-goal-detail", pk=goal.pk)
    services.local_goal_hide(user=request.user, goal=goal, reason=form.cleaned_data["reason"])
    messages.success(request, _("The goal is hidden and the organisation is told why."))
    return redirect("goals:local-goal-detail", pk=goal.pk)


@login_required
@require_POST
def update_hide(request: HttpRequest, pk: int) -> HttpResponse:
    _moderation(request)
    update = get_object_or_404(ProgressUpdate, pk=pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the organisation a reason."))
    else:
        try:
            services.progress_update_hide(
                user=request.user, update=update, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The update is hidden and the organisation is told why."))
    return redirect("goals:local-goal-detail", pk=update.goal_id)


@cached_public_page("goals", LOCAL_GOALS_AREA)
def action_item_detail(
    request: HttpRequest, programme_slug: str, pillar_slug: str, pk: int
) -> HttpResponse:
    pillar = selectors.pillar_detail(
        programme_slug=programme_slug, slug=pillar_slug, include_drafts=request.user.is_staff
    )
    if pillar is None:
        raise Http404
    action = next((item for item in pillar.actions.all() if item.pk == pk), None)
    if action is None:
        raise Http404
    return render(
        request,
        "goals/action_item_detail.html",
        {
            "pillar": pillar,
            "programme": pillar.programme,
            "action": action,
            "adoption": action_item_adoption(action_item=action),
        },
    )
