"""The store's refusals: each message is one sentence for the user."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database that cannot be used; the message is one sentence for the user."""
