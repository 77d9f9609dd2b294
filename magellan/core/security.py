"""Hardening shared by every app: which peers are trusted proxies, the client's address, and the
rate limit on the forms that send e-mail (docs/security.md)."""

import functools
import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, is_ratelimited

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# The headers a proxy sets about the client; from anyone else they are forged.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _address(value: str | None) -> Address | None:
    try:
        return ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None


def is_trusted_proxy(value: str | None) -> bool:
    """Whether this address is one of MAGELLAN_TRUSTED_PROXIES (never, when the list is empty)."""
    address = _address(value)
    if address is None:
        return False
    return any(
        address in network for network in _networks(tuple(settings.MAGELLAN_TRUSTED_PROXIES))
    )


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address: the peer, or behind trusted proxies the last address they did not add.

    X-Forwarded-For is read from the right: each trusted proxy appends the address it saw, so the
    first address from the right that is not a trusted proxy is the client (anything to its left
    was written by the client and proves nothing).
    """
    peer = request.META.get("REMOTE_ADDR")
    if not is_trusted_proxy(peer):
        return peer
    forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in forwarded if h]):
        if _address(hop) is None:
            return peer
        if not is_trusted_proxy(hop):
            return hop
    return peer


class TrustedProxyMiddleware:
    """First in MIDDLEWARE: drop X-Forwarded-For/-Proto/-Host unless the peer is a trusted proxy.

    Without it any client could claim HTTPS (SECURE_PROXY_SSL_HEADER) or another address (the
    rate limits) by sending the header itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


def account_key(group: str, request: HttpRequest) -> str:
    """The rate-limit key of the account (of the IP address for an anonymous visitor)."""
    if request.user.is_authenticated:
        return f"account:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def ip_key(group: str, request: HttpRequest) -> str:
    """The rate-limit key of the client's IP address (through trusted proxies only)."""
    return f"ip:{client_ip(request)}"


def over_limit(
    request: HttpRequest, *, group: str, limits: Iterable[tuple[Callable[..., str], str]]
) -> bool:
    """Count this request against each (key, rate) of `group`; True once any of them is exceeded."""
    exceeded = False
    for key, rate in limits:
        if is_ratelimited(request, group=group, key=key, rate=rate, method=ALL, increment=True):
            exceeded = True
    return exceeded


def describe_rate(rate: str) -> str:
    """How long a window of a django-ratelimit rate lasts, in French: « 1 heure », « 15 minutes »."""
    _count, seconds = _split_rate(rate)
    for unit, length in ((_("jour"), 86400), (_("heure"), 3600), (_("minute"), 60)):
        if seconds >= length and seconds % length == 0:
            number = seconds // length
            return f"{number} {unit}{'s' if number > 1 else ''}"
    return f"{seconds} {_('seconde')}{'s' if seconds > 1 else ''}"


def too_many_requests(request: HttpRequest, *, rate: str) -> HttpResponse:
    """The DSFR page that refuses a request over a rate limit (429), saying when to come back."""
    return render(request, "429.html", {"window": describe_rate(rate)}, status=429)


def limits_email_sending(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cap the POSTs of a view that sends e-mail: per account and per IP address (settings).

    Each view counts apart (its dotted name is the group); over either rate, nothing is done and
    the 429 page says so. GET requests are never counted.
    """
    group = f"{view.__module__}.{view.__qualname__}"

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            per_account = settings.MAGELLAN_EMAIL_FORM_RATE_PER_ACCOUNT
            per_ip = settings.MAGELLAN_EMAIL_FORM_RATE_PER_IP
            limits = [(account_key, per_account), (ip_key, per_ip)]
            if over_limit(request, group=group, limits=limits):
                return too_many_requests(request, rate=per_account)
        return view(request, *args, **kwargs)

    wrapper.limits_email_sending = True  # type: ignore[attr-defined]
    return wrapper
