"""Chromium with the meetscout extension on the sample pages, under their real addresses.

Playwright routes `https://www.meetup.com/**` and `https://www.linkedin.com/**` to the rendered
sample, so the extension's content scripts run exactly as on the real sites, and its service
worker talks to the demo's API on 127.0.0.1. Each stop is screenshotted with its badges counted.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from ..browser import QUIET_ARGS
from ..extension import extension_dir
from .localsite import Reply

BADGE = "[data-meetscout-badge]"
SITES = ("https://www.meetup.com", "https://www.linkedin.com")


@dataclass
class Stop:
    """One page of the tour and what it should show."""

    name: str
    url: str
    note: str
    hover: bool = False  # open the badge's reasons before the shot


@dataclass
class Shot:
    name: str
    url: str
    path: str
    badges: int
    labels: list[str] = field(default_factory=list)
    error: str | None = None
    links: list[str] = field(default_factory=list)  # "Also on the chapter's site", …


def _router(routes: dict[str, dict[str, Reply]]) -> Callable:
    """A Playwright route handler serving each site's sample by path; anything else is a 404."""

    def handle(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        site = routes.get(f"{parts.scheme}://{parts.netloc}", {})
        path = parts.path if parts.path.endswith("/") or "." in parts.path else parts.path + "/"
        reply = site.get(path) or site.get(parts.path)
        if reply is None:
            route.fulfill(status=404, content_type="text/html", body="<h1>Not in the sample</h1>")
            return
        body = reply.body.encode() if isinstance(reply.body, str) else reply.body
        route.fulfill(status=reply.status, content_type=reply.content_type, body=body)

    return handle


def _badge_labels(page) -> list[str]:
    # Open shadow roots: Playwright's CSS engine looks inside them.
    texts = page.locator(f"{BADGE} .badge").all_inner_texts()
    return [" ".join(t.split()) for t in texts]


class BrowserTour:
    def __init__(
        self,
        *,
        chromium: Path,
        profile_dir: Path,
        shots_dir: Path,
        routes: dict[str, dict[str, Reply]],
        api_base: str,
        token: str,
        headless: bool,
        timezone: str | None = None,
    ):
        self.chromium = chromium
        self.profile_dir = profile_dir
        self.shots_dir = shots_dir
        self.routes = routes
        self.api_base = api_base
        self.token = token
        self.headless = headless
        self.timezone = timezone  # the person's: the popup shows times in the browser's zone
        self._pw = None
        self.context = None

    def __enter__(self) -> BrowserTour:
        from playwright.sync_api import sync_playwright

        ext = extension_dir()  # ExtensionNotFound says where it looked
        self._pw = sync_playwright().start()
        try:
            self.context = self._pw.chromium.launch_persistent_context(
                str(self.profile_dir),
                executable_path=str(self.chromium),
                headless=self.headless,
                viewport={"width": 1100, "height": 760},
                timezone_id=self.timezone,
                args=[
                    f"--disable-extensions-except={ext}",
                    f"--load-extension={ext}",
                    *QUIET_ARGS,
                ],
            )
        except BaseException:
            self._pw.stop()
            self._pw = None
            raise
        for origin in SITES:
            self.context.route(f"{origin}/**", _router(self.routes))
        self._pair()
        return self

    def _pair(self) -> None:
        """Give the extension the API address and token, as its options page would."""
        prefix = "chrome-extension://"
        worker = next((w for w in self.context.service_workers if w.url.startswith(prefix)), None)
        worker = worker or self.context.wait_for_event("serviceworker", timeout=15000)
        worker.evaluate(
            """async ([apiBase, token]) => {
                await chrome.storage.local.set({apiBase, token, capture: true});
                await chrome.storage.session.clear();
            }""",
            [self.api_base, self.token],
        )

    def visit(self, stop: Stop, wait_ms: int = 8000) -> Shot:
        page = self.context.new_page()
        path = self.shots_dir / f"{stop.name}.png"
        try:
            page.goto(stop.url, wait_until="domcontentloaded")
            # No badge in time: the shot and the zero count say so.
            with contextlib.suppress(PlaywrightError):
                page.locator(f"{BADGE} .badge").first.wait_for(timeout=wait_ms)
            _settle(page)
            if stop.hover and page.locator(BADGE).count():
                page.locator(f"{BADGE} .badge").first.hover()
                page.wait_for_timeout(200)
            page.screenshot(path=str(path), full_page=False)
            links = page.locator(f"{BADGE} a.also-at").all_inner_texts()
            return Shot(stop.name, stop.url, str(path), page.locator(BADGE).count(),
                        _badge_labels(page), links=links)  # fmt: skip
        except Exception as exc:  # one page failing must not end the tour
            return Shot(stop.name, stop.url, str(path), 0, [], f"{type(exc).__name__}: {exc}")
        finally:
            if self.headless:
                page.close()

    def popup(self, name: str, wait_ms: int = 8000) -> Path | None:
        """A screenshot of the extension's popup, with this week's plan, at a popup's size."""
        worker = next(
            (w for w in self.context.service_workers if w.url.startswith("chrome-extension://")),
            None,
        )
        if worker is None:
            return None
        origin = "/".join(worker.url.split("/")[:3])
        page = self.context.new_page()
        path = self.shots_dir / f"{name}.png"
        try:
            page.set_viewport_size({"width": 380, "height": 640})
            page.goto(f"{origin}/popup.html")
            page.locator("#plan:not([hidden])").wait_for(timeout=wait_ms)
            page.wait_for_timeout(200)
            page.screenshot(path=str(path), full_page=True)
            return path
        except PlaywrightError:
            return None
        finally:
            page.close()

    def wait_until_closed(self) -> None:
        """With a display, leave the browser to the person until Ctrl-C or the window closes."""
        try:
            while self.context.pages:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass

    def __exit__(self, *exc: object) -> None:
        # After Ctrl-C the browser may already be gone: closing it is then no error.
        try:
            if self.context is not None:
                with contextlib.suppress(PlaywrightError):
                    self.context.close()
        finally:
            if self._pw is not None:
                with contextlib.suppress(PlaywrightError):
                    self._pw.stop()


def _settle(page, quiet_ms: int = 300, limit_ms: int = 3000) -> None:
    """Wait until the badge count stops changing (cards are flagged in batches)."""
    last, still, waited = -1, 0, 0
    while waited < limit_ms and still < quiet_ms:
        count = page.locator(BADGE).count()
        still = still + 100 if count == last else 0
        last = count
        page.wait_for_timeout(100)
        waited += 100


def write_shots(shots: list[Shot], path: Path) -> None:
    path.write_text(json.dumps([asdict(s) for s in shots], indent=2))
