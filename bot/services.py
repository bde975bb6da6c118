"""What handlers and jobs share, built once in the composition root and kept in bot_data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.config import Settings
from bot.polling import GetUpdatesRequest
from bot.texts import Texts
from jobs.sweep import Sweep
from storage.db import Database
from vncalendar import Clock

SERVICES_KEY = "services"


@dataclass
class Services:
    settings: Settings
    database: Database
    clock: Clock
    texts: Texts
    sweep: Sweep
    updates_request: GetUpdatesRequest
    stop_reason: str | None = None  # set when the bot stops itself, e.g. "conflict"


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The application's services, typed."""
    found = application.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The services of the application a handler runs in."""
    return services_of(context.application)
