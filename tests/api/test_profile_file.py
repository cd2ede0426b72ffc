"""The API reads the one profile (issue 18 item 1): the extension's options open with the home
area of meetscout.toml's [profile], its targets reach the flags, and the newest change wins."""

from __future__ import annotations

import time

from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings

from meetscout.store import Store
from tests.api.conftest import EMPLOYED, EXTENSION_ID, TOKEN, Api, serve_in_thread
from tests.conftest import make_event

URL = "https://www.meetup.com/insurance-analytics/events/300000001/"


def eventually(read, want, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while (got := read()) != want and time.monotonic() < deadline:
        time.sleep(0.1)
    return got


def test_the_api_reads_and_follows_the_files_profile(tmp_path, monkeypatch):
    config = tmp_path / "meetscout.toml"
    config.write_text(
        '[profile]\nhome_area = "Newark, NJ"\ntarget_companies = ["Prudential", "ADP"]\n'
    )
    monkeypatch.setenv("MEETSCOUT_CONFIG", str(config))
    db = tmp_path / "api.db"
    with Store(db) as store:
        event = make_event(1, url=URL, title="Insurance Analytics Meetup at Prudential",
                           group_name="Insurance Analytics", assessment=EMPLOYED)  # fmt: skip
        store.upsert_events([event])
    settings = ApiSettings(token=TOKEN, db_path=db, extension_ids=(EXTENSION_ID,))
    server, thread, port = serve_in_thread(create_app(settings))
    try:
        with Api(f"http://127.0.0.1:{port}", db).client() as client:
            profile = client.get("/v1/profile").json()
            assert profile["home_area"] == "Newark, NJ"
            assert profile["target_companies"] == ["Prudential", "ADP"]

            def targets():
                r = client.post("/v1/flags", json={"items": [{"url": URL}]})
                return r.json()["flags"][0]["targets"]

            assert targets() == ["Prudential"]
            # The options page saves a change: it holds while the file stays as it was.
            r = client.put("/v1/profile", json={**profile, "target_companies": ["ADP"]})
            assert r.status_code == 200, r.text
            assert eventually(targets, []) == []
            assert client.get("/v1/profile").json()["home_area"] == "Newark, NJ"
            # The file's section changes: it is copied in, with no restart.
            config.write_text('[profile]\ntarget_companies = ["Prudential"]\n')
            assert eventually(targets, ["Prudential"]) == ["Prudential"]
    finally:
        server.should_exit = True
        thread.join(10)
