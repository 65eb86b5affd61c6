"""Who may read what: the dispatcher logs in with a session cookie; the platform with its token."""

from __future__ import annotations

import hmac
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from pwdlib import PasswordHash

from dispatch.deps import SettingsDep
from dispatch.errors import AuthenticationError
from dispatch.settings import Settings

SESSION_COOKIE = "dispatch_session"
SESSION_MAX_AGE = 14 * 3600  # one working day and some


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


@lru_cache
def _dev_password_hash(password: str) -> str:
    return hash_password(password)


def check_dispatcher_credentials(settings: Settings, username: str, password: str) -> bool:
    """Compare against the stored hash; development may hash its plain placeholder once."""
    stored = settings.dispatcher_password_hash or _dev_password_hash(settings.dispatcher_password)
    name_ok = hmac.compare_digest(username.encode(), settings.dispatcher_username.encode())
    return _hasher().verify(password, stored) and name_ok


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.session_secret, salt="dispatcher-session")


def make_session_token(settings: Settings, username: str) -> str:
    return _serializer(settings).dumps({"user": username})


def current_dispatcher(request: Request, settings: SettingsDep) -> str:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise AuthenticationError("Log in as dispatcher to see this.")
    try:
        data = _serializer(settings).loads(token, max_age=SESSION_MAX_AGE)
    except SignatureExpired as error:
        raise AuthenticationError("Your session has expired; log in again.") from error
    except BadSignature as error:
        raise AuthenticationError("Invalid session; log in again.") from error
    return str(data["user"])


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token else None


def platform_or_dispatcher(request: Request, settings: SettingsDep) -> str:
    """The platform with its API token, or a logged-in dispatcher."""
    token = _bearer_token(request)
    if token is not None:
        if hmac.compare_digest(token.encode(), settings.platform_api_token.encode()):
            return "platform"
        raise AuthenticationError("The platform API token is not valid.")
    return current_dispatcher(request, settings)


DispatcherDep = Annotated[str, Depends(current_dispatcher)]
PlatformOrDispatcherDep = Annotated[str, Depends(platform_or_dispatcher)]
