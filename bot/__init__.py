"""The Telegram side: the Application, handlers, message texts, the CLI and the composition root."""
