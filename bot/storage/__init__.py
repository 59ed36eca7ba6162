"""The assistant's own records (SQLAlchemy): SQLite by default, PostgreSQL in production."""
