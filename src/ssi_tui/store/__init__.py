"""Storage: one SQLite file through sqlite-utils. No Textual or click here."""
