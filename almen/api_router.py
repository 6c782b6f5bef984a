"""The partner API's one router, mounted at /api/v1/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
