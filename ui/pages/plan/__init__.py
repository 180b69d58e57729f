"""The Titration plan page and what it shows: measures, the saved plans."""
