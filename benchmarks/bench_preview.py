"""Memory benchmark: PDF previews give back their memory when they close.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_preview.py [--runs 20]

Opens the preview of a 16-week patient handout (as the window's Preview… does: every page
rendered, shown, then closed with WA_DeleteOnClose while the window keeps its last dialog),
`--runs` times. It measures the process's resident memory (RSS) before, with one preview open
(what one preview costs) and after each preview has closed and the event loop has settled.

Target: nothing accumulates per preview. The memory kept after each close, over the run, grows
by less than one open preview costs (the least-squares slope times the number of previews; ratio
under 1). One closed preview's figure alone is not the measure: the PDF pages are drawn on Qt's
worker threads, and glibc gives each thread's heap back only from its top, so what stays
resident after a close moves between levels some 3 MB apart from one preview to the next
(with MALLOC_ARENA_MAX=1 it stays flat at about 0.5 MB). Those levels are printed too.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import timing  # noqa: E402
from PySide6.QtCore import QEvent, QSettings, Qt  # noqa: E402


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux) or the peak from resource elsewhere."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # pragma: no cover (not Linux)


def _trim() -> None:
    """Hand freed heap back to the system (glibc keeps it otherwise), so RSS shows what is kept."""
    # Not glibc: RSS then includes the allocator's free lists.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def main() -> int:
    args = timing.parse(timing.parser_with_runs(__doc__, 20, "previews opened and closed (default 20)"), None)
    with tempfile.TemporaryDirectory() as config:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, config)
        from ldn_desk.desk import Desk, FromProtocol, HandoutInfo, LiquidForm, PlanRequest
        from ui.app import make_application
        from ui.settings.store import AppSettings
        from ui.widgets.preview import PreviewDialog

        app = make_application()
        desk = Desk()
        outcome = desk.plan(
            PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1), length_days=112, form=LiquidForm(1.0))
        )
        data = desk.handout_pdf(outcome, HandoutInfo("José Müller-Ñúñez", dt.date(2026, 11, 30)))

        def cycle() -> PreviewDialog:
            dialog = PreviewDialog(data, "Patient handout", AppSettings())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            for page in range(dialog.pdf.page_count):  # every page drawn, as a reader scrolls
                dialog.view.pageNavigator().jump(page, dialog.view.pageNavigator().currentLocation())
                app.processEvents()
            return dialog

        def settle() -> None:
            # What the event loop does between two previews: deferred deletes, then collection.
            for _ in range(3):
                app.processEvents()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                gc.collect()
            _trim()

        warm = cycle()  # QtPdf, fonts and caches loaded once, as after the first preview
        warm.close()
        del warm
        settle()
        before = rss_mb()
        kept = cycle()
        open_mb = rss_mb() - before
        pages = kept.pdf.page_count
        kept.close()
        settle()
        trace = [rss_mb() - before]  # kept after each preview has closed
        for _ in range(args.runs - 1):
            kept = cycle()  # the window keeps its last dialog (window.last_preview), closed
            kept.close()
            settle()
            trace.append(rss_mb() - before)
        del kept
    growth = statistics.linear_regression(range(len(trace)), trace).slope * len(trace)
    ratio = growth / open_mb if open_mb > 0 else float("inf")
    print(
        f"handout preview: {pages} pages, {len(data) / 1024:.0f} KB of PDF; {args.runs} previews opened and closed"
    )
    print(
        f"one preview open costs {open_mb:.1f} MB; kept after each close {min(trace):+.1f} to "
        f"{max(trace):+.1f} MB (median {statistics.median(trace):+.1f} MB, after the last "
        f"{trace[-1]:+.1f} MB); growth over the {len(trace)} previews {growth:+.1f} MB ({ratio:.2f}x one open)"
    )
    ok = ratio < 1
    timing.report_row(
        "previews closed", f"{args.runs} handout previews: growth", growth, open_mb, "MB", "< 1x one open", ok
    )
    return timing.verdict(ok, "memory kept:")


if __name__ == "__main__":
    sys.exit(main())
