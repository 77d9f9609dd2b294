"""The site's public address, for links that leave the request (e-mails, calendar files)."""

from django.conf import settings


def site_url() -> str:
    """MAGELLAN_SITE_URL without its trailing slash, read at call time."""
    return settings.MAGELLAN_SITE_URL.rstrip("/")
