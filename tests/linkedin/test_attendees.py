import pytest

from meetscout.sources.linkedin.attendees import parse_attendee_line


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("Jane Doe and 12 others are attending", 13),
        ("Jane Doe, John Roe and 3 others are attending", 5),
        ("Jane Doe is attending", 1),
        ("Jane Doe and John Roe are attending", 2),
        ("134 attendees", 134),
        ("1,204 attendees", 1204),
        ("1.2K attendees", 1200),
        ("Matthias Müller und 307 weitere Personen nehmen teil", 308),
        ("Matthias Müller nimmt teil", 1),
        ("1.234 Teilnehmer:innen", 1234),
        ("Jean Dupont et 45 autres personnes participent", 46),
        ("156 participants", 156),
        ("1 234 participants", 1234),
        ("María y 20 personas más asistirán", 21),
    ],
)
def test_attendee_lines(line, count):
    assert parse_attendee_line(line) == count


@pytest.mark.parametrize(
    "line", [None, "", "PMI New Jersey Chapter", "Event by Jane and John", "Online", "Attend"]
)
def test_other_lines(line):
    assert parse_attendee_line(line) is None
