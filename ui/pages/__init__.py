"""The job pages of the main window: titration plan, liquid, capsules and the log."""
