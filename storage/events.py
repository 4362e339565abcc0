"""Storage area 'events' (schema and queries). Owner fills this in."""

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("fundwatch.events")
