"""What handlers and jobs share, built once in the composition root and kept in bot_data."""

from __future__ import annotations

from dataclasses import dataclass, replace
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


@dataclass
class Services:
    settings: Settings
    database: Database
    clock: Clock
    texts: Texts
    sweep: Sweep
    updates_request: GetUpdatesRequest
    stop_reason: str | None = None  # set when the bot stops itself, e.g. "conflict"

    def texts_for(self, language: str | None) -> Texts:
        """The words of a chat that chose ``language`` (None: the bot's own)."""
        return self.texts if language in (None, self.settings.bot.language) else Texts(language)


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
