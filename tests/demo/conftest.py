"""The sample rendered once per test session at a fixed moment (a daylight-saving change inside)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from meetscout.demo.render import render_sample

# 1 March 2026: the six weeks ahead cross the US change to summer time on 8 March.
RENDERED_AT = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    return render_sample(tmp_path_factory.mktemp("demo-site"), now=RENDERED_AT)
