"""The service's own errors, few in kind; `app.py` maps each kind to one HTTP status."""

from __future__ import annotations

from typing import Any


class DispatchError(Exception):
    """Base: a problem the service understands and can put into words for the caller."""

    status_code = 500
    code = "internal_error"

    def __init__(
        self, message: str, *, field: str | None = None, code: str | None = None, **details: Any
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details
        if code:
            self.code = code

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        if self.details:
            body["details"] = self.details
        return body


class InputError(DispatchError):
    """What the caller sent is wrong; retrying the same request will not help."""

    status_code = 422
    code = "invalid_input"


class NotFoundError(DispatchError):
    status_code = 404
    code = "not_found"


class ConflictError(DispatchError):
    """The request is valid but clashes with the current state (e.g. a plan still solving)."""

    status_code = 409
    code = "conflict"


class PayloadTooLarge(DispatchError):
    status_code = 413
    code = "payload_too_large"


class AuthenticationError(DispatchError):
    status_code = 401
    code = "unauthorized"


class PlanningError(DispatchError):
    """The planner itself failed (not: some work could not be planned, which is data)."""

    status_code = 500
    code = "planning_error"
