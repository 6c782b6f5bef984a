"""The partner API's one router, mounted at /api/v1/."""

from rest_framework.routers import DefaultRouter

from campaigns.api import views as campaigns_views
from goals.api import local_goal_views
from goals.api import views as goals_views
from municipalities.api import views as municipalities_views

router = DefaultRouter()
router.register("programmes", goals_views.ProgrammeViewSet, basename="programme")
router.register("pillars", goals_views.PillarViewSet, basename="pillar")
router.register("actions", goals_views.ActionItemViewSet, basename="action")
router.register("themes", goals_views.ThemeViewSet, basename="theme")
router.register("cases", goals_views.CaseViewSet, basename="case")
router.register("regions", municipalities_views.RegionViewSet, basename="region")
router.register("municipalities", municipalities_views.MunicipalityViewSet, basename="municipality")
router.register("indicators", municipalities_views.IndicatorViewSet, basename="indicator")
router.register("observations", municipalities_views.ObservationViewSet, basename="observation")
router.register("facts", municipalities_views.NationalFactViewSet, basename="fact")
router.register(
    "organisations", municipalities_views.HousingOrganisationViewSet, basename="organisation"
)
router.register("local-goals", local_goal_views.LocalGoalViewSet, basename="local-goal")
router.register("campaigns", campaigns_views.CampaignViewSet, basename="campaign")
router.register("sessions", campaigns_views.WebinarSessionViewSet, basename="session")
