"""Logging set-up: readable lines, and no secret of the settings written anywhere."""

from __future__ import annotations

import logging
import re

from telegram.error import InvalidToken, NetworkError

from storage.access import INVITE_CODE

# Anything shaped like a bot token (digits, colon, 30+ URL-safe characters), wherever it appears:
# httpx logs each request URL, and Telegram URLs carry the token.
_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
# A space (what \s matches) as the log writes it: python-telegram-bot logs an update as a repr
# ("\n", "\xa0") or, from a webhook, as the JSON posted ("\u00a0", and "M\u00e3" for "Mã").
# Phones paste a code with a space or a line break around it, and the bot takes it so.
_SPACE = (
    r"(?:\s|\\[ntrfv]|\\x(?:0[bc]|1[c-f]|85|a0)"
    r"|\\u(?:00(?:0b|1[c-f]|85|a0)|1680|200[0-9a]|202[89f]|205f|3000))"
)
# A character of a text as the log writes it (escaped or not), not leaving its quotes.
_CHARACTER = r"(?:[^\\'\":\r\n]|\\(?:u[0-9a-f]{4}|x[0-9a-f]{2}|.))"
# An invite code where people put one (python-telegram-bot logs each update it fetches at
# DEBUG): after a command ("/register CODE", "/start CODE" of a deep link, their aliases), in
# a t.me link ("?start=CODE"), or as a message's whole text ("CODE", "Mã: CODE", "Mã mời: CODE",
# as a dict's 'text': '...', the JSON's "text": "..." or the repr's text='...'). A label is up to
# 30 characters before a colon at the text's start: a code further into a text is not one
# pasted, and the rest of the text stays readable. A code the bot refused stays valid for days,
# and would give the agency's chat to whoever reads the log.
_INVITE_CODE_IN_USE = re.compile(
    rf"(?P<before>/\w+(?:@\w+)?{_SPACE}+|[?&]start=|"
    rf"\btext(?:['\"]:\s*|=)['\"]{_SPACE}*(?:{_CHARACTER}{{1,30}}:{_SPACE}*)?)"
    rf"{INVITE_CODE.pattern}(?![A-Za-z0-9_-])"
)


class RedactSecrets(logging.Filter):
    """Replace bot tokens, invite codes and the given secrets in a record's final message with
    placeholders."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        # Whole words only: a short database password ("nhacviec") must not also blank out the
        # word where it is a name; where it is a secret it stands between : and @, or quotes.
        self._secrets = [
            re.compile(rf"(?<![A-Za-z0-9]){re.escape(s)}(?![A-Za-z0-9])")
            for s in sorted({s for s in secrets if s}, key=len, reverse=True)
        ]

    def redact(self, text: str) -> str:
        text = _TOKEN_SHAPE.sub("<token>", text)
        text = _INVITE_CODE_IN_USE.sub(r"\g<before><invite>", text)
        for secret in self._secrets:
            text = secret.sub("<secret>", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_text is None and record.exc_info[0] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True


# python-telegram-bot's network retry loop logs under this name (its utils' logger).
_RETRY_LOOP_LOGGER = "telegram.ext"


class StartUpFailuresWithoutTrace(logging.Filter):
    """Keep python-telegram-bot's one line, not its traceback, for a start-up request that
    failed: Telegram refused the token (revoked in @BotFather) or the request (setWebhook's
    "bad webhook: ..."), or could not be reached (the network not up yet at boot).

    Its start-up retry loop logs the failure with a trace of its own and httpx's internals
    before raising it, at every restart under systemd; the command line then says in one line
    what to fix (a BadRequest is a NetworkError to python-telegram-bot). Other errors keep
    their trace.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == _RETRY_LOOP_LOGGER and record.exc_info:
            kind = record.exc_info[0]
            if kind is not None and issubclass(kind, InvalidToken | NetworkError):
                record.exc_info, record.exc_text = None, None
        return True


def setup_logging(level: int = logging.INFO, *secrets: str) -> None:
    """Log to stderr with tokens and secrets redacted; keep httpx's per-request lines out at INFO.

    Pass every secret the settings hold (`*settings.secrets`), not only the token.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if level > logging.DEBUG:
        # At DEBUG (nhacviec -v) the trace stays, for whoever must see where a request failed.
        handler.addFilter(StartUpFailuresWithoutTrace())
    handler.addFilter(RedactSecrets(*secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # alembic tells of its engine at INFO on every start ("Context impl SQLiteImpl."); what was
    # migrated is logged by storage.migrate.
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
