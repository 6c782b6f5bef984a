"""Bar charts of the kommuneark as plain data for an inline SVG (no chart library)."""

from dataclasses import dataclass

from municipalities.selectors import ProfileFigure

CHART_BAR_WIDTH = 270  # the longest bar, in SVG units


@dataclass(frozen=True)
class Bar:
    label: str
    figure: ProfileFigure
    length: int
    y: int


@dataclass(frozen=True)
class BarChart:
    key: str
    period: str
    bars: list[Bar]
    height: int


def bar_chart(*, key: str, figures: list[ProfileFigure], row_height: int = 56) -> BarChart | None:
    """Horizontal bars for figures of one group (dwellings by type, construction started),
    scaled to the largest value; ``None`` when the group has no figures."""
    if not figures:
        return None
    largest = max(figure.latest.value for figure in figures) or 1
    bars = [
        Bar(
            label=figure.indicator.name,
            figure=figure,
            length=max(round(CHART_BAR_WIDTH * figure.latest.value / largest), 0),
            y=index * row_height,
        )
        for index, figure in enumerate(figures)
    ]
    return BarChart(
        key=key, period=figures[0].latest.period, bars=bars, height=len(bars) * row_height
    )
