"""Texts the action server composes (answers with links, candidate lists, notices)."""

from bot.i18n.catalog import text

__all__ = ["text"]
