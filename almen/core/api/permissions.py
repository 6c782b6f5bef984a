from rest_framework.permissions import BasePermission


class IsStaffUser(BasePermission):
    """Staff only (a staff user's API key or a signed-in staff session). Anonymous clients
    get 401, partner keys 403."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)
