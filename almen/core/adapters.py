from allauth.account.adapter import DefaultAccountAdapter

from almen.core.email import email_send


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by BL staff in admin; there is no public sign-up."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix, email, context) -> None:
        """Account emails (password reset, address confirmation) go out from a Celery task
        with retries, not inside the request (``almen.core.email``)."""
        email_send(message=self.render_mail(template_prefix, email, context))
