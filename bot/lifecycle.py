"""Start and stop the Application inside a running event loop, as run_polling would.

The offline demo, the end-to-end tests and the sweep-only mode use it; run_polling and
run_webhook own their loop and cannot.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import STOP_KEY, SWEEP_JOB

# Long-poll timeout in seconds: short, so that stopping never waits long for a held request.
POLL_TIMEOUT = 1


@asynccontextmanager
async def running(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    poll: bool = True,
    stop: asyncio.Event | None = None,
) -> AsyncIterator[None]:
    """Start the application (polling for updates, or not) with its hooks; stop it after.

    When the bot stops itself (bot.app.stop_application), it sets `stop`, which the caller
    waits for: Application.stop_running would stop the caller's own event loop.
    """
    application.bot_data[STOP_KEY] = stop or asyncio.Event()
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    assert application.updater is not None
    if poll:
        await application.updater.start_polling(
            poll_interval=0.0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
        )
    await application.start()
    try:
        yield
    finally:
        if application.updater.running:
            await application.updater.stop()
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        application.bot_data.pop(STOP_KEY, None)


async def run_daily_sweep_now(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Fire the scheduled morning sweep job now, through the JobQueue's own job."""
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name(SWEEP_JOB)
    await job.run(application)
