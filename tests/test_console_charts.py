"""Usage charts: counts by day or by week, one chart per kind of count, and the numbers behind each."""

from __future__ import annotations

from datetime import date

from kiosk.appliance.usage import Row
from kiosk.console.charts import charts

TODAY = date(2026, 12, 1)   # a Tuesday
ROWS = [Row("2026-11-30", "scene_started", "pulpotomy", 3), Row("2026-12-01", "scene_started", "sugar-bugs", 2),
        Row("2026-11-24", "scene_started", "pulpotomy", 4), Row("2026-12-01", "language", "es", 1)]


def test_by_week_each_bar_adds_up_the_days_of_its_week() -> None:
    # When the counts of the last 14 days are charted by week
    started = charts(ROWS, "week", 14, TODAY)[0]
    # Then this week's bar holds Monday's and Tuesday's counts, and last week's its own
    assert dict(zip(started.periods, started.totals))["2026-W49"] == 5
    assert dict(zip(started.periods, started.totals))["2026-W48"] == 4


def test_by_day_there_is_a_bar_for_every_day_even_empty_ones() -> None:
    # When a week is charted by day
    started = charts(ROWS, "day", 7, TODAY)[0]
    # Then there are seven bars, oldest first, and days with no count show zero
    assert started.periods[0] == "2026-11-25" and started.periods[-1] == "2026-12-01"
    assert started.totals == (0, 0, 0, 0, 0, 3, 2)


def test_each_kind_of_count_gets_its_own_chart_with_its_details() -> None:
    # When the counts are charted
    found = {c.kind: c for c in charts(ROWS, "day", 30, TODAY)}
    # Then scenes and languages are charted apart, with what was counted, most first
    assert set(found) == {"scene_started", "language"}
    assert found["scene_started"].details == (("pulpotomy", 7), ("sugar-bugs", 2))
    assert "<title>2026-12-01: 2</title>" in found["scene_started"].svg()


def test_every_kind_the_kiosk_counts_has_a_title_staff_can_read() -> None:
    import re
    from pathlib import Path
    from kiosk.console.charts import TITLES
    # Given every kind of count the kiosk's screens record (ctx.usage("kind", ...)); the feelings screen records
    # feeling_before and feeling_after
    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "kiosk" / "app").rglob("*.py"))
    kinds = set(re.findall(r'usage\("([a-z_]+)"', source))
    kinds |= {f"feeling_{when}" for when in ("before", "after")} if 'usage(f"feeling_{self.when}"' in source else set()
    assert {"scene_started", "faq_question"} <= kinds   # the scan finds them
    # When each is charted, then its chart has a title in words, not the raw key
    rows = [Row("2026-12-01", kind, "x", 1) for kind in sorted(kinds)]
    untitled = [c.kind for c in charts(rows, "day", 7, TODAY) if c.kind not in TITLES]
    assert untitled == []
