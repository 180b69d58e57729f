"""Printed documents (ReportLab): the patient handout, the compounding record and container labels.

Each builder returns the PDF as bytes, identical for identical input (ReportLab's invariant mode);
`pdfbase.write_pdf(pdf, path)` saves it. Text a person supplies is checked against the bundled
DejaVu Sans font first, so a name that cannot print is refused with an InputError naming the field.

- `handout.handout_pdf(plan, HandoutInfo, PageSetup, liquid=LiquidSchedule | capsules=CapsuleSchedule,
  supply=Dispensing, bud=BeyondUseDate, storage=str)`; `handout.handout_notices(HandoutInfo)`: what its
  maker should know first (no contact phone number)
- `record.record_pdf(LiquidRecipe | CapsuleRecipe, PharmacyInfo, PageSetup, directions=str | Directions)`
- `record_lines.printed_formula(recipe)`, `record_lines.weighings(recipe)`, `record_lines.calculation_lines(recipe)`:
  the record's lines as plain text, without ReportLab, for the record, the MFR and the app's pages
- `label.label_pdf(LiquidRecipe | CapsuleRecipe, PharmacyInfo, layout="avery_l7163", copies=1, skip=0,
  directions=str | Directions, outline=False)`; layouts by name from resources/labels.toml (`label.layouts()`)
- `directions.Directions(text=None, dose_mg=None, time_of_day="bedtime", add="")`: the pharmacist's own
  directions, or directions written from the dose (mL with the mg beside it, or capsules) and the time of
  day, with any addition; typed words are held to the dose-writing rules (`ldn_desk.units.free_text`)
- `info.HandoutInfo`, `info.PharmacyInfo`: the names and dates; `pdfbase.PageSetup(paper, large_print)`;
  `pdfbase.default_paper()` (A4 or Letter from the locale); `pdfbase.page_count(pdf)`
- `textrules.dose_text_problems(text)`: the same rules over printed text, used by the tests on every document
"""
