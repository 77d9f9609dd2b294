"""What a file is, read from its content (never from its name), for the help desk's attachments.

A careful magic-bytes check (docs/decisions/0009-attachment-types.md): PDF, PNG, JPEG, GIF and
WebP by their signature; the Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp)
formats by opening the ZIP archive and reading the part that names the format; the older Office
formats (doc, xls, ppt) by the OLE2 container's signature, the only thing they share.
"""

import zipfile
from dataclasses import dataclass
from typing import IO

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileType:
    """A kind of file we accept: its label, the MIME type it is served with, its extensions."""

    kind: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


TYPES = {
    t.kind: t
    for t in (
        FileType("pdf", "PDF", "application/pdf", ("pdf",)),
        FileType("png", "PNG", "image/png", ("png",)),
        FileType("jpeg", "JPEG", "image/jpeg", ("jpg", "jpeg")),
        FileType("gif", "GIF", "image/gif", ("gif",)),
        FileType("webp", "WebP", "image/webp", ("webp",)),
        FileType(
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileType(
            "xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        FileType(
            "pptx",
            "PowerPoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ("pptx",),
        ),
        FileType("odt", "OpenDocument texte", "application/vnd.oasis.opendocument.text", ("odt",)),
        FileType(
            "ods",
            "OpenDocument tableur",
            "application/vnd.oasis.opendocument.spreadsheet",
            ("ods",),
        ),
        FileType(
            "odp",
            "OpenDocument présentation",
            "application/vnd.oasis.opendocument.presentation",
            ("odp",),
        ),
        # The OLE2 container of the older Office formats: which one it holds is the extension's word.
        FileType("ole2", "Office 97-2003", "application/octet-stream", ("doc", "xls", "ppt")),
    )
}
OLE2_CONTENT_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
ACCEPTED_EXTENSIONS = tuple(ext for t in TYPES.values() for ext in t.extensions)

# The OOXML part that only each format has, and the OpenDocument `mimetype` values.
OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_PARTS.items():
                    if part in names:
                        return kind
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def detect(stream: IO[bytes]) -> str | None:
    """The kind of file (a key of TYPES) its content shows, or None for anything else."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = "gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "webp"
    elif head.startswith(OLE2_SIGNATURE):
        kind = "ole2"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
    stream.seek(0)
    return kind


def extension_of(name: str) -> str:
    """The lower-case extension of a file name ("" when it has none)."""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def content_type_for(kind: str, extension: str) -> str:
    """The MIME type a checked file is served with."""
    if kind == "ole2":
        return OLE2_CONTENT_TYPES[extension]
    return TYPES[kind].content_type
