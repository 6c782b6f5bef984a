"""The map of Denmark's municipalities as SVG path data, drawn from ``data/dk-kommuner.geojson``.

Projection: equirectangular with longitudes scaled by cos(56°), which keeps Denmark's
shape true enough at this size. Bornholm is moved into a framed inset north-east of
Zealand, as Danish maps usually do. Built once per process (the file never changes at
run time) with integer, relative path commands to keep the page small.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEOJSON_PATH = Path(__file__).resolve().parent / "data" / "dk-kommuner.geojson"
MAP_WIDTH = 1000
PADDING = 10
BORNHOLM_CODE = "400"
# Bornholm's inset: moved this many degrees west and north.
BORNHOLM_SHIFT = (-2.0, 2.0)
_LON_SCALE = math.cos(math.radians(56))


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class MunicipalityMap:
    width: int
    height: int
    shapes: dict[str, MapShape]
    inset: tuple[int, int, int, int]  # x, y, width, height of Bornholm's frame


def _rings(feature: dict) -> list[list[tuple[float, float]]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    shift_lon, shift_lat = (0.0, 0.0)
    if feature["properties"]["code"] == BORNHOLM_CODE:
        shift_lon, shift_lat = BORNHOLM_SHIFT
    return [
        [((lon + shift_lon) * _LON_SCALE, -(lat + shift_lat)) for lon, lat in ring]
        for polygon in polygons
        for ring in polygon
    ]


def _path(rings: list[list[tuple[float, float]]], scale: float, origin: tuple) -> str:
    commands = []
    for ring in rings:
        points = []
        for x, y in ring:
            point = (
                round((x - origin[0]) * scale) + PADDING,
                round((y - origin[1]) * scale) + PADDING,
            )
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3:
            continue
        parts = [f"M{points[0][0]} {points[0][1]}"]
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            parts.append(f"{x1 - x0} {y1 - y0}")
        commands.append(parts[0] + "l" + " ".join(parts[1:]) + "z")
    return "".join(commands)


@lru_cache(maxsize=1)
def municipality_map() -> MunicipalityMap:
    """The map's size, one SVG path per municipality code, and Bornholm's inset frame."""
    with GEOJSON_PATH.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    projected = {feature["properties"]["code"]: _rings(feature) for feature in features}
    xs = [x for rings in projected.values() for ring in rings for x, _ in ring]
    ys = [y for rings in projected.values() for ring in rings for _, y in ring]
    origin = (min(xs), min(ys))
    scale = (MAP_WIDTH - 2 * PADDING) / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale) + 2 * PADDING
    shapes = {
        feature["properties"]["code"]: MapShape(
            code=feature["properties"]["code"],
            name=feature["properties"]["name"],
            path=_path(projected[feature["properties"]["code"]], scale, origin),
        )
        for feature in features
    }
    bornholm = projected[BORNHOLM_CODE]
    bx = [round((x - origin[0]) * scale) + PADDING for ring in bornholm for x, _ in ring]
    by = [round((y - origin[1]) * scale) + PADDING for ring in bornholm for _, y in ring]
    inset = (min(bx) - 8, min(by) - 8, max(bx) - min(bx) + 16, max(by) - min(by) + 16)
    return MunicipalityMap(width=MAP_WIDTH, height=height, shapes=shapes, inset=inset)


@dataclass(frozen=True)
class MapItem:
    municipality: object  # a Municipality with ``has_figures``
    path: str
    matches: bool


def municipality_map_items(
    *, the_map: MunicipalityMap, municipalities: list, matching_codes: set[str] | None = None
) -> list[MapItem]:
    """One item per municipality that has a shape on ``the_map``; ``matches`` marks those in
    ``matching_codes`` (a search), none when it is ``None``."""
    return [
        MapItem(
            municipality=municipality,
            path=the_map.shapes[municipality.code].path,
            matches=matching_codes is not None and municipality.code in matching_codes,
        )
        for municipality in municipalities
        if municipality.code in the_map.shapes
    ]
