"""Documents from the web: article URLs and RSS/Atom feeds.

An article URL is fetched with httpx under limits (connect and read timeouts, an
overall deadline, a size limit, at most MAX_REDIRECTS redirects) and its main text and
metadata (title, site name, date) are extracted with trafilatura. A feed (URL or file)
is parsed with feedparser; each entry's link is fetched the same way, or, with
`summaries=True`, the entry's own summary is read instead (no fetching).

Nothing here raises for a bad item: an unreachable host, a timeout, a 404, a page with
no article text or a broken feed entry is yielded as an `InputError` saying why, and the
next item goes on.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from fogofwar.ingest.language import looks_english
from fogofwar.ingest.readers import InputError, normalize_published
from fogofwar.schema import Document

MAX_FETCH_BYTES = 10 * 2**20  # an article page; feeds get the same limit
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
DEADLINE = 60.0  # whole download, against servers that trickle bytes forever
MAX_REDIRECTS = 5
USER_AGENT = "fogofwar/0.1 (news reader; +https://github.com/fogofwar)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_ARTICLE_WORDS = 8  # less is a menu or a cookie banner, not an article


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much one download may take."""

    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    deadline: float = DEADLINE
    max_bytes: int = MAX_FETCH_BYTES
    max_redirects: int = MAX_REDIRECTS


DEFAULT_LIMITS = FetchLimits()


def is_url(text: str) -> bool:
    return urlparse(text).scheme in ("http", "https")


def make_client(limits: FetchLimits = DEFAULT_LIMITS) -> httpx.Client:
    """An httpx client with fogofwar's timeouts and redirect cap."""
    return httpx.Client(
        timeout=httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": USER_AGENT},
    )


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str
    url: str


def download(
    url: str, client: httpx.Client, limits: FetchLimits = DEFAULT_LIMITS
) -> Download | InputError:
    """The bytes at `url`, or an InputError saying in one line why not."""
    started = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                return InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                return InputError(url, _too_large(limits.max_bytes))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    return InputError(url, _too_large(limits.max_bytes))
                if time.monotonic() - started > limits.deadline:
                    return InputError(url, f"download took over {limits.deadline:.0f} s")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").split(";")[0].strip()
            return Download(b"".join(chunks), content_type.lower(), str(response.url))
    except httpx.TimeoutException:
        return InputError(url, "timed out (the server did not answer in time)")
    except httpx.TooManyRedirects:
        return InputError(url, f"too many redirects (more than {limits.max_redirects})")
    except httpx.ConnectError as error:
        return InputError(url, f"cannot connect ({_first_line(error)})")
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        return InputError(url, f"not a valid URL ({_first_line(error)})")
    except httpx.HTTPError as error:
        return InputError(url, f"download failed ({_first_line(error)})")


def fetch_document(
    url: str,
    client: httpx.Client,
    limits: FetchLimits = DEFAULT_LIMITS,
    *,
    check_language: bool = True,
) -> Document | InputError:
    """The article at `url` as a Document (text and metadata by trafilatura)."""
    fetched = download(url, client, limits)
    if isinstance(fetched, InputError):
        return fetched
    if fetched.content_type.startswith("text/plain"):
        text = fetched.data.decode("utf-8", errors="replace")
        metadata: dict = {}
    elif (
        fetched.content_type in HTML_TYPES
        or fetched.content_type == ""
        or (fetched.data.lstrip()[:1] == b"<")
    ):
        extracted = _extract_html(fetched.data, fetched.url)
        if extracted is None:
            return InputError(url, "no article text found in the page")
        text, metadata = extracted
    else:
        return InputError(url, f"not an article page (content type {fetched.content_type})")
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return InputError(url, "no article text found in the page")
    if check_language and not looks_english(text):
        return InputError(url, "does not look like English text (skipped)")
    published = metadata.get("date")
    return Document(
        id=url,
        url=url,
        text=text,
        title=metadata.get("title"),
        outlet=metadata.get("sitename") or urlparse(fetched.url).hostname,
        published=normalize_published(published) if published else None,
    )


def _extract_html(data: bytes, url: str) -> tuple[str, dict] | None:
    import trafilatura  # slow to import; only web pages need it

    try:
        extracted = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False
        )
    except Exception:  # noqa: BLE001 (trafilatura fails in many ways on broken markup)
        return None
    if extracted is None:
        return None
    metadata = extracted if isinstance(extracted, dict) else extracted.as_dict()
    return metadata.get("text") or "", metadata


def iter_feed(
    source: str,
    client_factory: Callable[[], httpx.Client],
    limits: FetchLimits = DEFAULT_LIMITS,
    *,
    summaries: bool = False,
    on_entries: Callable[[int], None] | None = None,
    check_language: bool = True,
) -> Iterator[Document | InputError]:
    """A Document per entry of the RSS/Atom feed at `source` (a URL or a file).

    Each entry's link is fetched, or its summary read when `summaries`; entries without
    either are InputErrors. `on_entries(n)` is told how many entries the feed has."""
    import feedparser  # only feeds need it

    if is_url(source):
        fetched = download(source, client_factory(), limits)
        if isinstance(fetched, InputError):
            yield fetched
            return
        data = fetched.data
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            yield InputError(source, f"cannot read the feed: {error.strerror or error}")
            return
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        reason = "not an RSS or Atom feed" if problem else "the feed has no entries"
        yield InputError(source, reason + (f" ({_first_line(problem)})" if problem else ""))
        return
    if on_entries:
        on_entries(len(parsed.entries))
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        name = f"{source} entry {number}"
        try:
            yield _entry_document(
                name, entry, outlet, client_factory, limits, summaries, check_language
            )
        except (AttributeError, TypeError, ValueError) as error:
            yield InputError(name, f"broken entry ({_first_line(error)})")


def _entry_document(
    name: str,
    entry: Any,
    outlet: str | None,
    client_factory: Callable[[], httpx.Client],
    limits: FetchLimits,
    summaries: bool,
    check_language: bool,
) -> Document | InputError:
    link = entry.get("link") or None
    title = entry.get("title") or None
    published = _entry_date(entry)
    if summaries:
        html = entry.get("summary") or ""
        if not html and entry.get("content"):
            html = entry["content"][0].get("value") or ""
        text = html_to_text(html)
        if not text:
            return InputError(name, "the entry has no summary text")
        return Document(
            id=link or name, url=link, title=title, outlet=outlet, published=published, text=text
        )
    if not link or not is_url(link):
        return InputError(
            name, "the entry has no web link (use --summaries to read its summary instead)"
        )
    document = fetch_document(link, client_factory(), limits, check_language=check_language)
    if isinstance(document, InputError):
        return document
    return document.model_copy(
        update={
            "title": document.title or title,
            "published": document.published or published,
            "outlet": outlet or document.outlet,
        }
    )


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        try:
            return date(*parsed[:3]).isoformat()
        except (TypeError, ValueError):
            return None
    return None


def html_to_text(html: str) -> str:
    """The text of an HTML fragment (a feed summary), whitespace collapsed."""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    import lxml.html

    try:
        text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return ""
    return " ".join(text.split())


def _too_large(limit: int) -> str:
    return f"too large (over {limit / 2**20:.0f} MB)"


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
