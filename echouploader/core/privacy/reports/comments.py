"""The reviewer comments of an exam: checked for identifiers, written as ``comments.txt``.

Comments that hold an identifier block the whole exam: the sentence says what kind of value was
found with the value masked, so neither the terminal, the dialog's message nor the log repeats
it. Clean comments are written exactly as typed, UTF-8, with at most one newline added.
"""

from __future__ import annotations

from pathlib import Path

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.i18n import _
from echouploader.core.privacy.reports.values import IdentifyingValues, describe
from echouploader.core.support.identifiers import Match

COMMENTS_NAME = "comments.txt"
MAX_COMMENTS_BYTES = 64 * 1024


class CommentsBlocked(PrivacyBlocked):
    """The comments hold an identifier; nothing of the exam is written or sent."""


def read_comments_argument(value: str) -> str:
    """``--comments TEXT`` or ``--comments @FILE`` (UTF-8); raises ``UsageError``."""
    if not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("The comments file {name} cannot be read ({strerror}).").format(
                name=path.name, strerror=exc.strerror
            )
        ) from None
    if len(data) > MAX_COMMENTS_BYTES:
        raise UsageError(
            _("The comments file {name} is larger than 64 KiB.").format(name=path.name)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(
            _("The comments file {name} is not UTF-8 text.").format(name=path.name)
        ) from None


def find_in_comments(text: str, values: IdentifyingValues) -> list[Match]:
    """The identifiers in the comments, by position (overlaps kept: each is highlighted)."""
    return values.find(text)


def blocked_sentence(text: str, matches: list[Match]) -> str:
    found = describe(matches[0], text)
    more = _(" and {count} more").format(count=len(matches) - 1) if len(matches) > 1 else ""
    return _(
        "The comments hold {found}{more}; edit them before sending (nothing of the exam was "
        "written or sent)."
    ).format(found=found, more=more)


def check_comments(text: str, values: IdentifyingValues) -> None:
    """Raises ``CommentsBlocked`` when the comments hold an identifier."""
    if len(text.encode("utf-8")) > MAX_COMMENTS_BYTES:
        raise UsageError(_("The comments are longer than 64 KiB."))
    matches = find_in_comments(text, values)
    if matches:
        raise CommentsBlocked(blocked_sentence(text, matches))


def comments_bytes(text: str) -> bytes:
    """The file's content: the text exactly, with a final newline when it has none."""
    if text and not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")
