from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from almen.accounts.audit import audit_event_record
from almen.accounts.invitations import invitation_check, invitation_create
from almen.accounts.models import AuditEvent, Invitation, Membership
from almen.accounts.roles import STAFF_GROUP_APPS

User = get_user_model()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: nobody adds, edits or deletes a row here."""

    list_display = ["created_at", "action", "user", "actor", "ip_address"]
    list_filter = ["action", "created_at"]
    search_fields = ["user__email", "actor__email", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "actor"]
    fields = ["created_at", "action", "user", "actor", "ip_address", "details"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "organisation", "role", "staff_group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_group"].queryset = self.fields["staff_group"].queryset.filter(
            name__in=STAFF_GROUP_APPS
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["email"] = invitation_check(
                email=cleaned.get("email", ""),
                organisation=cleaned.get("organisation"),
                role=cleaned.get("role", ""),
                staff_group=cleaned.get("staff_group"),
            )
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return cleaned

    def _post_clean(self):
        # The token and expiry are set by invitation_create, not by this form.
        pass


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """BL staff invite a person to a staff role or to a role in an organisation; saving
    sends the email. Invitations cannot be edited, only withdrawn (deleted)."""

    form = InvitationAdminForm
    list_display = [
        "email",
        "organisation",
        "role",
        "staff_group",
        "invited_by",
        "expires_at",
        "status",
    ]
    list_filter = ["role", "staff_group", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "staff_group", "invited_by"]
    autocomplete_fields = ["organisation"]

    @admin.display(description=_("status"))
    def status(self, obj: Invitation) -> str:
        if obj.accepted_at:
            return _("accepted")
        if obj.expires_at <= timezone.now():
            return _("expired")
        return _("waiting")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "email",
            "organisation",
            "role",
            "staff_group",
            "invited_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "accepted_by",
        ]

    def save_model(self, request, obj, form, change):
        invitation, _token = invitation_create(
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data.get("organisation"),
            role=form.cleaned_data.get("role", ""),
            staff_group=form.cleaned_data.get("staff_group"),
            invited_by=request.user,
            request=request,
        )
        obj.pk = invitation.pk
        obj.email = invitation.email
        obj._state.adding = False
        messages.info(
            request, _("The invitation was emailed to %(email)s.") % {"email": invitation.email}
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["organisation", "user"]

    def save_model(self, request, obj, form, change):
        before = Membership.objects.filter(pk=obj.pk).values_list("role", flat=True).first()
        super().save_model(request, obj, form, change)
        if before != obj.role:
            audit_event_record(
                action=AuditEvent.Action.ROLE_CHANGED,
                request=request,
                user=obj.user,
                details={
                    "organisation": obj.organisation.name,
                    "role_before": before or "",
                    "role_after": obj.role,
                },
            )

    def delete_model(self, request, obj):
        audit_event_record(
            action=AuditEvent.Action.MEMBERSHIP_REMOVED,
            request=request,
            user=obj.user,
            details={"organisation": obj.organisation.name, "role_before": obj.role},
        )
        super().delete_model(request, obj)


def _staff_roles(user) -> dict:
    return {
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


class AuditedUserAdmin(UserAdmin):
    """Django's user admin, with every change of staff status, superuser status or staff
    group written to the audit log."""

    def save_related(self, request, form, formsets, change):
        before = getattr(request, "_accounts_roles_before", None)
        super().save_related(request, form, formsets, change)
        after = _staff_roles(form.instance)
        if before is not None and before != after:
            audit_event_record(
                action=AuditEvent.Action.ROLE_CHANGED,
                request=request,
                user=form.instance,
                details={"before": before, "after": after},
            )

    def save_model(self, request, obj, form, change):
        if change:
            request._accounts_roles_before = _staff_roles(User.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)
