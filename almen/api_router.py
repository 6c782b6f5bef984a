"""The partner API's one router, mounted at /api/v1/."""

from rest_framework.routers import DefaultRouter

from municipalities.api import views as municipalities_views

router = DefaultRouter()
router.register("regions", municipalities_views.RegionViewSet, basename="region")
router.register("municipalities", municipalities_views.MunicipalityViewSet, basename="municipality")
router.register("indicators", municipalities_views.IndicatorViewSet, basename="indicator")
router.register("observations", municipalities_views.ObservationViewSet, basename="observation")
router.register("facts", municipalities_views.NationalFactViewSet, basename="fact")
router.register(
    "organisations", municipalities_views.HousingOrganisationViewSet, basename="organisation"
)
