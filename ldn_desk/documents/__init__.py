"""Printed documents: the patient handout, the compounding record and container labels (ReportLab)."""
