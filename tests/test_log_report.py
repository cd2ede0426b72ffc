"""The report's figures over a crafted history, its charts written and read back, and the
work-search record."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image

from meetscout.log import LogRows, read_log
from meetscout.log_charts import draw
from meetscout.log_report import build_report
from meetscout.work_search import activities, write
from tests.log_history import NOW, PROFILE, craft_history


@pytest.fixture
def crafted(store, time_machine):
    ids = craft_history(store, time_machine)
    return store, ids


def report_of(store, **period):
    return build_report(
        read_log(store),
        NOW,
        **period,
    )


def figures(tally):
    return (
        tally.attended,
        tally.skipped,
        tally.contacts,
        tally.at_targets,
        tally.followups_due,
        tally.followups_on_time,
        {k.value: n for k, n in tally.outcomes.items() if n},
    )


def test_figures_per_kind_per_group_and_month(crafted):
    store, _ = crafted
    report = report_of(store)
    by_kind = {t.key: figures(t) for t in report.by_kind}
    assert by_kind == {
        # A and G attended, F skipped; Dana and Kim at Prudential; Kim's follow-up not due yet.
        "professional_association": (
            2,
            1,
            3,
            2,
            2,
            1,
            {"referral": 1, "job_interview": 1, "informational_interview": 1},
        ),
        "alumni": (1, 0, 1, 1, 1, 0, {}),  # Priya at ADP, never followed up
        "job_seeker_group": (3, 0, 1, 0, 1, 1, {}),
    }
    assert [t.label for t in report.by_kind] == [
        "Professional association",
        "Alumni group",
        "Job-seeker group",
    ]
    assert figures(report.total)[:6] == (6, 1, 5, 3, 4, 2)
    assert [(t.label, t.at_targets, t.contacts) for t in report.by_group] == [
        ("HDI New Jersey Chapter", 2, 3),
        ("Rutgers Alumni of North Jersey", 1, 1),
        ("NJ Job Club", 0, 1),
    ]
    months = [
        (m.month, m.employed, m.job_seekers, m.employed_goal, m.verdict) for m in report.months
    ]
    assert months == [
        # The log begins on 3 November: four weeks of it, so about four meetings.
        ("2026-11", 2, 3, 4, "too many job-seeker meetings"),
        # December has had two days: nothing expected yet.
        ("2026-12", 1, 0, 0, "on rhythm so far"),
    ]


def test_a_period_counts_its_meetings_and_what_came_of_them(crafted):
    store, _ = crafted
    december = report_of(store, start=date(2026, 12, 1))
    assert figures(december.total) == (1, 0, 1, 1, 0, 0, {"informational_interview": 1})
    assert [m.month for m in december.months] == ["2026-12"]
    november = report_of(store, start=date(2026, 11, 1), end=date(2026, 12, 1))
    # Dana's interview on 8 December came of a November meeting: it counts there.
    assert november.total.outcomes_total == 2 and november.total.attended == 5
    assert [m.month for m in november.months] == ["2026-11"]
    data = november.to_json()
    assert data["total"]["outcomes"]["job_interview"] == 1 and data["to"] == "2026-12-01"


def test_an_empty_log_reports_nothing_and_still_draws(store, tmp_path):
    report = build_report(LogRows([], [], [], PROFILE), NOW)
    assert report.by_kind == [] and report.months == [] and report.total.attended == 0
    png, svg = draw(report, tmp_path / "empty")
    assert Image.open(png).size[0] > 500
    assert "No meetings recorded yet" in svg.read_text()


def test_charts_are_written_and_open(crafted, tmp_path):
    store, _ = crafted
    png, svg = draw(report_of(store), tmp_path / "charts" / "networking.png")
    assert (png.name, svg.name) == ("networking.png", "networking.svg")
    with Image.open(png) as image:
        image.load()  # decodes every pixel: a truncated file fails here
        assert image.format == "PNG" and image.size == (990, 935)
        colours = {c for _, c in image.convert("RGB").getcolors(1 << 20)}
    assert (0x2E, 0x7D, 0x4F) in colours and (0x6D, 0x28, 0xD9) in colours  # bars were drawn
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {"".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Professional association", "Alumni group", "Nov 2026", "Dec 2026"} <= texts
    assert "Contacts at target companies" in texts
    # The same report draws the same SVG.
    _, again = draw(report_of(store), tmp_path / "again")
    assert again.read_bytes() == svg.read_bytes()


def test_work_search_record(crafted, tmp_path):
    store, _ = crafted
    found = activities(
        read_log(store),
        date(2026, 11, 3),
        date(2026, 11, 5),
    )
    assert [
        (a.day.isoformat(), a.activity.split(":")[0], a.organisation, a.person) for a in found
    ] == [
        ("2026-11-03", "Attended a networking meeting", "HDI New Jersey Chapter", ""),
        (
            "2026-11-03",
            "Networking contact at HDI New Jersey Chapter meeting 11",
            "Acme Logistics",
            "Luis Ortega",
        ),
        (
            "2026-11-03",
            "Networking contact at HDI New Jersey Chapter meeting 11",
            "Prudential",
            "Dana Whitfield (Claims director)",
        ),
        (
            "2026-11-04",
            "Followed up after meeting at HDI New Jersey Chapter meeting 11",
            "Prudential",
            "Dana Whitfield (Claims director)",
        ),
        ("2026-11-05", "Attended a networking meeting", "NJ Job Club", ""),
        ("2026-11-05", "Networking contact at NJ Job Club meeting 13", "", "Sam Okafor"),
    ]
    assert found[0].how == "In person"
    csv_path, html_path = write(found, tmp_path, date(2026, 11, 3), date(2026, 11, 5))
    assert csv_path.name == "work-search-2026-11-03-to-2026-11-05.csv"
    with csv_path.open(newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Date", "Activity", "Organisation", "Person contacted", "How"]
    assert rows[1][:3] == [
        "2026-11-03",
        "Attended a networking meeting: HDI New Jersey Chapter meeting 11",
        "HDI New Jersey Chapter",
    ]
    assert len(rows) == 7
    page = html_path.read_text()
    assert "Tue 3 Nov 2026 to Thu 5 Nov 2026" in page and page.count("<tr>") == 7
    outcomes = activities(
        read_log(store),
        date(2026, 11, 20),
        date(2026, 12, 8),
    )
    assert [
        (a.activity, a.person)
        for a in outcomes
        if a.activity in ("Referral", "Job interview", "Informational interview")
    ] == [
        ("Referral", "Dana Whitfield (Claims director)"),
        ("Informational interview", ""),
        ("Job interview", "Dana Whitfield (Claims director)"),
    ]


def test_work_search_escapes_what_the_person_typed(tmp_path):
    from meetscout.work_search import Activity, page

    text = page(
        [Activity(date(2026, 11, 3), "<script>alert(1)</script>", "A & B")],
        date(2026, 11, 1),
        date(2026, 11, 7),
    )
    assert "<script>" not in text and "&lt;script&gt;" in text and "A &amp; B" in text


def test_the_balance_expects_one_a_week_over_the_days_logged():
    from meetscout.log_report import balance
    from tests.log_history import et

    def attended(day, crowd="employed"):
        return {
            "starts_at": et(2026, *day, 18, 0).isoformat(),
            "outcome": "attended",
            "crowd": crowd,
        }

    entries = [attended((10, 28)), attended((11, 4)), attended((11, 19)), attended((11, 28))]
    entries.append({**attended((11, 12)), "outcome": "skipped"})  # a skipped one counts nowhere
    months = balance(entries, PROFILE, et(2026, 12, 20, 12, 0))
    assert [(m.month, m.employed, m.employed_goal, m.partial, m.verdict) for m in months] == [
        ("2026-10", 1, 1, False, "on rhythm"),  # the log began on the 28th: one was enough
        ("2026-11", 3, 4, False, "fewer than one a week where the employed go"),
        ("2026-12", 0, 3, True, "fewer than one a week where the employed go"),
    ]
    may = balance(
        [], PROFILE, et(2026, 12, 20, 12, 0), start=date(2026, 5, 1), end=date(2026, 6, 1)
    )
    assert [(m.month, m.employed_goal, m.verdict) for m in may] == [
        ("2026-05", 4, "fewer than one a week where the employed go")
    ]
