"""Each person's secret calendar feed address."""

from magellan.directory.models import Person

from ..models import CalendarFeed, new_feed_token


def feed_of(*, person: Person) -> CalendarFeed:
    """A person's calendar feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


def renew_feed(*, person: Person) -> CalendarFeed:
    """Give a person's feed a new secret address; the old one stops working."""
    feed = feed_of(person=person)
    feed.token = new_feed_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed
