"""The dashboard: server-rendered pages (Jinja2 templates, inline SVG, one small script).

Pages ask the same queries as the JSON API and render them with autoescaping templates;
the document view, the series chart and the events map are built in Python (article.py,
charts.py, worldmap.py). docs/dashboard.md says why there is no front-end build.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from fogofwar.api import format as fmt
from fogofwar.api import queries
from fogofwar.api.article import ArticleRenderer
from fogofwar.api.charts import claim_cards, series_chart, source_classes
from fogofwar.api.security import SESSION_COOKIE, require_reader_page, same_token, session_value
from fogofwar.api.worldmap import events_map
from fogofwar.ledger import Ledger
from fogofwar.schema import FigureCategory, PloverType

PAGE_SIZE = 50
EVENTS_PER_PAGE = 200
Words = Annotated[str | None, Query(max_length=200)]
Country = Annotated[str | None, Query(pattern="^([A-Za-z]{3})?$")]
Day = Annotated[date | None, Query()]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
pages = APIRouter(dependencies=[Depends(require_reader_page)])


def safe_url(url: str | None) -> str | None:
    """A document URL fit for an href: http(s) only (never javascript: or data:)."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("fogofwar.api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=fmt.number,
        day=fmt.day,
        claim_value=fmt.claim_value,
        claim_interval=fmt.claim_interval,
        series_title=fmt.series_title,
        safe_url=safe_url,
    )
    return env


templates = Jinja2Templates(env=environment())


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


LedgerDep = Annotated[Ledger, Depends(_ledger)]


@pages.get("/")
def home(request: Request, ledger: LedgerDep) -> Response:
    documents, total = queries.documents(ledger.engine, limit=8)
    return render(
        request,
        "index.html",
        counts=ledger.counts(),
        documents=documents,
        total=total,
        series=ledger.figures(limit=8),
        disputes=ledger.disputes(limit=5),
    )


@pages.get("/documents")
def documents_page(
    request: Request,
    ledger: LedgerDep,
    q: Words = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    found, total = queries.documents(
        ledger.engine, q=q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render(
        request,
        "documents.html",
        documents=found,
        total=total,
        q=q or "",
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
    )


@pages.get("/documents/{document_id}")
def document_page(request: Request, ledger: LedgerDep, document_id: int) -> Response:
    stored = queries.document_report(ledger.engine, document_id)
    if stored is None:
        raise HTTPException(404, f"no document {document_id}")
    article = ArticleRenderer(stored).render()
    return render(
        request,
        "document.html",
        stored=stored,
        report=stored.report,
        document=stored.report.document,
        article=article,
        actor_names={actor.id: actor.name for actor in stored.report.actors},
        place_names={place.id: place.name for place in stored.report.places},
        interval=fmt.figure_interval,
    )


@pages.get("/series")
def series_list_page(
    request: Request,
    ledger: LedgerDep,
    who: Words = None,
    country: Country = None,
    category: FigureCategory | None = None,
) -> Response:
    found = ledger.figures(who=who, country=country or None, category=category, limit=100)
    return render(
        request,
        "series_list.html",
        series=found,
        who=who or "",
        country=country or "",
        category=category or "",
        categories=FigureCategory.__args__,
    )


@pages.get("/series/{series_id}")
def series_page(request: Request, ledger: LedgerDep, series_id: int) -> Response:
    found = queries.series(ledger.engine, series_id)
    if found is None:
        raise HTTPException(404, f"no series {series_id}")
    disputed = queries.disputed_days(ledger.engine, series_id)
    return render(
        request,
        "series.html",
        series=found,
        chart=series_chart(found, disputed),
        cards=claim_cards(found),
        colours=source_classes(found.claims),
        disputed=disputed,
    )


@pages.get("/disputes")
def disputes_page(
    request: Request,
    ledger: LedgerDep,
    who: Words = None,
    country: Country = None,
    category: FigureCategory | None = None,
) -> Response:
    found = ledger.disputes(who=who, country=country or None, category=category, limit=100)
    return render(
        request,
        "disputes.html",
        disputes=found,
        who=who or "",
        country=country or "",
        category=category or "",
        categories=FigureCategory.__args__,
    )


@pages.get("/events")
def events_page(
    request: Request,
    ledger: LedgerDep,
    plover: Annotated[PloverType | None, Query()] = None,
    category: Annotated[str | None, Query(max_length=80)] = None,
    country: Country = None,
    actor: Words = None,
    place: Words = None,
    since: Day = None,
    until: Day = None,
) -> Response:
    filters = {
        "plover": plover,
        "category": category or None,
        "country": country or None,
        "actor": actor or None,
        "place": place or None,
        "since": since,
        "until": until,
    }
    found = queries.events(ledger.engine, limit=EVENTS_PER_PAGE, **filters)
    return render(
        request,
        "events.html",
        events=found,
        world=events_map(found),
        filters={k: ("" if v is None else v) for k, v in filters.items()},
        plovers=PloverType.__args__,
        most=EVENTS_PER_PAGE,
        categories=queries.event_categories(ledger.engine),
    )


@pages.get("/actors")
def actors_page(request: Request, ledger: LedgerDep, q: Words = None) -> Response:
    found = queries.actors(ledger.engine, q=q, limit=100)
    return render(request, "actors.html", actors=found, q=q or "")


@pages.get("/actors/{actor_id}")
def actor_page(request: Request, ledger: LedgerDep, actor_id: int) -> Response:
    found = queries.actor_claims(ledger.engine, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id}")
    return render(request, "actor.html", actor=found.actor, items=found.items)


@pages.get("/search")
def search_page(request: Request, ledger: LedgerDep, q: Words = None) -> Response:
    if not q:
        return RedirectResponse("/documents", status_code=303)
    documents, total = queries.documents(ledger.engine, q=q, limit=PAGE_SIZE)
    return render(
        request,
        "search.html",
        q=q,
        documents=documents,
        total=total,
        actors=queries.actors(ledger.engine, q=q, limit=20),
        series=queries.series_named(ledger.engine, q, limit=20),
    )


@pages.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    schema = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    return render(request, "apidocs.html", operations=operations, info=schema["info"])


@router.get("/login")
def login_form(request: Request) -> Response:
    return render(request, "login.html", failed=False)


@router.post("/login")
async def login(request: Request) -> Response:
    """Check the token typed in the form; on success set the session cookie."""
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    given = (form.get("token") or [""])[0]
    token: str | None = request.app.state.token
    if token is None or not same_token(given, token):
        return render(request, "login.html", status_code=401, failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_value(token), httponly=True, samesite="strict", path="/"
    )
    return response


router.include_router(pages)
