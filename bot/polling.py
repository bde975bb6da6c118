"""Giving way to another poller: after a 409 Conflict, this process stops without a last poll."""

from __future__ import annotations

from telegram._utils.types import ODVInput  # the type python-telegram-bot itself uses here
from telegram.request import BaseRequest, HTTPXRequest, RequestData

_NO_UPDATES = b'{"ok": true, "result": []}'


class GetUpdatesRequest(HTTPXRequest):
    """The connection used for getUpdates only, which can be told to stop reaching Telegram.

    python-telegram-bot ends polling with one more getUpdates, to mark fetched updates as read.
    When we stop because another process polls with the same token, that call would cut the
    other process's long poll and make it stop in turn; given way, it answers "no updates"
    locally instead.
    """

    def __init__(self) -> None:
        super().__init__(connection_pool_size=1)
        self.given_way = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self.given_way:
            return 200, _NO_UPDATES
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
