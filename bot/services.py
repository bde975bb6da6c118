"""What handlers and jobs share, built once in the composition root and kept in bot_data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.config import Settings
from bot.polling import GetUpdatesRequest
from bot.texts import Texts
from jobs.sweep import Sweep
from storage.db import Database
from vncalendar import Clock

SERVICES_KEY = "services"
LANGUAGE_KEY = "language"  # in chat_data: the language the chat chose, if any
# A chat that takes reminders again is swept for shortly after: its resumed notice goes first,
# and several chats given back at once (an administrator fixing the bot's rights) share a sweep.
SWEEP_AFTER_RESUME = timedelta(minutes=1)

SweepAgain = Callable[[CallbackContext[Any, Any, Any, Any], timedelta], None]
"""Schedules one more sweep today, within the working day (bot.app's, which owns the sweep job)."""


@dataclass
class Services:
    settings: Settings
    database: Database
    clock: Clock
    texts: Texts
    sweep: Sweep
    updates_request: GetUpdatesRequest
    sweep_again: SweepAgain
    stop_reason: str | None = None  # set when the bot stops itself, e.g. "conflict"

    def texts_for(self, language: str | None) -> Texts:
        """The words of a chat that chose ``language`` (None: the bot's own)."""
        return self.texts if language in (None, self.settings.bot.language) else Texts(language)

    def catch_up_resumed_chat(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        """Sweep again soon for a paused chat that takes reminders again: what the day's sweep
        could not send it goes out today, once (the ledger), as one digest (the sweep sends a
        chat one a day). Before the day's send time, the daily sweep will."""
        self.sweep_again(context, SWEEP_AFTER_RESUME)


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The application's services, typed."""
    found = application.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The services of the application a handler runs in, speaking the chat's language."""
    app = services_of(context.application)
    chat_data = context.chat_data
    language = chat_data.get(LANGUAGE_KEY) if chat_data is not None else None
    texts = app.texts_for(language)
    return app if texts is app.texts else replace(app, texts=texts)
