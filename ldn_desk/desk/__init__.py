"""The one door every front end goes through: recipes, plans, documents and the log."""
