"""An indicator's figures over time against its target, drawn on the server as inline SVG like the
reports' charts (lms/reports/charts.py): no JavaScript, the same figures in a table beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 660, 240, 56, 44, 16, 44  # room for the last date's label


def indicator_chart(points: list[tuple[date, Decimal]], *, target: Decimal, percent: bool) -> dict:
    """Geometry of a line through the figures by date, and a dashed line at the target."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    highest = max([float(target), *(float(v) for _on, v in points)], default=1.0)
    top_value = 100.0 if percent and highest <= 100 else _nice_max(highest)

    def y(value) -> float:
        return round(TOP + plot_h - plot_h * float(value) / top_value, 1)

    days = [on.toordinal() for on, _v in points]
    first, span = (min(days), max(days) - min(days)) if days else (0, 0)
    drawn = []
    for on, value in points:
        x = LEFT + (plot_w * (on.toordinal() - first) / span if span else plot_w / 2)
        drawn.append({"x": round(x, 1), "y": y(value), "label": on.isoformat(), "value": value})
    every = max(1, len(drawn) // 5)
    ticks = [{"y": y(top_value * f / 4), "value": _tick(top_value * f / 4)} for f in range(5)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - 18,
        "points": drawn,
        "labelled": [p for i, p in enumerate(drawn) if i % every == 0],
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in drawn),
        "ticks": ticks,
        "target_y": y(target),
    }


def _nice_max(value: float) -> float:
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 4, 5, 8, 10):
        if value <= factor * magnitude:
            return float(max(4, factor * magnitude))
    return value


def _tick(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
