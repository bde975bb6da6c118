"""A Telegram-compatible Bot API server on loopback, for the test suite and the offline demo.

The unmodified python-telegram-bot `Bot`/`Application` talks to it over real HTTP:

    async with TelegramServer() as server:
        app = (
            ApplicationBuilder().token(server.token)
            .base_url(server.base_url).base_file_url(server.base_file_url).build()
        )

The server keeps a small world (users, private chats, groups, messages, files) that tests set
up and act in (`add_user`, `user_sends`, `press_button`, ...), records every request the bot
makes, answers with Bot API JSON and Telegram's error descriptions, and can inject faults
(flood control, 5xx, slow responses, blocked bots, migrated groups).

Not supported: inline mode, payments, media other than documents and photos, MarkdownV2 and
Markdown parse modes (answered with 400), automatic detection of URLs and mentions in the
bot's text, forums/topics.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from bot.telegram_html import HtmlParseError, check_link, parse_html, utf16_len

__all__ = ["Fault", "RecordedRequest", "TelegramServer", "UploadedFile"]

logger = logging.getLogger(__name__)

JSON = dict[str, Any]

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_ANSWER_LENGTH = 200  # the text of answerCallbackQuery: a toast or a pop-up
MAX_CALLBACK_DATA_BYTES = 64
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WEBHOOK_ATTEMPTS = 4

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)
_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
# Form fields whose values python-telegram-bot (and the Bot API) encode as JSON strings.
_JSON_FIELDS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "commands", "scope", "reply_parameters",
        "link_preview_options", "allowed_updates", "media",
    }
)  # fmt: skip
_INT_FIELDS = frozenset(
    {
        "message_id", "reply_to_message_id", "offset", "limit", "timeout", "user_id",
        "cache_time", "max_connections", "message_thread_id", "from_chat_id",
    }
)  # fmt: skip
_BOOL_FIELDS = frozenset(
    {
        "disable_notification", "protect_content", "show_alert", "drop_pending_updates",
        "allow_sending_without_reply", "disable_web_page_preview", "has_spoiler",
        "disable_content_type_detection", "show_caption_above_media",
    }
)  # fmt: skip
_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)  # fmt: skip
_BUTTON_ACTIONS = frozenset(
    {
        "url", "callback_data", "web_app", "login_url", "switch_inline_query",
        "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
        "callback_game", "pay",
    }
)  # fmt: skip
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,32})?")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


# --------------------------------------------------------------------------------------------
# Public value types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """A scripted failure for `TelegramServer.inject`; build one with the classmethods.

    `status` is the HTTP status to answer with; 200 means "perform the method normally" (used by
    `timeout`, which only delays the response by `delay` seconds).
    """

    status: int
    description: str = ""
    retry_after_seconds: int | None = None
    delay: float = 0.0
    held: bool = False

    @classmethod
    def retry_after(cls, seconds: int) -> Fault:
        """429 flood control; python-telegram-bot raises RetryAfter(seconds)."""
        return cls(429, f"Too Many Requests: retry after {seconds}", retry_after_seconds=seconds)

    @classmethod
    def server_error(cls) -> Fault:
        return cls(500, "Internal Server Error")

    @classmethod
    def bad_gateway(cls) -> Fault:
        return cls(502, "Bad Gateway")

    @classmethod
    def timeout(cls, delay: float) -> Fault:
        """The method is performed and recorded, but the answer comes `delay` seconds later."""
        return cls(200, delay=delay)

    @classmethod
    def hold(cls) -> Fault:
        """The method is performed and recorded, but the answer waits for
        `TelegramServer.release()`: Telegram keeping a request waiting as long as a test needs."""
        return cls(200, held=True)

    @classmethod
    def blocked(cls) -> Fault:
        return cls(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def kicked(cls) -> Fault:
        return cls(403, "Forbidden: bot was kicked from the group chat")

    @classmethod
    def chat_not_found(cls) -> Fault:
        return cls(400, "Bad Request: chat not found")

    @classmethod
    def no_rights(cls) -> Fault:
        """A group whose admins took the right to post from members (or from the bot)."""
        return cls(400, "Bad Request: not enough rights to send text messages to the chat")


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, as it appears in `RecordedRequest.params`."""

    field_name: str
    file_name: str
    mime_type: str
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request to the Bot API endpoint and the answer it got."""

    method: str  # canonical name ("sendMessage"), or as requested if unknown
    params: JSON  # JSON fields parsed; known int/bool fields converted; files as UploadedFile
    status: int
    response: JSON
    time: float  # time.time() when the request arrived

    @property
    def ok(self) -> bool:
        return self.status == 200


# --------------------------------------------------------------------------------------------
# Internal state
# --------------------------------------------------------------------------------------------


class _ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


# The rights of a restricted chat member, all of them false for a bot that may not post.
_MEMBER_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
    "can_edit_tag",
    "can_react_to_messages",
)


def _bad_request(reason: str, parameters: JSON | None = None) -> _ApiError:
    return _ApiError(400, f"Bad Request: {reason}", parameters)


@dataclass
class _Chat:
    info: JSON  # Chat JSON
    members: dict[int, JSON]  # user id -> User JSON
    messages: dict[int, JSON] = field(default_factory=dict)
    next_message_id: int = 1
    migrated_to: int | None = None
    # The bot's own standing: "member", "left" or "kicked", and whether it may post.
    bot_status: str = "member"
    bot_may_post: bool = True


@dataclass(frozen=True)
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    file_name: str
    mime_type: str
    content: bytes = field(repr=False)


@dataclass
class _Injection:
    fault: Fault
    method: str | None
    chat_id: int | None
    remaining: int


@dataclass
class _Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


class _Changes:
    """Wakes coroutines waiting for a condition on the server's state.

    Like asyncio.Condition, but `notify()` is synchronous, so the synchronous world-setup methods
    (`user_sends`, ...) can signal without holding a lock.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float | None) -> None:
        """Return once `predicate()` holds; raise TimeoutError after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while not predicate():
                await self._event.wait()


_Handler = Callable[[JSON], Awaitable[Any]]


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class TelegramServer:
    """A Bot API server for one bot, on `host:port` (port 0 picks a free one)."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        bot_username: str = "nhacviec_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.host = host
        self._requested_port = port
        bot_id, _, _ = token.partition(":")
        self.bot_user: JSON = {
            "id": int(bot_id) if bot_id.isdigit() else 123456,
            "is_bot": True,
            "first_name": "Nhắc việc",
            "username": bot_username,
        }
        self.requests: list[RecordedRequest] = []
        self.downloads: list[str] = []  # file paths the bot downloaded
        self.callback_answers: dict[str, JSON] = {}  # callback query id -> answerCallbackQuery
        self._chats: dict[int, _Chat] = {}
        self._files: dict[str, _StoredFile] = {}
        self._file_paths: dict[str, _StoredFile] = {}
        self._sent: list[tuple[int, int]] = []  # (chat id, message id) of the bot's messages
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._open_queries: set[str] = set()
        self._injections: list[_Injection] = []
        self._releases = 0  # bumped by release(): the answers held until then go out
        self._updates: list[JSON] = []  # queued and not yet confirmed (getUpdates) or delivered
        self._counter = 0  # for user, chat, file and callback query ids
        self._next_update_id = 1
        self._webhook: _Webhook | None = None
        self._webhook_busy = False
        self._poll_generation = 0  # bumped by every getUpdates and by setWebhook
        self._poll_termination = _POLL_CONFLICT
        self._active_poll: int | None = None
        self._in_flight = 0  # API requests other than getUpdates being handled
        self._closing = False
        self._changes: _Changes | None = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._port: int | None = None
        self._methods: dict[str, tuple[str, _Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "logOut": self._ok,
                "close": self._ok,
                "getUpdates": self._get_updates,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageCaption": self._edit_message_caption,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "getFile": self._get_file,
                "sendChatAction": self._send_chat_action,
                "getChat": self._get_chat,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
            }.items()
        }

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("TelegramServer is already running")
        self._closing = False
        self._changes = _Changes()
        app = web.Application(client_max_size=MAX_UPLOAD_SIZE)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_download)
        app.router.add_route("*", "/{tail:.*}", self._handle_not_found)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self._requested_port)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()
        self._webhook_task = asyncio.create_task(self._deliver_webhook_updates())
        logger.debug("Telegram server listening on %s", self.base_url)

    async def stop(self) -> None:
        self._closing = True
        self._notify()  # ends held getUpdates requests and delayed responses
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            await asyncio.gather(self._webhook_task, return_exceptions=True)
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        logger.debug("Telegram server stopped")

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("TelegramServer is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    # -- world setup -----------------------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str = "vi",
        user_id: int | None = None,
    ) -> JSON:
        """Create a Telegram user; returns its User JSON."""
        if user_id is None:
            user_id = 100_000_000 + self._next_id()
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username is not None:
            user["username"] = username
        user["language_code"] = language_code
        return user

    def add_private_chat(self, user: JSON) -> JSON:
        """The private chat between `user` and the bot (its id is the user's id)."""
        user_id = user["id"]
        if user_id not in self._chats:
            info: JSON = {"id": user_id, "type": "private", "first_name": user["first_name"]}
            if "username" in user:
                info["username"] = user["username"]
            self._chats[user_id] = _Chat(info, {user_id: copy.deepcopy(user)})
        return copy.deepcopy(self._chats[user_id].info)

    def add_group(self, title: str, members: list[JSON], *, supergroup: bool = False) -> JSON:
        """A group (negative id) or supergroup (-100... id) with the bot and `members` in it."""
        number = self._next_id()
        chat_id = -(1_000_000_000_000 + number) if supergroup else -(400_000_000 + number)
        info: JSON = {"id": chat_id, "type": "supergroup" if supergroup else "group"}
        info["title"] = title
        self._chats[chat_id] = _Chat(info, {m["id"]: copy.deepcopy(m) for m in members})
        return copy.deepcopy(info)

    def migrate_to_supergroup(self, chat_id: int) -> JSON:
        """Upgrade a group: the old id now answers 400 with migrate_to_chat_id.

        Like Telegram, this queues the two service messages (migrate_to_chat_id in the old chat,
        migrate_from_chat_id in the new one). Returns the new Chat JSON.
        """
        old = self._chats[chat_id]
        if old.info["type"] != "group" or old.migrated_to is not None:
            raise ValueError(f"chat {chat_id} is not a group that can be upgraded")
        members = list(old.members.values())
        new_info = self.add_group(old.info["title"], members, supergroup=True)
        old.migrated_to = new_info["id"]
        sender = {"from": members[0]} if members else {}
        notice = self._new_message(old, **sender, migrate_to_chat_id=new_info["id"])
        self._queue_update({"message": notice})
        welcome = self._new_message(
            self._chats[new_info["id"]], **sender, migrate_from_chat_id=chat_id
        )
        self._queue_update({"message": welcome})
        return new_info

    # -- speaking as a user ----------------------------------------------------------------------

    def user_sends(self, chat: JSON, user: JSON, text: str) -> JSON:
        """`user` writes `text` in `chat`; a leading /command gets its bot_command entity."""
        return self._user_writes(chat, user, text)

    def user_sends_as_chat(self, chat: JSON, user: JSON, text: str) -> JSON:
        """`user`, an anonymous administrator of group `chat`, writes `text` "as the group": like
        Telegram, the message comes from its shared GroupAnonymousBot user (`user`, a member of
        the group) with the group as sender_chat."""
        state = self._chat_for_user(chat, user)
        return self._user_writes(chat, user, text, sender_chat=copy.deepcopy(state.info))

    def _user_writes(self, chat: JSON, user: JSON, text: str, **more: Any) -> JSON:
        state = self._chat_for_user(chat, user)
        content: JSON = {"text": text, **more}
        command = _LEADING_COMMAND.match(text)
        if command:
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        message = self._new_message(state, **{"from": user}, **content)
        self._queue_update({"message": message})
        return copy.deepcopy(message)

    def user_forwards(self, chat: JSON, user: JSON, original: JSON) -> JSON:
        """`user` forwards `original` (a message of someone else's) into `chat`, as Telegram does:
        the text and its entities are kept, with forward_origin naming the original sender."""
        state = self._chat_for_user(chat, user)
        message = self._new_message(
            state,
            **{"from": user},
            text=original["text"],
            entities=original.get("entities", []),
            forward_origin={
                "type": "user",
                "sender_user": original["from"],
                "date": original["date"],
            },
            forward_date=original["date"],
        )
        self._queue_update({"message": message})
        return copy.deepcopy(message)

    def user_renames(self, chat: JSON, user: JSON, title: str) -> JSON:
        """`user` renames group `chat` to `title`: its new title, and a new_chat_title message."""
        state = self._chat_for_user(chat, user)
        if state.info["type"] == "private":
            raise ValueError("a private chat has no title to change")
        state.info["title"] = title
        message = self._new_message(state, **{"from": user}, new_chat_title=title)
        self._queue_update({"message": message})
        return copy.deepcopy(message)

    def user_reopens_general_topic(self, chat: JSON, user: JSON) -> JSON:
        """`user` reopens the General topic of forum `chat`: a forum_topic_reopened message."""
        state = self._chat_for_user(chat, user)
        message = self._new_message(state, **{"from": user}, forum_topic_reopened={})
        self._queue_update({"message": message})
        return copy.deepcopy(message)

    def user_sends_photo(self, chat: JSON, user: JSON, content: bytes) -> JSON:
        """`user` sends a photo (one size, `content`); the bot can getFile and download it."""
        state = self._chat_for_user(chat, user)
        stored = self._store_file("photos", "", "image/jpeg", content)
        size = _image_size(content) or (1, 1)
        photo = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(content),
            "width": size[0],
            "height": size[1],
        }
        message = self._new_message(state, **{"from": user}, photo=[photo])
        self._queue_update({"message": message})
        return copy.deepcopy(message)

    def user_edits(self, message: JSON, text: str) -> None:
        """The sender of `message` edits it to `text`: Telegram sends an edited_message update."""
        edited = copy.deepcopy(message)
        edited.pop("entities", None)
        edited.update(text=text, edit_date=int(time.time()))
        command = _LEADING_COMMAND.match(text)
        if command:
            edited["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        self._queue_update({"edited_message": edited})

    def user_sends_document(
        self,
        chat: JSON,
        user: JSON,
        file_name: str,
        content: bytes,
        *,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        as_chat: bool = False,
    ) -> JSON:
        """`user` sends a file; the bot can getFile and download it. as_chat: sent "as the
        group", as by an anonymous administrator (see user_sends_as_chat)."""
        state = self._chat_for_user(chat, user)
        stored = self._store_file("documents", file_name, mime_type, content)
        extra: JSON = {"caption": caption} if caption is not None else {}
        if as_chat:
            extra["sender_chat"] = copy.deepcopy(state.info)
        message = self._new_message(
            state, **{"from": user}, document=_document_json(stored), **extra
        )
        self._queue_update({"message": message})
        return copy.deepcopy(message)

    def user_leaves(
        self,
        chat: JSON,
        user: JSON,
        *,
        removed_by: JSON | None = None,
        service_message: bool = True,
        chat_member_update: bool = True,
    ) -> None:
        """`user` leaves a group, or `removed_by` removes them.

        Like Telegram, this queues a left_chat_member service message and a chat_member update
        (which Telegram sends to a bot that is an administrator and asked for them); either can
        be left out, as Telegram does not always post the message.
        """
        state = self._chat_for_user(chat, user)
        if state.info["type"] == "private":
            raise ValueError("nobody leaves a private chat")
        del state.members[user["id"]]
        actor = removed_by or user
        if service_message:
            notice = self._new_message(state, **{"from": actor}, left_chat_member=user)
            self._queue_update({"message": notice})
        if chat_member_update:
            gone: JSON = {"status": "left", "user": user}
            if removed_by is not None:
                gone = {"status": "kicked", "user": user, "until_date": 0}
            change = {
                "chat": copy.deepcopy(state.info),
                "from": actor,
                "date": int(time.time()),
                "old_chat_member": {"status": "member", "user": user},
                "new_chat_member": gone,
            }
            self._queue_update({"chat_member": change})

    def user_joins(self, chat: JSON, user: JSON) -> None:
        """`user` joins a group (by its invite link, or someone adds them back).

        Like Telegram, this queues a new_chat_members service message and a chat_member update.
        """
        state = self._chats[chat["id"]]
        if state.info["type"] == "private":
            raise ValueError("nobody joins a private chat")
        state.members[user["id"]] = copy.deepcopy(user)
        notice = self._new_message(state, **{"from": user}, new_chat_members=[user])
        self._queue_update({"message": notice})
        change = {
            "chat": copy.deepcopy(state.info),
            "from": user,
            "date": int(time.time()),
            "old_chat_member": {"status": "left", "user": user},
            "new_chat_member": {"status": "member", "user": user},
        }
        self._queue_update({"chat_member": change})

    def remove_bot(self, chat: JSON, removed_by: JSON, *, status: str = "kicked") -> None:
        """`removed_by` removes the bot from a group ("kicked"), or it is made to leave ("left").

        Like Telegram, this queues a my_chat_member update, and the bot's later messages there
        are refused: 403 "bot was kicked from the group chat" (or "bot is not a member").
        """
        if status not in ("kicked", "left"):
            raise ValueError(f"the bot is removed as kicked or left, not {status}")
        state = self._chat_for_user(chat, removed_by)
        self._bot_standing_changes(state, removed_by, status)
        state.bot_status = status

    def restrict_bot(self, chat: JSON, restricted_by: JSON) -> None:
        """`restricted_by` takes the bot's right to send messages in a group.

        Like Telegram, this queues a my_chat_member update (status "restricted", with
        can_send_messages false), and the bot's later messages there are refused with 400 "not
        enough rights to send text messages to the chat".
        """
        state = self._chat_for_user(chat, restricted_by)
        self._bot_standing_changes(state, restricted_by, "restricted")
        state.bot_may_post = False

    def add_bot_back(self, chat: JSON, added_by: JSON) -> None:
        """`added_by` adds the bot back to a group it was removed from, or gives it back the
        right to send messages: a my_chat_member update, and its messages there are taken."""
        state = self._chat_for_user(chat, added_by)
        self._bot_standing_changes(state, added_by, "member")
        state.bot_status, state.bot_may_post = "member", True

    def _bot_standing_changes(self, state: _Chat, actor: JSON, status: str) -> None:
        if state.info["type"] == "private":
            raise ValueError("the bot is blocked in a private chat, not removed: use Fault")
        was = "restricted" if state.bot_status == "member" and not state.bot_may_post else None
        change = {
            "chat": copy.deepcopy(state.info),
            "from": copy.deepcopy(actor),
            "date": int(time.time()),
            "old_chat_member": self._bot_member(was or state.bot_status),
            "new_chat_member": self._bot_member(status),
        }
        self._queue_update({"my_chat_member": change})

    def _bot_member(self, status: str) -> JSON:
        """The bot as a ChatMember of a group: "member", "left", "kicked", or "restricted"
        (muted: a member that may not send messages)."""
        member: JSON = {"status": status, "user": self.bot_user}
        if status == "kicked":
            member["until_date"] = 0
        if status == "restricted":
            member |= {"is_member": True, "until_date": 0}
            member |= {right: False for right in _MEMBER_RIGHTS}
        return member

    def press_button(self, chat: JSON, user: JSON, message_id: int, data: str) -> JSON:
        """`user` taps an inline button with callback_data `data` under message `message_id`."""
        state = self._chat_for_user(chat, user)
        message = state.messages.get(message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {chat['id']}")
        query_id = str(9_000_000_000 + self._next_id())
        query: JSON = {
            "id": query_id,
            "from": user,
            "message": message,
            "chat_instance": str(abs(chat["id"]) * 7 + 1),
            "data": data,
        }
        self._open_queries.add(query_id)
        self._queue_update({"callback_query": query})
        return copy.deepcopy(query)

    # -- what the bot did ------------------------------------------------------------------------

    def sent_messages(self, chat_id: int | None = None) -> list[JSON]:
        """The bot's messages (in sending order), as they are now: edited, not deleted."""
        return copy.deepcopy(self._bot_messages(chat_id))

    def calls(self, method: str) -> list[RecordedRequest]:
        """Recorded requests for one method (case-insensitive)."""
        return [request for request in self.requests if request.method.lower() == method.lower()]

    async def wait_for_messages(
        self, count: int, *, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[JSON]:
        """Wait until the bot has at least `count` messages (in `chat_id`); return them all."""
        try:
            await self._wait_for(lambda: len(self._bot_messages(chat_id)) >= count, timeout)
        except TimeoutError:
            where = "" if chat_id is None else f" in chat {chat_id}"
            raise TimeoutError(
                f"expected at least {count} bot message(s){where} within {timeout}s\n"
                + self.describe()
            ) from None
        return self.sent_messages(chat_id)

    async def wait_for_call(self, method: str, *, timeout: float = 5.0) -> RecordedRequest:
        """Wait until the bot has called a method (case-insensitive); return the first call."""
        try:
            await self._wait_for(lambda: bool(self.calls(method)), timeout)
        except TimeoutError:
            raise TimeoutError(f"no {method} call within {timeout}s\n" + self.describe()) from None
        return self.calls(method)[0]

    async def wait_for_answer(self, query_id: str, *, timeout: float = 5.0) -> JSON:
        """Wait for the bot to answer the callback query; return the answer's params."""
        try:
            await self._wait_for(lambda: query_id in self.callback_answers, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"callback query {query_id} not answered within {timeout}s\n" + self.describe()
            ) from None
        return self.callback_answers[query_id]

    async def wait_until_idle(self, timeout: float = 5.0) -> None:
        """Wait until every queued update was fetched and confirmed (by the bot's next getUpdates)
        or delivered to the webhook, and no other API request of the bot is being handled.

        A handler that is still busy without calling the API (e.g. in the database) is not
        visible to the server; to wait for a handler's answer use `wait_for_messages`.
        """
        try:
            async with asyncio.timeout(timeout):
                while True:
                    await self._wait_for(self._is_idle, None)
                    # Let callbacks that are already scheduled (the bot's handler task picking
                    # up the update it just received) run, then look again.
                    for _ in range(50):
                        await asyncio.sleep(0)
                    if self._is_idle():
                        return
        except TimeoutError:
            raise TimeoutError(
                f"server not idle within {timeout}s: {len(self._updates)} update(s) not "
                f"confirmed, {self._in_flight} request(s) in flight\n" + self.describe()
            ) from None

    async def wait_for_poller(self, timeout: float = 5.0) -> None:
        """Wait until a getUpdates request is being held open (long polling)."""
        await self._wait_for(lambda: self._active_poll is not None, timeout)

    def describe(self) -> str:
        """A readable dump of the bot's messages and its failed requests, for error messages."""
        lines = ["bot messages:"]
        for message in self.sent_messages():
            text = message.get("text") or message.get("caption") or _media_summary(message)
            lines.append(f"  chat {message['chat']['id']} #{message['message_id']}: {text!r}")
        if len(lines) == 1:
            lines.append("  (none)")
        failures = [request for request in self.requests if not request.ok][-10:]
        if failures:
            lines.append("failed requests:")
            lines.extend(
                f"  {request.method} -> {request.status} {request.response.get('description')}"
                for request in failures
            )
        return "\n".join(lines)

    # -- faults ----------------------------------------------------------------------------------

    def inject(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` matching requests with `fault` (faults apply in order).

        `method=None` matches every method except getUpdates, which the bot calls all the
        time in the background; fault getUpdates by naming it.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        self._injections.append(_Injection(fault, method, chat_id, times))

    def release(self) -> None:
        """Answer the requests held so far by `Fault.hold()`."""
        self._releases += 1
        self._notify()

    def _take_fault(self, method: str, params: JSON) -> Fault | None:
        for injection in self._injections:
            if injection.method is None and method == "getUpdates":
                continue
            if injection.method is not None and injection.method.lower() != method.lower():
                continue
            if injection.chat_id is not None and params.get("chat_id") != injection.chat_id:
                continue
            injection.remaining -= 1
            if injection.remaining == 0:
                self._injections.remove(injection)
            return injection.fault
        return None

    # -- HTTP ------------------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        # getUpdates is excluded: the bot always has one waiting, that is not "busy".
        busy = request.match_info["method"].lower() != "getupdates"
        if busy:
            self._in_flight += 1
        try:
            return await self._answer(request)
        finally:
            if busy:
                self._in_flight -= 1
            self._notify()

    async def _answer(self, request: web.Request) -> web.Response:
        arrived = time.time()
        method = request.match_info["method"]
        params: JSON = {}
        fault: Fault | None = None
        try:
            params = await _read_params(request)
            if request.match_info["token"] != self.token:
                raise _ApiError(401, "Unauthorized")
            if method.lower() not in self._methods:
                raise _ApiError(404, "Not Found")
            method, handler = self._methods[method.lower()]
            fault = self._take_fault(method, params)
            if fault is not None and fault.status != 200:
                retry = fault.retry_after_seconds
                parameters = {"retry_after": retry} if retry is not None else None
                raise _ApiError(fault.status, fault.description, parameters)
            status, body = 200, {"ok": True, "result": await handler(params)}
        except _ApiError as error:
            status, body = error.status, _error_body(error.status, error.description)
            if error.parameters:
                body["parameters"] = error.parameters
        except Exception:  # a bug here must not look like a network problem to the bot
            logger.exception("TelegramServer failed on %s", method)
            status, body = 500, _error_body(500, "Internal Server Error")
        self.requests.append(RecordedRequest(method, params, status, body, arrived))
        logger.debug("%s %s -> %s", method, _loggable(params), status)
        if fault is not None and fault.delay > 0:
            self._notify()  # the method was performed: waiters see it before the late answer
            await self._sleep_unless_closing(fault.delay)
        if fault is not None and fault.held:
            self._notify()
            releases = self._releases
            await self._wait_for(lambda: self._closing or self._releases != releases, None)
        return web.json_response(body, status=status)

    async def _handle_download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(401, "Unauthorized")
        stored = self._file_paths.get(request.match_info["file_path"])
        if stored is None:
            return _error_response(404, "Not Found")
        self.downloads.append(stored.file_path)
        return web.Response(body=stored.content, content_type=stored.mime_type)

    async def _handle_not_found(self, request: web.Request) -> web.Response:
        return _error_response(404, "Not Found")

    # -- updates: long polling and webhook -------------------------------------------------------

    async def _get_updates(self, params: JSON) -> list[JSON]:
        if self._webhook is not None:
            raise _ApiError(409, _WEBHOOK_CONFLICT)
        offset = _opt_int(params, "offset")
        limit = min(max(_opt_int(params, "limit") or 100, 1), 100)
        timeout = max(_opt_float(params, "timeout") or 0.0, 0.0)
        if offset is not None:
            self._confirm(offset)
        self._poll_generation += 1
        self._poll_termination = _POLL_CONFLICT
        generation = self._poll_generation
        self._active_poll = generation
        self._notify()  # terminates the poll this one replaces; wakes wait_for_poller
        try:
            await self._wait_for(
                lambda: bool(self._updates) or self._poll_generation != generation or self._closing,
                timeout,
            )
        except TimeoutError:
            pass
        finally:
            if self._active_poll == generation:
                self._active_poll = None
        if self._poll_generation != generation:
            raise _ApiError(409, self._poll_termination)
        return copy.deepcopy(self._updates[:limit])

    def _confirm(self, offset: int) -> None:
        if offset < 0:  # Telegram: keep only the last -offset updates
            del self._updates[: max(len(self._updates) + offset, 0)]
        else:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        self._notify()

    def _queue_update(self, payload: JSON) -> None:
        update = {"update_id": self._next_update_id, **copy.deepcopy(payload)}
        self._next_update_id += 1
        self._updates.append(update)
        logger.debug("queued update %s: %s", update["update_id"], ", ".join(payload))
        self._notify()

    def _is_idle(self) -> bool:
        return not self._updates and self._in_flight == 0 and not self._webhook_busy

    async def _set_webhook(self, params: JSON) -> bool:
        url = _opt_str(params, "url") or ""
        if not url:
            return await self._delete_webhook(params)
        if not url.startswith(("http://", "https://")) or check_link(url) is None:
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = _opt_str(params, "secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise _bad_request("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        self._webhook = _Webhook(url, secret, _opt_int(params, "max_connections") or 40)
        self._poll_generation += 1
        self._poll_termination = "Conflict: terminated by setWebhook request"
        self._notify()
        return True

    async def _delete_webhook(self, params: JSON) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        self._notify()
        return True

    async def _get_webhook_info(self, params: JSON) -> JSON:
        info: JSON = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook is not None:
            info["url"] = self._webhook.url
            info["max_connections"] = self._webhook.max_connections
            if self._webhook.last_error_date is not None:
                info["last_error_date"] = self._webhook.last_error_date
                info["last_error_message"] = self._webhook.last_error_message
        return info

    async def _deliver_webhook_updates(self) -> None:
        """POST queued updates to the webhook, one at a time, in order."""
        while True:
            await self._wait_for(
                lambda: self._closing or (self._webhook is not None and bool(self._updates)),
                None,
            )
            if self._closing:
                return
            assert self._webhook is not None
            update = self._updates[0]
            self._webhook_busy = True
            try:
                await self._post_to_webhook(self._webhook, update)
            finally:
                self._webhook_busy = False
                if self._updates and self._updates[0] is update:
                    self._updates.pop(0)
                self._notify()

    async def _post_to_webhook(self, webhook: _Webhook, update: JSON) -> None:
        assert self._session is not None
        headers = {}
        if webhook.secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        for attempt in range(1, WEBHOOK_ATTEMPTS + 1):
            try:
                async with self._session.post(
                    webhook.url,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=10),
                ) as response:
                    if 200 <= response.status < 300:
                        logger.debug("webhook took update %s", update["update_id"])
                        return
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {exc!r}"
            webhook.last_error_date = int(time.time())
            webhook.last_error_message = error
            logger.debug(
                "webhook attempt %d for update %s: %s", attempt, update["update_id"], error
            )
            if attempt < WEBHOOK_ATTEMPTS:
                await self._sleep_unless_closing(0.05 * 2**attempt)
        logger.warning("dropping update %s: webhook failed %d times", update["update_id"], attempt)

    # -- methods ---------------------------------------------------------------------------------

    async def _ok(self, params: JSON) -> bool:
        return True

    async def _get_me(self, params: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _send_message(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        if not chat.bot_may_post:
            raise _bad_request("not enough rights to send text messages to the chat")
        text, entities = _format_text(params, "text", "entities", MAX_MESSAGE_LENGTH)
        if not text:
            raise _bad_request("message text is empty")
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self._bot_message(chat, params, content)

    async def _send_document(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        stored = self._input_file(params, "document", "documents")
        content: JSON = {"document": _document_json(stored), **_caption(params)}
        return self._bot_message(chat, params, content)

    async def _send_photo(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        stored = self._input_file(params, "photo", "photos")
        size = _image_size(stored.content)
        if size is None:
            raise _bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        photo = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "width": width,
            "height": height,
        }
        return self._bot_message(chat, params, {"photo": [photo], **_caption(params)})

    async def _edit_message_text(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        message = self._message_to_edit(chat, params)
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        text, entities = _format_text(params, "text", "entities", MAX_MESSAGE_LENGTH)
        if not text:
            raise _bad_request("message text is empty")
        return self._apply_edit(message, {"text": text, "entities": entities}, params)

    async def _edit_message_caption(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        message = self._message_to_edit(chat, params)
        if "document" not in message and "photo" not in message:
            raise _bad_request("there is no caption in the message to edit")
        caption, entities = _format_text(params, "caption", "caption_entities", MAX_CAPTION_LENGTH)
        return self._apply_edit(
            message, {"caption": caption or None, "caption_entities": entities}, params
        )

    async def _edit_message_reply_markup(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        message = self._message_to_edit(chat, params)
        return self._apply_edit(message, {}, params)

    async def _delete_message(self, params: JSON) -> bool:
        chat = self._resolve_chat(params)
        if chat.messages.pop(_require_int(params, "message_id"), None) is None:
            raise _bad_request("message to delete not found")
        return True

    async def _answer_callback_query(self, params: JSON) -> bool:
        query_id = _opt_str(params, "callback_query_id") or ""
        if query_id not in self._open_queries:
            raise _bad_request(_QUERY_TOO_OLD)
        # Counted in UTF-16 units (an emoji is two), the stricter reading of Telegram's "0-200
        # characters"; a refused answer leaves the query open, as Telegram's does.
        if utf16_len(_opt_str(params, "text") or "") > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._open_queries.discard(query_id)
        self.callback_answers[query_id] = {
            key: params[key] for key in ("text", "show_alert", "url", "cache_time") if key in params
        }
        return True

    async def _get_file(self, params: JSON) -> JSON:
        stored = self._files.get(_opt_str(params, "file_id") or "")
        if stored is None:
            raise _bad_request("invalid file_id")
        if len(stored.content) > MAX_DOWNLOAD_SIZE:
            raise _bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    async def _send_chat_action(self, params: JSON) -> bool:
        self._resolve_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    async def _get_chat(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params)
        accepted_gifts = {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        }
        return {
            **chat.info,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": accepted_gifts,
        }

    async def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME.fullmatch(
                str(command.get("command", ""))
            ):
                raise _bad_request("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = _commands_key(params)
        if commands:
            self._commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self._commands.pop(key, None)
        return True

    async def _get_my_commands(self, params: JSON) -> list[JSON]:
        return copy.deepcopy(self._commands.get(_commands_key(params), []))

    async def _delete_my_commands(self, params: JSON) -> bool:
        self._commands.pop(_commands_key(params), None)
        return True

    # -- helpers ---------------------------------------------------------------------------------

    def _notify(self) -> None:
        if self._changes is not None:
            self._changes.notify()

    async def _wait_for(self, predicate: Callable[[], bool], timeout: float | None) -> None:
        if self._changes is None:
            raise RuntimeError("TelegramServer is not started")
        await self._changes.wait_for(predicate, timeout)

    async def _sleep_unless_closing(self, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            await self._wait_for(lambda: self._closing, delay)

    def _next_id(self) -> int:
        self._counter += 1
        return self._counter

    def _bot_messages(self, chat_id: int | None) -> list[JSON]:
        return [
            self._chats[chat].messages[message_id]
            for chat, message_id in self._sent
            if (chat_id is None or chat == chat_id) and message_id in self._chats[chat].messages
        ]

    def _chat_for_user(self, chat: JSON, user: JSON) -> _Chat:
        state = self._chats.get(chat["id"])
        if state is None:
            raise LookupError(
                f"unknown chat {chat['id']}: create it with add_private_chat/add_group"
            )
        if state.migrated_to is not None:
            raise ValueError(f"chat {chat['id']} was migrated to {state.migrated_to}")
        if user["id"] not in state.members:
            raise ValueError(f"user {user['id']} is not a member of chat {chat['id']}")
        return state

    def _resolve_chat(self, params: JSON) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        chat: _Chat | None = None
        if isinstance(chat_id, int) and not isinstance(chat_id, bool):
            chat = self._chats.get(chat_id)
        elif isinstance(chat_id, str) and chat_id.startswith("@"):
            wanted = chat_id[1:].lower()
            chat = next(
                (c for c in self._chats.values() if c.info.get("username", "").lower() == wanted),
                None,
            )
        if chat is None:
            raise _bad_request("chat not found")
        if chat.migrated_to is not None:
            raise _bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.bot_status == "kicked":
            raise _ApiError(403, "Forbidden: bot was kicked from the group chat")
        if chat.bot_status == "left":
            raise _ApiError(403, "Forbidden: bot is not a member of the group chat")
        return chat

    def _new_message(self, chat: _Chat, **content: Any) -> JSON:
        message: JSON = {"message_id": chat.next_message_id}
        if "from" in content:
            message["from"] = content.pop("from")
        message.update(chat=copy.deepcopy(chat.info), date=int(time.time()), **content)
        chat.messages[chat.next_message_id] = message
        chat.next_message_id += 1
        return message

    def _bot_message(self, chat: _Chat, params: JSON, content: JSON) -> JSON:
        reply_to = self._replied_message(chat, params)
        markup = _reply_markup(params)
        if reply_to is not None:
            content["reply_to_message"] = reply_to
        if markup is not None and "inline_keyboard" in markup:
            content["reply_markup"] = markup
        message = self._new_message(chat, **{"from": self.bot_user}, **content)
        self._sent.append((chat.info["id"], message["message_id"]))
        return copy.deepcopy(message)

    def _replied_message(self, chat: _Chat, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = reply.get("allow_sending_without_reply") is True
        else:
            message_id = params.get("reply_to_message_id")
            allow_missing = params.get("allow_sending_without_reply") is True
        if message_id is None:
            return None
        replied = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if replied is None:
            if allow_missing:
                return None
            raise _bad_request("message to be replied not found")
        return {
            key: copy.deepcopy(value) for key, value in replied.items() if key != "reply_to_message"
        }

    def _message_to_edit(self, chat: _Chat, params: JSON) -> JSON:
        message = chat.messages.get(_require_int(params, "message_id"))
        if message is None:
            raise _bad_request("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad_request("message can't be edited")
        return message

    def _apply_edit(self, message: JSON, content: JSON, params: JSON) -> JSON:
        """Replace `content` fields and the inline keyboard (absent means removed), unless
        nothing would change."""
        markup = _reply_markup(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise _bad_request("inline keyboard expected")
        new = {key: value or None for key, value in content.items()}
        new["reply_markup"] = markup
        if all(message.get(key) == value for key, value in new.items()):
            raise _bad_request(_NOT_MODIFIED)
        for key, value in new.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _input_file(self, params: JSON, key: str, kind: str) -> _StoredFile:
        value = params.get(key)
        if isinstance(value, UploadedFile):
            if not value.content:
                raise _bad_request("file must be non-empty")
            return self._store_file(kind, value.file_name, value.mime_type, value.content)
        if isinstance(value, str) and value:
            stored = self._files.get(value)
            if stored is None:
                raise _bad_request("wrong file identifier/HTTP URL specified")
            return stored
        raise _bad_request(f"there is no {key} in the request")

    def _store_file(self, kind: str, file_name: str, mime_type: str, content: bytes) -> _StoredFile:
        number = self._next_id()
        suffix = PurePosixPath(file_name).suffix or (".jpg" if kind == "photos" else "")
        stored = _StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:06d}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"{kind}/file_{number}{suffix}",
            file_name=file_name,
            mime_type=mime_type,
            content=content,
        )
        self._files[stored.file_id] = stored
        self._file_paths[stored.file_path] = stored
        return stored


# --------------------------------------------------------------------------------------------
# Request decoding and validation
# --------------------------------------------------------------------------------------------


async def _read_params(request: web.Request) -> JSON:
    """Merge query parameters and the body (form, multipart or JSON) into one dict."""
    raw: JSON = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise _bad_request("can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise _bad_request("JSON request body must be an object")
            raw.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    raw[key] = UploadedFile(
                        key, value.filename, value.content_type, value.file.read()
                    )
                else:
                    raw[key] = value
    params: JSON = {}
    for key, value in raw.items():
        if isinstance(value, str) and value.startswith("attach://"):
            value = raw.get(value.removeprefix("attach://"), value)
        params[key] = _decode_field(key, value)
    return params


def _decode_field(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise _bad_request(f"can't parse {key} JSON object") from None
    if key in _INT_FIELDS or key == "chat_id":
        try:
            return int(value)
        except ValueError:
            return value  # e.g. "@channelusername"; validated where used
    if key in _BOOL_FIELDS:
        return value.lower() in ("true", "1")
    return value


def _opt_str(params: JSON, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad_request(f"{name} must be a string")
    return value


def _opt_int(params: JSON, name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad_request(f"invalid {name} specified")
    return value


def _opt_float(params: JSON, name: str) -> float | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name} specified") from None


def _require_int(params: JSON, name: str) -> int:
    value = _opt_int(params, name)
    if value is None:
        raise _bad_request(f"{name} is empty")
    return value


def _format_text(
    params: JSON, text_key: str, entities_key: str, limit: int
) -> tuple[str, list[JSON]]:
    """Apply parse_mode (or take explicit entities), trim like Telegram, check the length."""
    text = _opt_str(params, text_key) or ""
    parse_mode = (_opt_str(params, "parse_mode") or "").lower()
    if parse_mode == "html":
        try:
            formatted = parse_html(text)
        except HtmlParseError as error:
            raise _bad_request(f"can't parse entities: {error}") from None
        text, entities = formatted.text, formatted.entities
    elif parse_mode in ("markdown", "markdownv2"):
        raise _bad_request(
            "can't parse entities: Markdown parse modes are not supported by this test server; "
            "use HTML"
        )
    elif parse_mode:
        raise _bad_request("unsupported parse_mode")
    else:
        given = params.get(entities_key) or []
        if not isinstance(given, list) or not all(isinstance(e, dict) for e in given):
            raise _bad_request(f"can't parse {entities_key} JSON object")
        entities = copy.deepcopy(given)
    text, entities = _strip(text, entities)
    if len(text) > limit:
        raise _bad_request(
            "message is too long" if text_key == "text" else "message caption is too long"
        )
    return text, entities


def _strip(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Drop leading and trailing whitespace as Telegram does, moving entities along."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    end = utf16_len(stripped)
    moved = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            moved.append({**entity, "offset": start, "length": stop - start})
    return stripped, moved


def _caption(params: JSON) -> JSON:
    caption, entities = _format_text(params, "caption", "caption_entities", MAX_CAPTION_LENGTH)
    content: JSON = {}
    if caption:
        content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
    return content


def _reply_markup(params: JSON) -> JSON | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request("can't parse inline keyboard: rows must be arrays")
        for button in (button for row in rows for button in row):
            _check_inline_button(button)
    return markup


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise _bad_request("can't parse inline keyboard button: Text must be non-empty")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
            raise _bad_request("BUTTON_DATA_INVALID")
    elif "url" in button:
        if not isinstance(button["url"], str) or check_link(button["url"]) is None:
            raise _bad_request("BUTTON_URL_INVALID")
    elif not _BUTTON_ACTIONS & button.keys():
        raise _bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )


def _commands_key(params: JSON) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), _opt_str(params, "language_code") or ""


def _document_json(stored: _StoredFile) -> JSON:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_size": len(stored.content),
    }


def _image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG image, or None for anything else."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if not content.startswith(b"\xff\xd8"):
        return None
    position = 2
    while position + 9 <= len(content):
        if content[position] != 0xFF:
            return None
        marker = content[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height = int.from_bytes(content[position + 5 : position + 7], "big")
            width = int.from_bytes(content[position + 7 : position + 9], "big")
            return width, height
        position += 2 + int.from_bytes(content[position + 2 : position + 4], "big")
    return None


def _media_summary(message: JSON) -> str:
    if "document" in message:
        return f"[document {message['document']['file_name']}]"
    if "photo" in message:
        return "[photo]"
    return "[no text]"


def _loggable(params: JSON) -> dict[str, Any]:
    return {
        key: f"<file {value.file_name}, {value.size} bytes>"
        if isinstance(value, UploadedFile)
        else value
        for key, value in params.items()
    }


def _error_body(status: int, description: str) -> JSON:
    return {"ok": False, "error_code": status, "description": description}


def _error_response(status: int, description: str) -> web.Response:
    return web.json_response(_error_body(status, description), status=status)
