"""Background work of notifications: the immediate e-mails leave through the `emails` queue."""

from django_tasks import task

from . import services


@task(queue_name="emails")
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """E-mail the notifications not yet e-mailed; return how many were sent."""
    return services.send_immediate_emails(notification_ids=notification_ids)
