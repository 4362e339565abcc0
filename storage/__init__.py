"""SQLite storage through sqlite-utils: schema history, idempotent writes, queries.

`open_db(path)` is the one way in: it opens (or creates) the file, switches on WAL and
foreign keys, and applies every pending migration. Each area of the schema (feeds,
articles and events, the alert outbox) owns its own `sqlite_utils.migrations.Migrations`
set, so areas evolve independently and every change is recorded in `_sqlite_migrations`.
"""

from storage.db import open_db

__all__ = ["open_db"]
