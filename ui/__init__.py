"""LDN Desk desktop app (PySide6): the only package that imports Qt."""

CHECK_STATEMENT = (
    "LDN Desk is a calculation aid. Every result must be checked by the pharmacist or prescriber "
    "before it is used."
)
