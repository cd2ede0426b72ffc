"""The networking report as a picture: what each kind of meeting brought, and the month-by-month
balance against the coach's rhythm. PNG to look at, SVG to zoom or print; both from matplotlib.

matplotlib loads only here (it takes a moment), draws off screen (Agg: no display needed) and
without pyplot's global figures, so a long-running process leaks nothing.
"""

from __future__ import annotations

import calendar
from pathlib import Path

from .log_report import Report

EMPLOYED = "#2e7d4f"  # the badge's green
JOB_SEEKERS = "#c98a12"  # the badge's amber
TARGETS = "#6d28d9"  # the "Target:" chip's violet
CONTACTS = "#1a5fb4"
OUTCOMES = "#b91c1c"
QUIET = "#6b7280"


def draw(report: Report, stem: Path | str) -> list[Path]:
    """Write `<stem>.png` and `<stem>.svg`; returns their paths."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    stem = Path(stem)
    if stem.suffix.lower() in (".png", ".svg"):
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    # Text stays text in the SVG, and ids are stable, so the same report draws the same file.
    style = {"svg.fonttype": "none", "svg.hashsalt": "meetscout", "font.size": 10}
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(9, 8.5), layout="constrained")
        top, bottom = figure.subplots(2, 1, height_ratios=[max(len(report.by_kind), 2), 3])
        _kinds(top, report)
        _months(bottom, report)
        title = "Where networking has worked"
        if report.start or report.end:
            title += f"  ({report.start or '…'} to {report.end or '…'})"
        figure.suptitle(title, fontsize=14, fontweight="bold")
        paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
        figure.savefig(paths[0], dpi=110, metadata={"Software": "meetscout"})
        figure.savefig(paths[1], metadata={"Date": None, "Creator": "meetscout"})
    return paths


def _kinds(ax, report: Report) -> None:
    ax.set_title("What each kind of meeting brought", loc="left", fontweight="bold")
    if not report.by_kind:
        _nothing(ax, "No meetings recorded yet: `meetscout attended` and `meetscout met` fill it")
        return
    rows = list(reversed(report.by_kind))  # the first kind at the top
    series = [
        ("Meetings attended", [t.attended for t in rows], EMPLOYED),
        ("Contacts made", [t.contacts for t in rows], CONTACTS),
        ("Contacts at target companies", [t.at_targets for t in rows], TARGETS),
        ("Outcomes", [t.outcomes_total for t in rows], OUTCOMES),
    ]
    height = 0.8 / len(series)
    for i, (label, values, color) in enumerate(series):
        offsets = [y + (len(series) / 2 - i - 0.5) * height for y in range(len(rows))]
        bars = ax.barh(offsets, values, height=height, color=color, label=label)
        ax.bar_label(bars, padding=2, fontsize=8, labels=[str(v) if v else "" for v in values])
    ax.set_yticks(range(len(rows)), [t.label for t in rows])
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=4, fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def _months(ax, report: Report) -> None:
    ax.set_title("Month by month, against the coach's rhythm", loc="left", fontweight="bold")
    months = report.months
    if not months:
        _nothing(ax, "No meetings attended yet")
        return
    xs = range(len(months))
    width = 0.38
    employed = ax.bar(
        [x - width / 2 for x in xs],
        [m.employed for m in months],
        width,
        color=EMPLOYED,
        label="Where the employed go (attended)",
    )
    seekers = ax.bar(
        [x + width / 2 for x in xs],
        [m.job_seekers for m in months],
        width,
        color=JOB_SEEKERS,
        label="Job-seeker meetings (attended)",
    )
    for bars in (employed, seekers):
        ax.bar_label(bars, padding=2, fontsize=8)
    _per_month(ax, [m.employed_goal for m in months], EMPLOYED, "--", "About one a week")
    _per_month(ax, [m.job_seeker_limit for m in months], JOB_SEEKERS, ":", "Your monthly limit")
    ax.set_xticks(list(xs), [_month_name(m.month) for m in months])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(0, max(max(m.employed_goal, m.employed, m.job_seekers) for m in months) + 1.5)
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
    ax.spines[["top", "right"]].set_visible(False)


def _per_month(ax, values: list[float], colour: str, style: str, label: str) -> None:
    """A level across each month's pair of bars: the rhythm to meet, the limit to keep."""
    ax.hlines(
        values,
        [x - 0.5 for x in range(len(values))],
        [x + 0.5 for x in range(len(values))],
        colors=colour,
        linestyles=style,
        linewidth=1.4,
        label=label,
    )


def _month_name(month: str) -> str:
    """ "2026-11" -> "Nov 2026"."""
    year, number = month.split("-")
    return f"{calendar.month_abbr[int(number)]} {year}"


def _nothing(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", color=QUIET, transform=ax.transAxes)
    ax.set_axis_off()
