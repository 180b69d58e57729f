"""Compounding recipes: liquid and capsule batches, beyond-use dates, the aliquot method, dose to volume."""
