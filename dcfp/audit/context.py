"""The client address of the request being served, for the audit trail.

Services take no request object, so the address reaches `dcfp.audit.services.record()` this way:
`ClientAddressMiddleware` sets it for the length of each request and `record()` reads it. Outside a
request (Celery tasks, management commands, the shell) there is none and events carry no address, so a
task calls a service exactly as a view does. A context variable belongs to one thread (or asyncio
task), so concurrent requests never see each other's address.
"""

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponseBase

_client_address: ContextVar[str | None] = ContextVar("dcfp_client_address", default=None)


def canonical_address(value: str | None) -> str | None:
    """An IP address in canonical form (so it reads back from the database exactly as it was hashed),
    or None when `value` is not an IP address."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address() -> str | None:
    """The address of the client whose request is being served now, or None outside a request."""
    return _client_address.get()


@contextmanager
def client_address_as(address: str | None) -> Iterator[None]:
    """Attribute audit events written inside the block to `address` (canonicalised; None for none)."""
    token = _client_address.set(canonical_address(address))
    try:
        yield
    finally:
        _client_address.reset(token)


class ClientAddressMiddleware:
    """Sets the client address (REMOTE_ADDR) for the audit trail while each request is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with client_address_as(request.META.get("REMOTE_ADDR")):
            return self.get_response(request)
