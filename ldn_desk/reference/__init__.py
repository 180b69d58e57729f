"""Reference data from resources/: each table read once, with its source beside it."""
