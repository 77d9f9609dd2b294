"""Background work of accounts: the login-link e-mail leaves through the `emails` queue."""

from django_tasks import task

from . import services


@task(queue_name="emails")
def send_login_link_task(*, email: str) -> bool:
    """E-mail a login link to the active account of this address, if there is one."""
    return services.send_login_link(email=email)
