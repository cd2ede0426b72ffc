"""Crawling on a schedule: each source's schedule and plan, one lock per source, a process per
crawl, what the scheduler remembers, and the status `meetscout status` and the API report."""
