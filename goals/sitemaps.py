from almen.core.sitemaps import PortalSitemap
from goals import selectors


class ProgrammeSitemap(PortalSitemap):
    def items(self):
        return selectors.programme_list()


class PillarSitemap(PortalSitemap):
    def items(self):
        return selectors.pillar_list()


class ThemeSitemap(PortalSitemap):
    def items(self):
        return [
            theme
            for theme in selectors.theme_list()
            if theme.pillar_count or theme.action_count or theme.case_count
        ]
