from datetime import UTC, date, datetime, timedelta

from meetscout.linkedin.page_budget import PageBudget
from meetscout.store import Store


def test_budget_counts_per_day_across_instances(tmp_path):
    path = tmp_path / "m.db"
    with Store(path) as store:
        budget = PageBudget(store, "linkedin", 3, today=date(2026, 1, 5))
        assert (budget.used(), budget.left()) == (0, 3)
        budget.spend()
        budget.spend()
    with Store(path) as store:  # another run the same day
        again = PageBudget(store, "linkedin", 3, today=date(2026, 1, 5))
        assert (again.used(), again.left()) == (2, 1)
        again.spend()
        again.spend()
        assert again.left() == 0  # never negative
        tomorrow = PageBudget(store, "linkedin", 3, today=date(2026, 1, 6))
        assert tomorrow.left() == 3
        assert PageBudget(store, "meetup", 3, today=date(2026, 1, 5)).left() == 3


def test_blocked_until_is_remembered_and_forgotten(store):
    assert store.blocked_until("linkedin") is None
    until = datetime(2026, 1, 6, 12, tzinfo=UTC)
    store.block_until("linkedin", until)
    assert store.blocked_until("linkedin") == until
    store.block_until("linkedin", until + timedelta(hours=1))
    assert store.blocked_until("linkedin") == until + timedelta(hours=1)
    store.block_until("linkedin", None)
    assert store.blocked_until("linkedin") is None
