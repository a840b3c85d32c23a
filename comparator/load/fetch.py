"""Articles from URLs, fetched with trafilatura's downloader (urllib3 underneath).

``comparator compare https://a.example/story https://b.example/story`` reads
each page with :func:`fetch_page`: a timeout (:data:`TIMEOUT_SECONDS`), a size
cap (``Settings.max_file_bytes``; larger pages are refused, not cut), a user
agent that says what is asking (:func:`user_agent`), at most
:data:`MAX_REDIRECTS` redirects, and trafilatura's SSRF protection (pages on
private and loopback addresses are refused unless ``allow_private=True``,
which the tests use for a server on 127.0.0.1). A page that cannot be
fetched raises :class:`~comparator.errors.FetchError` naming the URL and the
reason; the bytes are decoded with the charset the server declares, then the
page's own (:func:`comparator.load.charset.decode_html`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from comparator.errors import FetchError

__all__ = ["MAX_REDIRECTS", "TIMEOUT_SECONDS", "Page", "fetch_page", "is_url", "load_url", "user_agent"]

TIMEOUT_SECONDS = 20
MAX_REDIRECTS = 3


def user_agent() -> str:
    """The User-Agent header sent: the tool, its version and why it asks."""
    from comparator import __version__

    return f"comparator/{__version__} (news comparison tool; fetches the pages it was given, once)"


_URL = re.compile(r"^https?://", re.IGNORECASE)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """A fetched page: final URL (after redirects), body bytes and the server's charset, if any."""

    url: str
    data: bytes
    charset: str | None


def is_url(source: object) -> bool:
    """Whether a source is an http(s) URL rather than a path."""
    return isinstance(source, str) and bool(_URL.match(source.strip()))


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _config(max_bytes: int, allow_private: bool):  # noqa: ANN202 - ConfigParser
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(TIMEOUT_SECONDS))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "MIN_FILE_SIZE", "1")
    config.set("DEFAULT", "MAX_REDIRECTS", str(MAX_REDIRECTS))
    config.set("DEFAULT", "USER_AGENTS", user_agent())
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    return config


#: (pattern in urllib3's error text, what failed, what to do); first match wins. The patterns are
#: urllib3/ssl exception names (urllib3.exceptions), which trafilatura logs when a download fails.
_REASONS = (
    (r"NameResolutionError|Name or service not known|nodename nor servname|getaddrinfo failed|"
     r"Temporary failure in name resolution",
     "the host name {host} could not be found (no such host, or no network)",
     "Check the address for typos and that this computer is online."),
    (r"ConnectTimeout|ReadTimeout|timed out|TimeoutError",
     "{host} did not answer within " + str(TIMEOUT_SECONDS) + " s",
     "Try again later, or check your connection."),
    (r"Connection refused|ConnectionRefused", "{host} refused the connection",
     "Check the address and port; the site may be down."),
    (r"SSLError|SSL|CERTIFICATE", "the secure (TLS) connection to {host} failed",
     "Check the address (http or https) and the site's certificate."),
    (r"MaxRetryError|redirect", "too many redirects or failed retries at {host}",
     "Open the address in a browser to see where it leads."),
    (r"private|loopback|SSRF|blocked", "{host} is a private or local address, which is not fetched",
     "Save the page as .html and pass the file."),
)


def plain_reason(reason: str, host: str) -> tuple[str, str]:
    """(what failed, what to do) in plain words for the downloader's error text ``reason``."""
    for pattern, what, todo in _REASONS:
        if re.search(pattern, reason, re.IGNORECASE):
            return what.format(host=host), todo
    return (f"the download from {host} failed",
            f"Check the address and your connection (timeout {TIMEOUT_SECONDS} s).")


def fetch_page(url: str, *, max_bytes: int, allow_private: bool = False) -> Page:
    """Download ``url``; raises :class:`FetchError` with the reason when it cannot."""
    from trafilatura.downloads import fetch_response

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError("is not an http(s) URL.", path=url, hint="Give a full URL such as https://example.com/story.")
    capture = _Capture()
    logger = logging.getLogger("trafilatura.downloads")
    logger.addHandler(capture)
    propagate = logger.propagate
    logger.propagate = False  # the reason goes into the one FetchError, not also into the log
    try:
        response = fetch_response(url, config=_config(max_bytes + 1, allow_private))
    finally:
        logger.removeHandler(capture)
        logger.propagate = propagate
    if response is None:
        reason = capture.messages[-1] if capture.messages else "no response"
        reason = reason.replace(url, "").replace("download error:", "").strip(" :")
        if "MAX_FILE_SIZE" in reason:
            raise FetchError(f"is larger than the limit of {max_bytes:,} bytes.", path=url,
                             hint="Save the page as .html and trim it, or raise max_file_bytes in "
                                  "[tool.comparator].")
        what, todo = plain_reason(reason, parts.hostname or parts.netloc)
        raise FetchError(f"could not be fetched: {what}.", path=url,
                         hint=f"{todo} Or save the page from a browser as .html and pass the file.")
    if response.status != 200:
        raise FetchError(f"answered HTTP {response.status} instead of the page.", path=url,
                         hint="Check the address; pages behind a login must be saved from a browser as .html.")
    data = response.data or b""
    if len(data) > max_bytes:
        raise FetchError(f"is larger than the limit of {max_bytes:,} bytes.", path=url,
                         hint="Save the page as .html and trim it, or raise max_file_bytes in [tool.comparator].")
    if not data.strip():
        raise FetchError("returned an empty page.", path=url, hint="Check the address.")
    headers = getattr(response, "headers", None) or {}
    ctype = headers.get("content-type") or headers.get("Content-Type") or ""
    m = _CHARSET.search(ctype)
    return Page(url=response.url or url, data=data, charset=m.group(1) if m else None)


def load_url(url: str, *, max_bytes: int, allow_private: bool = False):  # noqa: ANN201 - Article
    """The :class:`~comparator.types.Article` at ``url`` (fetched, decoded, extracted)."""
    import dataclasses

    from comparator.load.charset import decode_html
    from comparator.load.fields import slug
    from comparator.load.html import parse_html

    page = fetch_page(url, max_bytes=max_bytes, allow_private=allow_private)
    decoded = decode_html(page.data, url, http_charset=page.charset)
    parts = urlsplit(page.url)
    stem = slug(f"{parts.hostname or 'page'}-{Path(parts.path).stem or 'index'}")
    article = parse_html(decoded.text, path=Path(stem), source_path=url, encoding=decoded.encoding,
                         warnings=decoded.warnings)
    meta = dict(article.meta)
    if meta.get("outlet_source") == "filename":
        meta["outlet_source"] = "hostname"
        article = dataclasses.replace(article, outlet=parts.hostname or article.outlet)
    return dataclasses.replace(article, url=article.url or page.url, meta=meta)
