"""The event log and everything that touches its storage: the log on the eventsourcing library, the database's guard, the chain check, roles, backup, recovery, export and restore."""
