from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstContentNegotiation(DefaultContentNegotiation):
    """``?format=csv`` (or ``json``) is an explicit choice and wins over the ``Accept``
    header, which browsers and HTTP libraries send by default (DRF would answer 406)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format:
            renderer = self.filter_renderers(renderers, format)[0]
            return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)
