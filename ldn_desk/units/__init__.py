"""Amounts as a person writes them: the unit registry and strict parser, dose text, calendar days."""
