"""Reads that bring the apps together: the front page."""

from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Campaign
from campaigns.selectors import campaign_current_or_latest
from goals.models import Programme
from goals.selectors import programme_list
from municipalities.maps import MapItem, MunicipalityMap, municipality_map, municipality_map_items
from municipalities.selectors import (
    NationalFigure,
    municipality_list_with_figures,
    national_figure_list,
)


@dataclass(frozen=True)
class HomePage:
    programme: Programme | None
    national_figures: list[NationalFigure]
    the_map: MunicipalityMap
    map_items: list[MapItem]
    with_figures_count: int
    campaign: Campaign | None


def home_page() -> HomePage:
    """What the front page shows, in six queries whatever the data size: the current
    goal programme with its pillars, the national key figures, the map of the
    municipalities (those with a kommuneark marked), and the campaign running today or
    else the latest one."""
    programme = programme_list().first()
    municipalities = municipality_list_with_figures()
    the_map = municipality_map()
    return HomePage(
        programme=programme,
        national_figures=national_figure_list(),
        the_map=the_map,
        map_items=municipality_map_items(the_map=the_map, municipalities=municipalities),
        with_figures_count=sum(1 for municipality in municipalities if municipality.has_figures),
        campaign=campaign_current_or_latest(today=timezone.localdate()),
    )
