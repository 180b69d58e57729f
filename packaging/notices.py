"""THIRD-PARTY-NOTICES for the standalone build, from the metadata of the distributions it bundles.

The build passes the top-level names of every module it collected; each name is traced to the
installed distribution that provides it, and that distribution's name, version, licence and
licence files are written out. A bundled distribution with no licence in its metadata stops the
build: shipping code without its licence is not a warning.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OWN_PACKAGES = {"ldn_desk", "ui"}  # the program itself
NOTICES = "THIRD-PARTY-NOTICES.txt"

# The Qt for Python wheels carry their licence only as an SPDX expression; the texts it names
# ship from packaging/licenses/ (the FSF's own texts). We use Qt under the LGPL-3.0.
_TEXTS_BY_LICENCE = {"LGPL-3.0": ["LGPL-3.0.txt", "GPL-3.0.txt"]}

_QT = """\
Qt 6 (through PySide6 and shiboken6) is used under the GNU Lesser General Public License v3
(licenses/LGPL-3.0.txt, which adds to licenses/GPL-3.0.txt); the Qt version is PySide6's, above.
Its source is at https://code.qt.io and https://download.qt.io/official_releases/. The Qt
libraries are separate, unmodified files — _internal/PySide6/Qt/lib and _internal/PySide6/Qt/plugins
on Linux, _internal\\PySide6 on Windows, Contents/Frameworks/PySide6 in the macOS app — so you
may replace them with your own build of the same Qt version ("Replacing Qt" in packaging/README.md
of LDN Desk's source). Qt includes third-party code (PCRE2, HarfBuzz, libpng, FreeType, PDFium
and others) under their own permissive licences: https://doc.qt.io/qt-6/licenses-used-in-qt.html
"""

# Shared libraries Python's standard modules need, copied from the build machine (Linux).
SYSTEM_LIBRARY_LICENCES = {
    "libpython": "PSF-2.0 (licenses/Python-LICENSE.txt)",
    "libsqlite3": "public domain (SQLite)",
    "libffi": "MIT (libffi)",
    "libbz2": "bzip2-1.0.6 (BSD-style)",
    "liblzma": "0BSD / public domain (XZ Utils)",
    "libz": "Zlib",
    "libcrypto": "Apache-2.0 (OpenSSL 3)",
    "libssl": "Apache-2.0 (OpenSSL 3)",
    "libexpat": "MIT (Expat)",
    "libmpdec": "BSD-2-Clause (mpdecimal)",
    "libuuid": "BSD-3-Clause (util-linux libuuid)",
}

_PYINSTALLER = """\
The start-up program (bootloader) is PyInstaller's, GPL-2.0-or-later with an exception that lets
it be distributed with any program, unmodified: https://pyinstaller.org/en/stable/license.html
"""


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 120:
        return text
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    if classifiers:
        return "; ".join(classifiers)
    raise SystemExit(f"{dist.name} {dist.version}: no licence in its metadata — cannot bundle it")


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    """The files the distribution declares as License-File, found inside its .dist-info."""
    wanted = set(dist.metadata.get_all("License-File") or [])
    found = []
    for file in dist.files or []:
        if not file.parts or not file.parts[0].endswith(".dist-info"):
            continue
        inner = "/".join(file.parts[1:])
        if inner in wanted or inner.removeprefix("licenses/") in wanted:
            found.append(Path(str(file.locate())))
    return found


def bundled_distributions(top_level_names: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions that provide these top-level modules (the standard library's
    and our own are left out), sorted by name."""
    providers = metadata.packages_distributions()
    names: set[str] = set()
    for top in set(top_level_names) - OWN_PACKAGES:
        names.update(providers.get(top, []))
    distributions = {metadata.distribution(name).name.lower(): metadata.distribution(name) for name in names}
    return [distributions[key] for key in sorted(distributions)]


def python_licence() -> Path:
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (base / "lib" / version / "LICENSE.txt", base / "LICENSE.txt", base / "LICENSE"):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"Python's LICENSE.txt is not under {base}: the build must ship it")


def system_library_licence(file_name: str) -> str:
    stem = file_name.split(".so")[0]
    stem = "libpython" if stem.startswith("libpython") else stem
    if stem not in SYSTEM_LIBRARY_LICENCES:
        raise SystemExit(f"{file_name}: a system library with no licence on record in packaging/notices.py")
    return SYSTEM_LIBRARY_LICENCES[stem]


def write(target: Path, top_level_names: Iterable[str], system_libraries: Iterable[str] = ()) -> list[str]:
    """Write NOTICES and licenses/<distribution>/… into `target`; return the distributions' names."""
    licences = target / "licenses"
    licences.mkdir(parents=True, exist_ok=True)
    for text in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        shutil.copyfile(HERE / "licenses" / text, licences / text)
    shutil.copyfile(python_licence(), licences / "Python-LICENSE.txt")
    shutil.copyfile(ROOT / "resources" / "fonts" / "LICENSE", licences / "DejaVu-fonts-LICENSE.txt")
    lines = [
        "LDN Desk — third-party software in this program",
        "",
        "Each entry: the distribution, its version, its licence as its metadata states it, and",
        "where its licence texts are in this folder.",
        "",
        f"Python {sys.version.split()[0]} — PSF-2.0 — licenses/Python-LICENSE.txt",
        "DejaVu Sans fonts (ldn_desk/resources/fonts) — Bitstream Vera / Arev licence, DejaVu changes in "
        "the public domain — licenses/DejaVu-fonts-LICENSE.txt and beside the fonts",
    ]
    names = []
    for dist in bundled_distributions(top_level_names):
        licence = _licence(dist)
        folder = licences / dist.name
        files = _licence_files(dist)
        copied = []
        for file in files:
            folder.mkdir(exist_ok=True)
            shutil.copyfile(file, folder / file.name)
            copied.append(f"licenses/{dist.name}/{file.name}")
        for key, texts in _TEXTS_BY_LICENCE.items():
            if key in licence:
                copied.extend(f"licenses/{text}" for text in texts)
        if not copied:
            raise SystemExit(f"{dist.name} {dist.version}: no licence text to ship")
        lines.append(f"{dist.name} {dist.version} — {licence} — {', '.join(copied)}")
        names.append(dist.name)
    libraries = sorted(set(system_libraries))
    if libraries:
        lines += ["", "Shared libraries of the build machine's system that Python's standard modules use:"]
        lines += [f"{name} — {system_library_licence(name)}" for name in libraries]
    lines += ["", _QT, _PYINSTALLER]
    (target / NOTICES).write_text("\n".join(lines), encoding="utf-8")
    return names
