"""Issue 17.4: the profile's lists are bounded with a clear 422, and a profile stored before the
bounds is read as far as they allow; matching targets does not grow with the list (see
benchmarks/targets.py for the figures)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from meetscout.api.app import create_app
from meetscout.api.settings import ApiSettings

from meetscout.classify.classifier import find_targets
from meetscout.model import MAX_TARGET_CHARS, MAX_TARGETS, Profile
from meetscout.store import Store

TOKEN = "test-pairing-token-0123456789abcdef"


def _client(db) -> TestClient:
    app = create_app(ApiSettings(token=TOKEN, db_path=db))
    client = TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {TOKEN}"
    return client


def test_a_target_list_past_the_bound_is_a_clear_422(tmp_path):
    client = _client(tmp_path / "m.db")
    many = [f"Company {i}" for i in range(MAX_TARGETS + 1)]
    answer = client.put("/v1/profile", json={"target_companies": many})
    assert answer.status_code == 422, answer.text
    assert "target_companies" in answer.json()["detail"]
    assert f"at most {MAX_TARGETS}" in answer.json()["detail"]
    long_name = "x" * (MAX_TARGET_CHARS + 1)
    answer = client.put("/v1/profile", json={"target_industries": [long_name]})
    assert answer.status_code == 422 and "target_industries" in answer.json()["detail"]
    assert client.get("/v1/profile").json()["target_companies"] == []  # nothing was stored


def test_a_profile_stored_before_the_bounds_is_read_within_them(tmp_path):
    db = tmp_path / "m.db"
    huge = [f"Company {i}" for i in range(3000)]
    with Store(db) as store:
        store.save_profile(
            Profile.model_construct(**{**Profile().model_dump(), "target_companies": huge})
        )
        profile = store.get_profile()
    assert profile.target_companies == huge[:MAX_TARGETS]


def test_targets_are_found_whole_in_any_case_and_spacing():
    profile = Profile(target_companies=["Prudential", "Johnson & Johnson", "ADP"],
                      target_industries=["insurance"])  # fmt: skip
    texts = ["Insurance Analytics at PRUDENTIAL", "hosted by johnson  &\njohnson", "ADPX day"]
    assert find_targets(profile, texts) == ["Prudential", "Johnson & Johnson", "insurance"]
