import urllib.error
import urllib.request

import pytest

from meetscout.demo.localsite import LocalSite, Reply


def get(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.status, r.read().decode()


def test_routes_files_and_log(tmp_path):
    (tmp_path / "hdi-nj" / "events").mkdir(parents=True)
    (tmp_path / "hdi-nj" / "events" / "index.html").write_text("<h1>events</h1>")
    (tmp_path / "secret.txt").write_text("x")
    answers = iter([Reply("first"), Reply("second", 429)])
    routes = {
        "/robots.txt": Reply("User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/flaky": lambda path: next(answers),
    }
    with LocalSite(routes, root=tmp_path / "hdi-nj") as site:
        assert get(site.url("/events/")) == (200, "<h1>events</h1>")
        assert get(site.url("/flaky")) == (200, "first")
        with pytest.raises(urllib.error.HTTPError) as err:
            get(site.url("/flaky"))
        assert err.value.code == 429
        with pytest.raises(urllib.error.HTTPError):
            get(site.url("/../secret.txt"))
        assert [h.path for h in site.hits][:2] == ["/events/", "/flaky"]
