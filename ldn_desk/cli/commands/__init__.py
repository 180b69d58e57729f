"""Subcommands of the ldn-desk command line; each module adds its parser and runs itself."""
