"""URL inputs: fetched with trafilatura's downloader from a local server on 127.0.0.1 (no internet)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from comparator.errors import FetchError
from comparator.load.fetch import fetch_page, is_url, load_url

FIELD = Path(__file__).parent / "data" / "field"
PAGES = {
    "/herald": (FIELD / "01-related-links" / "input" / "harbor-herald.html").read_bytes(),
    "/oder": (FIELD / "04-legacy-charset" / "input" / "oder-courier.html").read_bytes(),
    "/big": b"<html><body>" + b"<p>word</p>" * 20000 + b"</body></html>",
}


class Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server API
        Handler.agents.append(self.headers.get("User-Agent", ""))
        body = PAGES.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"not here")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")  # no charset: the page's own meta decides
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_is_url():
    assert is_url("https://example.com/a") and is_url("HTTP://x.org")
    assert not is_url("corpora/x.md") and not is_url("ftp://x.org/a")


def test_page_is_fetched_and_extracted(server):
    art = load_url(f"{server}/herald", max_bytes=1_000_000, allow_private=True)
    assert art.outlet == "Harbor Herald" and art.url == f"{server}/herald"
    assert art.source_path == f"{server}/herald" and "36-inch water main" in art.text
    assert Handler.agents and Handler.agents[-1].startswith("comparator/")


def test_declared_charset_of_a_fetched_page(server):
    art = load_url(f"{server}/oder", max_bytes=1_000_000, allow_private=True)
    assert art.encoding == "iso8859-2" and "Łucja Wąsik" in art.text


def test_http_error_names_the_url(server):
    with pytest.raises(FetchError, match="HTTP 404") as err:
        fetch_page(f"{server}/missing", max_bytes=1_000_000, allow_private=True)
    assert err.value.path == f"{server}/missing" and err.value.code == "E120"


def test_size_cap(server):
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch_page(f"{server}/big", max_bytes=10_000, allow_private=True)


def test_connection_refused_is_a_clear_error():
    import socket

    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="could not be fetched"):
        fetch_page(f"http://127.0.0.1:{port}/x", max_bytes=1000, allow_private=True)


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchError):
        fetch_page(f"{server}/herald", max_bytes=1_000_000)


def test_cli_reports_a_failed_url(server, tmp_path):
    from click.testing import CliRunner

    from comparator.cli import cli

    result = CliRunner().invoke(cli, ["claims", f"{server}/missing"])
    assert result.exit_code == 2 and "E120" in result.output and "/missing" in result.output


def test_url_column_of_a_corpus_is_fetched(server, tmp_path, monkeypatch):
    import functools

    import comparator.load.fetch as fetch
    from comparator.load import load_articles

    monkeypatch.setattr(fetch, "load_url", functools.partial(fetch.load_url, allow_private=True))
    corpus = tmp_path / "c.csv"
    corpus.write_text(f"event,outlet,url,text\nflood,Harbor Herald,{server}/herald,\n"
                      "flood,Coastline Daily,,Crews closed the line shortly after 5 a.m.\n", encoding="utf-8")
    arts = load_articles([corpus])
    assert [a.outlet for a in arts] == ["Harbor Herald", "Coastline Daily"]
    assert "36-inch water main" in arts[0].text and arts[0].meta["event"] == "flood"
    assert arts[0].source_path.endswith("c.csv#0") and arts[0].url == f"{server}/herald"
