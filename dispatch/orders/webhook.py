"""POST /webhooks/orders: verify, store the raw event (the inbox), then process it.

The raw event is committed before processing, so an order is never lost when processing fails
or the process dies; such events stay `failed`/`received` and can be retried. A retried event id
gets the answer it got the first time.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dispatch.area_services import AreaServices
from dispatch.errors import DispatchError, InputError, NotFoundError, PayloadTooLarge
from dispatch.orders.intake import process_event
from dispatch.orders.signature import verify
from dispatch.settings import Settings
from dispatch.tables import WebhookEvent, utcnow

log = logging.getLogger(__name__)
router = APIRouter(tags=["webhook"])

MAX_BODY_BYTES = 256 * 1024
FINAL_STATES = ("processed", "rejected")


class WebhookAnswer(BaseModel):
    order_id: str | None = None
    status: str | None = None
    result: str | None = None
    message: str


@router.post(
    "/webhooks/orders",
    response_model=WebhookAnswer,
    responses={401: {}, 409: {}, 413: {}, 422: {}, 500: {}},
)
async def receive_order_event(request: Request) -> JSONResponse:
    """The shop platform's order webhook (see the platform contract)."""
    body = await request.body()
    settings: Settings = request.app.state.settings
    if len(body) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"The body is {len(body)} bytes; at most {MAX_BODY_BYTES} allowed.")
    headers = request.headers
    verify(
        settings.webhook_secret,
        headers.get("x-platform-timestamp"),
        headers.get("x-platform-signature"),
        body,
    )
    event_id = (headers.get("x-platform-event-id") or "").strip()
    event_type = (headers.get("x-platform-event") or "").strip()
    if not event_id or len(event_id) > 128:
        raise InputError("X-Platform-Event-Id is missing or too long.", field="X-Platform-Event-Id")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError("The body is not UTF-8.", code="invalid_encoding") from error
    status, answer = await run_in_threadpool(
        handle_event, request.app.state.engine, request.app.state.area, settings,
        event_id, event_type, text,
    )  # fmt: skip
    return JSONResponse(answer, status_code=status)


def handle_event(
    engine: Engine,
    area: AreaServices,
    settings: Settings,
    event_id: str,
    event_type: str,
    body: str,
) -> tuple[int, dict[str, Any]]:
    """Store (once) and process one event; returns the HTTP status and body to answer."""
    with Session(engine) as session:
        event = session.get(WebhookEvent, event_id)
        if event is not None and event.status in FINAL_STATES and event.response_body:
            log.info("repeated event answered from the inbox", extra={"event_id": event_id})
            return event.response_status or 200, event.response_body
        if event is None:
            event = WebhookEvent(id=event_id, event_type=event_type, body=body)
            session.add(event)
            session.commit()  # the inbox: stored before anything else can fail
    return process_stored_event(engine, area, settings, event_id)


def process_stored_event(
    engine: Engine, area: AreaServices, settings: Settings, event_id: str
) -> tuple[int, dict[str, Any]]:
    """Process an inbox event (first time or retry); the order and the event's outcome are
    committed together, so a crash in between leaves the event to be processed again."""
    with Session(engine) as session:
        event = session.get(WebhookEvent, event_id)
        if event is None:
            raise NotFoundError(f"No webhook event {event_id!r} in the inbox.")
        try:
            outcome = process_event(session, area, settings, event.event_type, event.body)
        except DispatchError as refusal:
            session.rollback()
            state = "rejected" if refusal.status_code < 500 else "failed"
            return _record(session, event, state, refusal.status_code, refusal.to_body(),
                           refusal.message)  # fmt: skip
        except Exception as crash:  # processing must not lose the stored event
            session.rollback()
            log.exception("processing webhook event failed", extra={"event_id": event_id})
            answer = {
                "error": "processing_failed",
                "message": "The event is stored but could not be processed yet; "
                "it will be processed on retry.",
            }
            return _record(
                session, event, "failed", 500, answer, f"{type(crash).__name__}: {crash}"
            )
        return _record(session, event, "processed", outcome.status_code, outcome.body, None)


def _record(
    session: Session,
    event: WebhookEvent,
    state: str,
    status: int,
    answer: dict[str, Any],
    error: str | None,
) -> tuple[int, dict[str, Any]]:
    event.attempts += 1
    event.status, event.error = state, error
    event.response_status, event.response_body = status, answer
    event.processed_at = utcnow()
    event.platform_order_id = answer.get("order_id") or _order_id(event.body)
    session.add(event)
    session.commit()
    return status, answer


def _order_id(body: str) -> str | None:
    try:
        return str(json.loads(body)["order"]["id"])
    except (ValueError, KeyError, TypeError):
        return None
