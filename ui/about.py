"""Help → About: the version, the sources behind every number, and who checks the results."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui import CHECK_STATEMENT
from ui.i18n import translate


def data_sources() -> list[tuple[str, str]]:
    """(file, source) for every source the reference data cites, each text once, file by file."""
    from ldn_desk.reference.catalog import data_sources as cited

    return cited()


def about_html() -> str:
    from ldn_desk import __version__

    rows = "".join(
        f"<li><b>{html.escape(name)}</b>: {html.escape(text)}</li>" for name, text in data_sources()
    )
    return (
        f"<h2>LDN Desk {html.escape(__version__)}</h2>"
        f"<p>{html.escape(translate('Low-dose naltrexone compounding recipes and titration plans, offline.'))}</p>"
        f"<p><b>{html.escape(translate(CHECK_STATEMENT))}</b></p>"
        f"<h3>{html.escape(translate('Where the data comes from'))}</h3>"
        f"<ul>{rows}</ul>"
    )


class _TextDialog(QDialog):
    """A page of text to read, and Close."""

    def __init__(self, title: str, width: int, height: int, text_html: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setAccessibleName(title)
        self.text.setHtml(text_html)
        self.text.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        from ui.widgets.screen import fit_dialog

        fit_dialog(self, width, height)


class AboutDialog(_TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("About LDN Desk"), 640, 520, about_html(), parent)


HELP_HTML = """
<h2>Using LDN Desk</h2>
<p>Pick a job on the left (or press Ctrl+1 to Ctrl+4). Type amounts with their unit,
for example <b>4.5 mg</b>, <b>100 mcg</b>, <b>1 mg/mL</b>, <b>100 mL</b>, <b>7 days</b>.
Dates are written year-month-day, for example <b>2026-12-01</b>.</p>
<p>An entry that cannot be read is marked with an icon and the reason in words; no result is
shown until it is corrected. Warnings stand next to the results with an icon and words.</p>
<p><b>Titration plan</b>: a protocol from the library, or your own start, step, interval and
target; what the patient measures at each step; Hold and Step back change the plan.
<b>Liquid</b> and <b>Capsules</b>: the recipe, steps, beyond-use date and any aliquot procedure;
<b>Save to log</b> keeps it as a draft compounding record with each ingredient's maker and lot.
<b>Log</b>: find records by patient, date, lot (a recall) or Rx number; reprint one exactly as first
printed, sign it off, or amend it (a new version with the reason; nothing is ever deleted).
Save plan and Open plan on the Titration page keep a patient's plan with its changes.</p>
<p>Preview shows the handout, compounding record or label; print it with Ctrl+P or save it as
a PDF with Ctrl+S. Settings (Ctrl+,) hold the clinic's name and contact, paper size, syringes,
balance and label layout.</p>
"""


class HelpDialog(_TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        help_html = translate(HELP_HTML) + f"<p><b>{html.escape(translate(CHECK_STATEMENT))}</b></p>"
        super().__init__(translate("LDN Desk Help"), 600, 420, help_html, parent)
