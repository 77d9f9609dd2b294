"""How large a request body may be: one cap for every page, a larger one for the upload pages."""

import codecs
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

MEBIBYTE = 1024 * 1024
View = TypeVar("View", bound=Callable[..., Any])


def accepts_upload(setting: str) -> Callable[[View], View]:
    """Mark a view that takes a file of up to the named setting's bytes, beside its form fields."""

    def mark(view: View) -> View:
        view.upload_setting = setting  # type: ignore[attr-defined]
        return view

    return mark


def body_limit(view: Callable[..., Any]) -> int:
    """The largest body `view` takes, in bytes (settings read at call time)."""
    limit = int(settings.MAGELLAN_REQUEST_MAX_BYTES)
    setting = getattr(view, "upload_setting", None)
    if setting:
        limit += int(getattr(settings, setting))
    return limit


def megabytes(size: int) -> str:
    """A size in French megabytes (Mo, of 1,048,576 bytes): "20 Mo", "1,5 Mo"."""
    value = round(size / MEBIBYTE, 1)
    number = formats.number_format(int(value) if value.is_integer() else value, use_l10n=True)
    return _("%(size)s Mo") % {"size": number}


# How much of a text upload is read to tell that it is text (its start is enough for a CSV).
TEXT_SNIFF_BYTES = 64 * 1024


def is_plain_text(upload: Any) -> bool:
    """Whether an uploaded file starts as UTF-8 text (no NUL byte): a CSV, not a renamed binary.

    Read from its content, never from its name or the browser's type; the file is rewound.
    """
    upload.seek(0)
    head = upload.read(TEXT_SNIFF_BYTES)
    upload.seek(0)
    if b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of the sample is fine
    except UnicodeDecodeError:
        return False
    return True
