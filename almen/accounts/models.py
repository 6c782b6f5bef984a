from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    """A person's role in one housing organisation. One person can belong to several
    organisations; permissions on an organisation's goals are checked against this row."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("organisation administrator")
        EDITOR = "editor", _("organisation editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "municipalities.HousingOrganisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("housing organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_membership_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An invitation by email to an account: either a role in one housing organisation
    (organisation + role) or a BL staff role (staff_group). The link carries a random token
    of which only the SHA-256 hash is stored; it works until ``expires_at`` and only once."""

    email = models.EmailField(_("email"))
    organisation = models.ForeignKey(
        "municipalities.HousingOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("housing organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, blank=True)
    staff_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("BL staff role"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        organisation__isnull=False,
                        staff_group__isnull=True,
                        role__in=["admin", "editor"],
                    )
                    | models.Q(organisation__isnull=True, staff_group__isnull=False, role="")
                ),
                name="invitation_is_for_an_organisation_role_or_a_staff_role",
            ),
        ]

    def __str__(self):
        return self.email


class AuditEvent(models.Model):
    """One security-relevant event: a sign-in, a failed sign-in, a role change, an
    invitation or a change of two-factor authentication. Written only by
    ``almen.accounts.audit.audit_event_record``; read-only in admin."""

    class Action(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("sign-in failed")
        LOGIN_BLOCKED = "login_blocked", _("sign-in blocked (too many attempts)")
        LOGOUT = "logout", _("signed out")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        PASSWORD_RESET = "password_reset", _("password reset")
        INVITATION_SENT = "invitation_sent", _("invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted")
        INVITATION_REVOKED = "invitation_revoked", _("invitation withdrawn")
        ROLE_CHANGED = "role_changed", _("role changed")
        MEMBERSHIP_REMOVED = "membership_removed", _("removed from organisation")
        MFA_ADDED = "mfa_added", _("two-factor method added")
        MFA_REMOVED = "mfa_removed", _("two-factor method removed")
        MFA_RESET = "mfa_reset", _("recovery codes renewed")

    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("user"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.get_action_display()} – {self.created_at:%Y-%m-%d %H:%M}"
