"""`meetscout` with the sources replaced by tiny real crawls, for CLI tests of schedule and status.

    TINY_PLANS='[{"name": "meetup", "schedule": "every 1 hour", "url": "http://…", "extra": []}]' \
        python -m tests.scheduler.schedule_cli schedule --once --db PATH
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from meetscout import cli
from meetscout.commands import schedule as schedule_command

from .conftest import plan, tiny


def tiny_plans(config, db: Path):
    return [
        plan(p["name"], p["schedule"], tiny(p["name"], p["url"], db, *p.get("extra", [])))
        for p in json.loads(os.environ["TINY_PLANS"])
    ]


if __name__ == "__main__":
    schedule_command.plan_sources = tiny_plans
    cli.main()
