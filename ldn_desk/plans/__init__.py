"""Titration plans: protocols, dated steps and edits, what to measure at each step, what to dispense."""
