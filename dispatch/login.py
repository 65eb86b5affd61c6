"""The dispatcher's login and logout (a signed, HttpOnly, SameSite session cookie)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dispatch.auth import (
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    check_dispatcher_credentials,
    make_session_token,
)
from dispatch.deps import SettingsDep
from dispatch.templating import templates

router = APIRouter(tags=["login"])


def _safe_next(target: str | None) -> str:
    """Only local paths, so the login cannot be used to redirect elsewhere."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    return templates.TemplateResponse(
        request, "login.html", {"next": _safe_next(next), "error": None}
    )


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    settings: SettingsDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not check_dispatcher_credentials(settings, username, password):
        return templates.TemplateResponse(
            request,
            "login.html",
            {"next": _safe_next(next), "error": "Gebruikersnaam of wachtwoord klopt niet."},
            status_code=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session_token(settings, username),
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=settings.environment == "production",  # plain http on 127.0.0.1 in development
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
