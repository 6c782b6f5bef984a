from almen.core.sitemaps import PortalSitemap
from municipalities.models import Municipality


class MunicipalitySitemap(PortalSitemap):
    def items(self):
        return Municipality.objects.order_by("name")
