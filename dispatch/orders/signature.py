"""The platform's HMAC-SHA256 request signature, checked before the body is read as an order."""

from __future__ import annotations

import hashlib
import hmac
import time

from dispatch.errors import AuthenticationError

MAX_AGE_SECONDS = 5 * 60


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=` + hex HMAC over `{timestamp}.{raw body}`, as the platform computes it."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(
    secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float | None = None
) -> None:
    """Raise AuthenticationError unless the request is signed with `secret` and fresh."""
    if not timestamp or not signature:
        raise AuthenticationError(
            "The request is not signed: X-Platform-Timestamp and X-Platform-Signature are required."
        )
    try:
        signed_at = int(timestamp)
    except ValueError as error:
        raise AuthenticationError("X-Platform-Timestamp must be Unix seconds.") from error
    age = (time.time() if now is None else now) - signed_at
    if abs(age) > MAX_AGE_SECONDS:
        raise AuthenticationError(
            f"The request was signed {int(age)} s ago; at most {MAX_AGE_SECONDS} s is accepted. "
            "Check the platform's clock."
        )
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip().lower()):
        raise AuthenticationError("The signature does not match the body and the shared secret.")
