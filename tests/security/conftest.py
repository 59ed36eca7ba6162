"""The staff console's fixtures (a console on a temporary database, a stand-in for Rasa)."""

from tests.unit.test_staff_console import console, database_url, rasa  # noqa: F401
