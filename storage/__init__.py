"""Persistence: SQLModel models, the engine and sessions, migrations and the shared queries."""
