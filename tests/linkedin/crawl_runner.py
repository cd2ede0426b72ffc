"""Run one `linkedin_events` crawl in its own process and print its run row as JSON.

Scrapy's reactor cannot restart, so each test crawl gets a fresh process:
    python -m tests.linkedin.crawl_runner '{"db": "...", "session": "...", ...}'
"""

import json
import sys

from meetscout.spiders.linkedin_events import LinkedInEventsSpider
from meetscout.spiders.run import run_spider


def main() -> None:
    args = json.loads(sys.argv[1])
    db = args.pop("db")
    run = run_spider(LinkedInEventsSpider, db, **args)
    print(json.dumps(run))


if __name__ == "__main__":
    main()
