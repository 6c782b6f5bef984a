"""Accepting an invitation (/konto/invitation/<token>/) and an organisation
administrator's user management (/min-organisation/brugere/)."""

from urllib.parse import urlencode

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from almen.accounts import invitations as invitation_services
from almen.accounts.forms import (
    InvitationAcceptForm,
    MembershipRoleForm,
    OrganisationInvitationForm,
)
from almen.accounts.memberships import membership_remove, membership_role_change
from almen.accounts.mfa import mfa_setup_pending_update
from almen.accounts.models import Invitation, Membership
from almen.accounts.selectors import organisations_administered_by

INVITATION_ERROR_STATUS = {"invalid": 404, "expired": 410, "used": 410}


def invitation_accept(request, token: str):
    try:
        invitation = invitation_services.invitation_by_token(token=token)
    except invitation_services.InvitationError as error:
        return _invitation_unusable(request, error)
    existing_user = invitation_services.invitation_existing_user(invitation=invitation)
    context = {
        "invitation": invitation,
        "role": invitation_services.invitation_role_label(invitation=invitation),
        "existing_user": existing_user,
    }
    if existing_user is not None:
        return _invitation_accept_existing(request, token, existing_user, context)
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_services.invitation_accept(
                token=token, request=request, password=form.cleaned_data["password1"]
            )
        except invitation_services.InvitationError as error:
            return _invitation_unusable(request, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Welcome to Almen. Your account is ready."))
            return perform_login(request, user, redirect_url=_after_acceptance_url(invitation))
    return render(request, "accounts/invitation_accept.html", context | {"form": form})


def _invitation_unusable(request, error: invitation_services.InvitationError):
    return render(
        request,
        "accounts/invitation_invalid.html",
        {"reason": error.code},
        status=INVITATION_ERROR_STATUS[error.code],
    )


def _invitation_accept_existing(request, token, existing_user, context):
    """Somebody who already has an account accepts while signed in as that account."""
    if not request.user.is_authenticated:
        return render(request, "accounts/invitation_accept.html", context | {"sign_in": True})
    if request.user.pk != existing_user.pk:
        return render(request, "accounts/invitation_accept.html", context | {"other_account": True})
    if request.method == "POST":
        try:
            invitation_services.invitation_accept(token=token, request=request, user=request.user)
        except invitation_services.InvitationError as error:
            return _invitation_unusable(request, error)
        # A new administrator role may require two-factor authentication from now on.
        mfa_setup_pending_update(request=request, user=request.user)
        messages.success(request, _("The invitation is accepted: your new role is active."))
        return redirect(_after_acceptance_url(context["invitation"]))
    return render(request, "accounts/invitation_accept.html", context | {"confirm": True})


def _after_acceptance_url(invitation: Invitation) -> str:
    if invitation.organisation_id:
        return (
            reverse("accounts:organisation-users", args=[invitation.organisation.slug])
            if (invitation.role == Membership.Role.ADMIN)
            else reverse("home")
        )
    return reverse("admin:index")


@login_required
def organisation_user_list(request):
    """The organisations the user administers; with one only, straight to its users."""
    organisations = list(organisations_administered_by(user=request.user))
    if len(organisations) == 1:
        return redirect("accounts:organisation-users", slug=organisations[0].slug)
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


def _administered_organisation(request, slug: str):
    # Anything but an organisation this user administers is "not found", so the pages do not
    # tell which organisations exist or who belongs to them.
    return get_object_or_404(organisations_administered_by(user=request.user), slug=slug)


def _administered_membership(request, slug: str, membership_id: int):
    organisation = _administered_organisation(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )
    return organisation, membership


@login_required
def organisation_users(request, slug: str):
    organisation = _administered_organisation(request, slug)
    form = OrganisationInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_services.invitation_create(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organisation=organisation,
                invited_by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:organisation-users", slug=organisation.slug)
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email")
    )
    pending = Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True
    ).order_by("email")
    return render(
        request,
        "accounts/organisation_users.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": pending,
            "now": timezone.now(),
            "form": form,
            "roles": Membership.Role.choices,
            "invitation_days": settings.ACCOUNT_INVITATION_DAYS,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def organisation_user_role(request, slug: str, membership_id: int):
    organisation, membership = _administered_membership(request, slug, membership_id)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            membership_role_change(
                membership=membership,
                role=form.cleaned_data["role"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(email)s is now %(role)s.")
                % {
                    "email": membership.user.email,
                    "role": Membership.Role(form.cleaned_data["role"]).label,
                },
            )
    return redirect("accounts:organisation-users", slug=organisation.slug)


@login_required
@require_POST
def organisation_user_remove(request, slug: str, membership_id: int):
    organisation, membership = _administered_membership(request, slug, membership_id)
    try:
        membership_remove(membership=membership, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(email)s no longer has access to %(organisation)s.")
            % {"email": membership.user.email, "organisation": organisation.name},
        )
    if (
        membership.user_id == request.user.pk
        and not organisations_administered_by(user=request.user).filter(pk=organisation.pk).exists()
    ):
        return redirect("home")
    return redirect("accounts:organisation-users", slug=organisation.slug)


@login_required
@require_POST
def organisation_invitation_revoke(request, slug: str, invitation_id: int):
    organisation = _administered_organisation(request, slug)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, organisation=organisation, accepted_at__isnull=True
    )
    invitation_services.invitation_revoke(
        invitation=invitation, actor=request.user, request=request
    )
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("accounts:organisation-users", slug=organisation.slug)


def admin_login(request):
    """Django admin's own login is replaced by allauth's (rate limits, two-factor
    authentication, audit log): /admin/login/ sends the visitor there and back."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    query = urlencode({"next": next_url or reverse("admin:index")})
    return redirect(f"{reverse('account_login')}?{query}")
