"""Attachments of progress updates are untrusted: the type is read from the content's first
bytes (never from the name or the browser's Content-Type), the size is limited, and the
file is stored under a random name in private storage and served as a download."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class AttachmentType:
    extension: str
    content_type: str


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


_SIGNATURES = [
    (lambda head: head.startswith(b"%PDF-"), AttachmentType(".pdf", "application/pdf")),
    (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), AttachmentType(".png", "image/png")),
    (lambda head: head.startswith(b"\xff\xd8\xff"), AttachmentType(".jpg", "image/jpeg")),
    (_is_webp, AttachmentType(".webp", "image/webp")),
]


def attachment_type_detect(*, head: bytes) -> AttachmentType | None:
    """PDF, PNG, JPEG or WebP by its magic bytes, or None."""
    for matches, attachment_type in _SIGNATURES:
        if matches(head):
            return attachment_type
    return None


def attachment_check(*, upload: UploadedFile) -> AttachmentType:
    """The type of an uploaded attachment; ValidationError when it is too large or not a
    PDF or an image (whatever its name says)."""
    limit = settings.LOCAL_GOAL_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    attachment_type = attachment_type_detect(head=head)
    if attachment_type is None:
        raise ValidationError(_("Attach a PDF or an image (PNG, JPEG or WebP)."), code="wrong_type")
    return attachment_type


def attachment_display_name(*, filename: str, attachment_type: AttachmentType) -> str:
    """A safe name to show and to offer as the download's name, ending in the type found."""
    try:
        stem = get_valid_filename(filename.rsplit(".", 1)[0])[:80]
    except SuspiciousFileOperation:  # nothing usable left of the name
        stem = ""
    stem = stem or "bilag"
    return f"{stem}{attachment_type.extension}"
