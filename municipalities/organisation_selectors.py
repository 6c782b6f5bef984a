"""Reads of the housing organisations for their public pages."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from municipalities.models import HousingOrganisation, Municipality

OrganisationMunicipality = HousingOrganisation.municipalities.through


def organisation_list(
    *, query: str = "", municipality_code: str = "", region_code: str = ""
) -> QuerySet[HousingOrganisation]:
    """Organisations by name with their municipalities (two queries), those whose name or
    CVR number contains ``query``, with housing in the municipality or region given."""
    organisations = HousingOrganisation.objects.prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
    ).order_by("name", "pk")
    query = query.strip()
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(cvr=query))
    if municipality_code:
        organisations = organisations.filter(
            Exists(
                OrganisationMunicipality.objects.filter(
                    housingorganisation_id=OuterRef("pk"), municipality__code=municipality_code
                )
            )
        )
    if region_code:
        organisations = organisations.filter(
            Exists(
                OrganisationMunicipality.objects.filter(
                    housingorganisation_id=OuterRef("pk"),
                    municipality__region__code=region_code,
                )
            )
        )
    return organisations


def organisation_by_slug(*, slug: str) -> HousingOrganisation | None:
    return (
        HousingOrganisation.objects.prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.select_related("region").order_by("name"),
            )
        )
        .filter(slug=slug)
        .first()
    )
