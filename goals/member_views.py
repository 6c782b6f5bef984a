""" "Min organisation": where an organisation's editors and administrators adopt action items
as local goals, publish them and report progress. Signed-in users only. The organisation is
always the goal's own (or, for a new goal, one in the URL the user must be a member of):
another organisation's goal answers 404 while it is private and 403 once it is public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from almen.accounts.permissions import user_can_edit_organisation, user_can_see_private_goals
from almen.accounts.selectors import organisations_for_user
from goals import local_goal_services as services
from goals.forms import LocalGoalCreateForm, LocalGoalForm, ProgressUpdateForm
from goals.local_goal_selectors import member_local_goals
from goals.models import LocalGoal, ProgressUpdate
from goals.notifications import digest_unsubscribe as digest_unsubscribe_record
from goals.notifications import user_from_unsubscribe_token
from municipalities.models import HousingOrganisation


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _editable_goal(request: HttpRequest, pk: int) -> LocalGoal:
    goal = (
        LocalGoal.objects.select_related("organisation", "pillar__programme", "action_item")
        .filter(pk=pk)
        .first()
    )
    if goal is None:
        raise Http404
    if user_can_edit_organisation(user=request.user, organisation=goal.organisation):
        return goal
    if goal.is_public or user_can_see_private_goals(
        user=request.user, organisation=goal.organisation
    ):
        raise PermissionDenied
    raise Http404


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_for_user(user=request.user))
    goals = list(member_local_goals(organisations=organisations)) if organisations else []
    return _private(
        render(
            request,
            "goals/member/dashboard.html",
            {"organisations": organisations, "goals": goals},
        )
    )


@login_required
def goal_create(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_object_or_404(HousingOrganisation, slug=organisation_slug)
    if not user_can_edit_organisation(user=request.user, organisation=organisation):
        raise PermissionDenied
    initial = {"status": LocalGoal.Status.PLANNED, "progress": 0}
    if request.GET.get("handling", "").isdigit():
        initial["action_item"] = int(request.GET["handling"])
    if request.method == "POST":
        form = LocalGoalCreateForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                goal = services.local_goal_create(
                    user=request.user,
                    organisation=organisation,
                    action_item=data["action_item"],
                    pillar=data["pillar"],
                    text=data["text"],
                    municipalities=list(data["municipalities"]),
                    housing_areas=data["housing_areas"],
                    responsible_role=data["responsible_role"],
                    target_date=data["target_date"],
                    status=data["status"],
                    progress=data["progress"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request, _("The goal is saved as a draft. Publish it when it is ready.")
                )
                return redirect("members:goal-manage", pk=goal.pk)
    else:
        form = LocalGoalCreateForm(initial=initial, organisation=organisation)
        action = form.fields["action_item"].queryset.filter(pk=initial.get("action_item")).first()
        if action is not None:
            form.initial["text"] = action.text
    return _private(
        render(request, "goals/member/goal_form.html", {"form": form, "organisation": organisation})
    )


@login_required
def goal_manage(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _editable_goal(request, pk)
    updates = list(goal.updates.prefetch_related("revisions").order_by("-date", "-pk"))
    return _private(
        render(
            request,
            "goals/member/goal_manage.html",
            {"goal": goal, "updates": updates, "municipalities": list(goal.municipalities.all())},
        )
    )


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _editable_goal(request, pk)
    if request.method == "POST":
        form = LocalGoalForm(request.POST, organisation=goal.organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.local_goal_update(
                    user=request.user,
                    goal=goal,
                    text=data["text"],
                    municipalities=list(data["municipalities"]),
                    housing_areas=data["housing_areas"],
                    responsible_role=data["responsible_role"],
                    target_date=data["target_date"],
                    status=data["status"],
                    progress=data["progress"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The goal is saved."))
                return redirect("members:goal-manage", pk=goal.pk)
    else:
        form = LocalGoalForm(
            organisation=goal.organisation,
            initial={
                "text": goal.display_text,
                "municipalities": list(goal.municipalities.all()),
                "housing_areas": goal.housing_areas,
                "responsible_role": goal.responsible_role,
                "target_date": goal.target_date,
                "status": goal.status,
                "progress": goal.progress,
            },
        )
    return _private(
        render(
            request,
            "goals/member/goal_form.html",
            {"form": form, "organisation": goal.organisation, "goal": goal},
        )
    )


@login_required
@require_POST
def goal_publish(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _editable_goal(request, pk)
    publish = request.POST.get("publish") != "0"
    try:
        services.local_goal_publish(user=request.user, goal=goal, published=publish)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The goal is published.") if publish else _("The goal is a draft again."),
        )
    return redirect("members:goal-manage", pk=goal.pk)


@login_required
@require_POST
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _editable_goal(request, pk)
    if request.POST.get("restore") == "1":
        services.local_goal_restore(user=request.user, goal=goal)
        messages.success(request, _("The goal is restored."))
        return redirect("members:goal-manage", pk=goal.pk)
    services.local_goal_delete(user=request.user, goal=goal)
    messages.success(request, _("The goal is deleted. You can restore it for 30 days."))
    return redirect("members:dashboard")


def _update_save(request, form, *, goal: LocalGoal, update: ProgressUpdate | None) -> bool:
    data = form.cleaned_data
    arguments = {
        "user": request.user,
        "date": data["date"],
        "text": data["text"],
        "link": data["link"],
        "attachment": data["attachment"] or None,
        "status": data["status"],
        "progress": data["progress"],
    }
    try:
        if update is None:
            services.progress_update_create(goal=goal, **arguments)
        else:
            services.progress_update_edit(update=update, **arguments)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            _form_errors(form, error)
        else:
            form.add_error("attachment", error)
        return False
    return True


@login_required
def update_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _editable_goal(request, pk)
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES)
        if form.is_valid() and _update_save(request, form, goal=goal, update=None):
            messages.success(request, _("The progress update is saved."))
            return redirect("members:goal-manage", pk=goal.pk)
    else:
        form = ProgressUpdateForm(
            initial={"date": timezone.localdate(), "status": goal.status, "progress": goal.progress}
        )
    return _private(render(request, "goals/member/update_form.html", {"form": form, "goal": goal}))


@login_required
def update_edit(request: HttpRequest, pk: int) -> HttpResponse:
    update = get_object_or_404(ProgressUpdate.objects.select_related("goal"), pk=pk)
    goal = _editable_goal(request, update.goal_id)
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES)
        if form.is_valid() and _update_save(request, form, goal=goal, update=update):
            messages.success(
                request, _("The progress update is changed; the earlier version is kept.")
            )
            return redirect("members:goal-manage", pk=goal.pk)
    else:
        form = ProgressUpdateForm(
            initial={
                "date": update.date,
                "text": update.text,
                "link": update.link,
                "status": update.status,
                "progress": update.progress,
            }
        )
    return _private(
        render(
            request, "goals/member/update_form.html", {"form": form, "goal": goal, "update": update}
        )
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's unsubscribe link: GET asks for confirmation, POST unsubscribes. A POST
    with ``List-Unsubscribe=One-Click`` (RFC 8058, sent by mail providers) needs no CSRF
    token; any other POST is checked for CSRF as usual."""
    user = user_from_unsubscribe_token(token)
    if user is None:
        return _private(
            render(request, "goals/member/unsubscribe.html", {"invalid": True}, status=404)
        )
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        if not one_click:
            rejection = CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {})
            if rejection is not None:
                return rejection
        digest_unsubscribe_record(user=user)
        if one_click:
            return _private(HttpResponse(status=200))
        return _private(render(request, "goals/member/unsubscribe.html", {"done": True}))
    return _private(render(request, "goals/member/unsubscribe.html", {"token": token}))
