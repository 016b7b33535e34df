"""The workbench's defences: CSRF tokens, a Content-Security-Policy, an upload limit.

The server has no login and may hold a department's unpublished lines.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, Response, abort, request, session

CSRF_FIELD = "csrf_token"
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
"""Only the workbench's own files run or style a page: no inline script, nothing from outside."""
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def csrf_token() -> str:
    """This browser session's token, made on first use; forms send it back in CSRF_FIELD."""
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return str(session[CSRF_FIELD])


def _check_csrf() -> None:
    """Refuse a form post without this session's token (the JSON API is not a form: see api)."""
    if request.method != "POST" or request.blueprint == "api" or request.routing_exception:
        return  # an unknown address or an untrusted Host is refused as such, after this
    sent = request.form.get(CSRF_FIELD, "")
    expected = str(session.get(CSRF_FIELD, ""))
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, "the form has expired or did not come from this workbench: reload the page")


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def protect(app: Flask, max_upload: int, hosts: tuple[str, ...]) -> None:
    """Install the defences: secret, cookies, host names, CSRF, upload limit, headers.

    A page on another site can rebind its own name to 127.0.0.1 and read what this server
    sends it; refusing requests addressed to any other name stops that (`hosts` empty: any).
    """
    app.secret_key = secrets.token_bytes(32)  # per run: a restart ends every session
    app.config.update(
        MAX_CONTENT_LENGTH=max_upload,
        MAX_FORM_MEMORY_SIZE=max_upload,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        TRUSTED_HOSTS=list(hosts) or None,
    )
    app.before_request(_check_csrf)
    app.after_request(_add_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
