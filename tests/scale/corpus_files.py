"""Writers of small corpus files for the scale tests: JSONL.gz and WARC (gzipped or not),
made with warcio itself, and ways to corrupt them."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SENTENCE = (
    "Officials in Kharkiv said {n} civilians were wounded on Monday when a missile hit the city."
)


def article_text(n: int) -> str:
    return " ".join([SENTENCE.format(n=n)] * 3)


def write_jsonl_gz(path: Path, numbers: range, published: str = "2024-12-28") -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in numbers:
            record = {"id": f"j{n}", "text": article_text(n), "published": published}
            out.write(json.dumps(record) + "\n")
    return path


def html_page(n: int) -> bytes:
    body = article_text(n)
    return (
        f"<html><head><title>Strike {n}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Strike {n}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


def write_warc(path: Path, numbers: range, *, gzipped: bool) -> Path:
    """One request, one HTML response and one image per number, then a WET-style plain
    text conversion record: only the responses and the conversion are documents."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for n in numbers:
            url = f"https://example.org/news/{n}"
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "request",
                    payload=io.BytesIO(b""),
                    http_headers=StatusAndHeaders("GET /news HTTP/1.1", [], is_http_request=True),
                )
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(html_page(n)),
                    http_headers=StatusAndHeaders(
                        "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
                    ),
                )
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.org/logo-{n}.png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"),
                    http_headers=StatusAndHeaders(
                        "200 OK", [("Content-Type", "image/png")], "HTTP/1.1"
                    ),
                )
            )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/plain",
                "conversion",
                payload=io.BytesIO(article_text(99).encode()),
                warc_headers_dict={"Content-Type": "text/plain"},
            )
        )
    return path


def corrupt_response(path: Path, number: int, *, gzipped: bool) -> None:
    """Damage the HTML response record of page `number` (its gzip member, or its WARC
    header line), leaving the other records intact."""
    data = bytearray(path.read_bytes())
    if gzipped:
        members = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
        start = members[3 * number + 1]  # request, response, image per page
        data[start + 12 : start + 60] = b"\x00" * 48
    else:
        url = f"WARC-Target-URI: https://example.org/news/{number}".encode()
        header = data.rfind(b"WARC/1.", 0, data.find(url, data.find(url) + 1))
        data[header : header + 7] = b"XXXX/9."
    path.write_bytes(bytes(data))
