"""Background work of the bulletins: posting a reminder to a team's chat incoming webhook."""

import json
import urllib.request

from django.conf import settings
from django_tasks import task


@task(queue_name="emails")
def post_to_webhook(*, url: str, text: str) -> int:
    """POST `{"text": …}` (Slack, Mattermost and Tchap incoming webhooks read it) to `url`, with
    MAGELLAN_BULLETIN_WEBHOOK_TIMEOUT; returns the HTTP status (an error fails the task)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("A webhook address is http(s).")
    body = json.dumps({"text": text}, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    timeout = settings.MAGELLAN_BULLETIN_WEBHOOK_TIMEOUT
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - same
        return int(response.status)
