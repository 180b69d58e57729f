"""Widgets the pages share: fields, alerts, chart, forms, icons, the PDF preview."""
