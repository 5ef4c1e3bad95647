"""Charts drawn on the server as inline SVG: no JavaScript, crisp at any zoom, printable.

Each function returns the geometry a template draws (templates/reports/includes/*_chart.html);
the same numbers are always shown in a table beside the chart for screen readers and for reading.
"""

from dataclasses import dataclass
from datetime import date

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 230
PLOT_WIDTH = 360
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    percent: int | None
    y: int
    width: float
    text_y: int


def bar_chart(items: list[tuple[str, int | None]], target: int | None = None) -> dict:
    """Horizontal bars of completion rates (0–100 %), one per unit; ``None`` means nobody required."""
    bars = []
    for i, (label, percent) in enumerate(items):
        y = 10 + i * (BAR_HEIGHT + BAR_GAP)
        width = PLOT_WIDTH * (percent or 0) / 100
        bars.append(Bar(label=_shorten(label), percent=percent, y=y, width=round(width, 1), text_y=y + 16))
    height = 10 + len(items) * (BAR_HEIGHT + BAR_GAP) + 24
    grid = [{"x": LABEL_WIDTH + PLOT_WIDTH * p / 100, "label": f"{p}\u00a0%"} for p in (0, 25, 50, 75, 100)]
    return {
        "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        "height": height,
        "plot_x": LABEL_WIDTH,
        "plot_width": PLOT_WIDTH,
        "value_x": LABEL_WIDTH + PLOT_WIDTH + 8,
        "axis_y": height - 8,
        "grid_bottom": height - 22,
        "bars": bars,
        "grid": grid,
        "target_x": None if target is None else LABEL_WIDTH + PLOT_WIDTH * target / 100,
        "target": target,
    }


def line_chart(series: list[tuple[date, int]]) -> dict:
    """Completions per month as a line with points; the y axis rounded up to a readable maximum."""
    width, height, left, right, top, bottom = 660, 260, 56, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((n for _m, n in series), default=0))
    step_x = plot_w / max(1, len(series) - 1)
    points = []
    for i, (month, count) in enumerate(series):
        x = left + (i * step_x if len(series) > 1 else plot_w / 2)
        y = top + plot_h - plot_h * count / top_value
        points.append({"x": round(x, 1), "y": round(y, 1), "label": month.strftime("%Y-%m"), "count": count})
    ticks = [
        {"y": round(top + plot_h - plot_h * v / top_value, 1), "value": v}
        for v in (0, top_value // 4, top_value // 2, 3 * top_value // 4, top_value)
    ]
    every = max(1, len(points) // 6)  # label every few months so the labels do not overlap
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": top + plot_h,
        "label_y": height - 18,
        "points": points,
        "labelled": [p for i, p in enumerate(points) if i % every == 0],
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "ticks": ticks,
    }


def _nice_max(value: int) -> int:
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 4, 5, 8, 10):
        if value <= factor * magnitude:
            return max(4, factor * magnitude)
    return value


def _shorten(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
