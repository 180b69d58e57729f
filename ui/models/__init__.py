"""Qt table models over plain lists of core objects."""
