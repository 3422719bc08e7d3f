"""Usage counts as pictures a person reads at a glance: one bar chart per kind of count, by day or by week,
drawn as SVG on the server (no script needed), and the numbers behind each chart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable
from xml.sax.saxutils import escape

from kiosk.appliance.usage import Row

# The kinds the kiosk counts (ctx.usage in kiosk/app), in the order the Usage page shows them.
TITLES = {
    "scene_started": "Scenes started",
    "scene_finished": "Scenes watched to the end",
    "language": "Languages chosen",
    "audience": "Kids or parents",
    "faq_opened": "FAQ opened",
    "faq_question": "FAQ questions opened",
    "feeling_before": "Feelings check-ins, before a scene",
    "feeling_after": "Feelings check-ins, after a scene",
    "clinic_opened": "Clinic details opened",
    "idle_reset": "Back to the start (no one touching)",
}
WIDTH, HEIGHT, PAD = 640, 200, 28


@dataclass(frozen=True)
class Chart:
    kind: str
    title: str
    periods: tuple[str, ...]
    totals: tuple[int, ...]
    details: tuple[tuple[str, int], ...]     # what was counted, most first (scene ids, languages...)

    def svg(self) -> str:
        top = max(self.totals or (0,)) or 1
        n = max(1, len(self.periods))
        slot = (WIDTH - PAD * 2) / n
        bar = max(2.0, slot * 0.7)
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 40}" role="img" '
                 f'aria-label="{escape(self.title)}" class="chart">',
                 f'<line x1="{PAD}" y1="{HEIGHT}" x2="{WIDTH - PAD}" y2="{HEIGHT}" stroke="#5b3a7a"/>']
        for i, (period, total) in enumerate(zip(self.periods, self.totals)):
            h = (HEIGHT - PAD) * total / top
            x = PAD + i * slot + (slot - bar) / 2
            parts.append(f'<rect x="{x:.1f}" y="{HEIGHT - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#8ed1fc">'
                         f'<title>{escape(period)}: {total}</title></rect>')
            if total:
                parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - h - 4:.1f}" text-anchor="middle" '
                             f'font-size="12" class="count">{total}</text>')
            if n <= 16 or i % max(1, n // 8) == 0:
                parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT + 16}" text-anchor="middle" font-size="11">'
                             f'{escape(period[5:] if len(period) == 10 else period)}</text>')
        parts.append("</svg>")
        return "".join(parts)


def periods(by: str, days: int, today: date) -> list[str]:
    """The labels of the chart's bars, oldest first: ISO days, or ISO weeks (2026-W48)."""
    first = today - timedelta(days=max(1, days) - 1)
    out: list[str] = []
    d = first
    while d <= today:
        label = period_of(d.isoformat(), by)
        if not out or out[-1] != label:
            out.append(label)
        d += timedelta(days=1)
    return out


def period_of(day: str, by: str) -> str:
    if by != "week":
        return day
    y, w, _ = date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def charts(rows: Iterable[Row], by: str, days: int, today: date) -> list[Chart]:
    labels = periods(by, days, today)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    details: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        p = period_of(row.day, by)
        if p not in labels:
            continue
        totals[row.kind][p] += row.count
        details[row.kind][row.detail or "-"] += row.count
    order = [k for k in TITLES if k in totals] + sorted(k for k in totals if k not in TITLES)
    out = []
    for kind in order:
        per = totals[kind]
        ranked = tuple(sorted(details[kind].items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(Chart(kind, TITLES.get(kind, kind.replace("_", " ").capitalize()), tuple(labels),
                         tuple(per.get(p, 0) for p in labels), ranked))
    return out


def total(chart: Chart) -> int:
    return sum(chart.totals)


__all__ = ["Chart", "charts", "periods", "period_of", "total"]


