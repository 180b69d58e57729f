"""Build the standalone LDN Desk on this machine with PyInstaller: one folder, then its archive.

    python packaging/build.py [--dist DIR] [--work DIR]

Linux: dist/ldn-desk/ and dist/ldn-desk-<version>-linux-<machine>.tar.gz (the folder with a
.desktop file, the icon and install.sh). macOS: dist/LDN Desk.app and, with --dmg, a .dmg.
Windows: dist/ldn-desk/, which packaging/windows/ldn-desk.iss turns into an installer. The last
line printed is the path of the built `ldn-desk` executable.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NAME = "ldn-desk"


def version() -> str:
    """The version the package declares, read from its source (the build does not import it)."""
    source = (ROOT / "ldn_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if found is None:
        raise SystemExit("ldn_desk/__init__.py has no __version__")
    return found.group(1)


def render_icon(svg: Path, png: Path, size: int) -> Path:
    """The app's SVG icon as a PNG (PyInstaller turns it into .ico or .icns with Pillow)."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import Qt\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "size = int(sys.argv[3])\n"
        "image = QImage(size, size, QImage.Format.Format_ARGB32)\n"
        "image.fill(Qt.GlobalColor.transparent)\n"
        "painter = QPainter(image)\n"
        "QSvgRenderer(sys.argv[1]).render(painter)\n"
        "painter.end()\n"
        "sys.exit(0 if image.save(sys.argv[2]) else 1)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", script, str(svg), str(png), str(size)], check=True, env=env)
    return png


def run_pyinstaller(dist: Path, work: Path, icon: Path | None) -> None:
    env = dict(
        os.environ,
        LDN_DESK_PACKAGE_WORK=str(work),
        LDN_DESK_PACKAGE_ICON=str(icon or ""),
        LDN_DESK_PACKAGE_VERSION=version(),
    )
    env.pop("PYTHONPATH", None)  # the spec puts the checkout first; nothing else may slip in
    command = [
        sys.executable, "-m", "PyInstaller", str(HERE / "ldn-desk.spec"), "--noconfirm",
        "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT, env=env)


def licences_on_top(folder: Path) -> None:
    """The notices and licence texts beside the executable, where a person looks for them (the
    program never reads them, so they need not stay in the folder PyInstaller put them in)."""
    for name in ("THIRD-PARTY-NOTICES.txt", "licenses"):
        shutil.move(folder / "_internal" / name, folder / name)


def desktop_entry(exec_path: str, icon: str) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=LDN Desk\n"
        "GenericName=LDN compounding and titration\n"
        "Comment=Low-dose naltrexone recipes, titration plans, labels and handouts, offline\n"
        f"Exec={exec_path}\n"
        f"Icon={icon}\n"
        "Terminal=false\n"
        "Categories=Office;MedicalSoftware;Science;\n"
        "StartupWMClass=ldn-desk\n"
    )


def linux_archive(folder: Path, dist: Path) -> Path:
    """The folder with a .desktop file, the icon and install.sh, packed as a .tar.gz."""
    shutil.copyfile(ROOT / "resources" / "icons" / "app.svg", folder / f"{NAME}.svg")
    (folder / f"{NAME}.desktop").write_text(desktop_entry(NAME, NAME), encoding="utf-8")
    install = folder / "install.sh"
    shutil.copyfile(HERE / "linux" / "install.sh", install)
    install.chmod(0o755)
    archive = dist / f"{NAME}-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=NAME)
    return archive


def macos_dmg(app: Path, dist: Path) -> Path:
    dmg = dist / f"LDN-Desk-{version()}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            "LDN Desk",
            "-srcfolder",
            str(app),
            "-ov",
            "-format",
            "UDZO",
            str(dmg),
        ],
        check=True,
    )
    return dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    # Not build/lib or build/bdist*: setuptools reuses those when it builds a wheel from this tree.
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "standalone", help="work folder")
    parser.add_argument("--dmg", action="store_true", help="macOS: also make the .dmg")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work / "notices", ignore_errors=True)  # written afresh by every build
    icon = None
    if sys.platform in ("win32", "darwin"):
        icon = render_icon(ROOT / "resources" / "icons" / "app.svg", work / "app.png", 1024)
    run_pyinstaller(dist, work, icon)
    folder = dist / NAME
    for built in (folder, dist / "LDN Desk.app"):
        for path in sorted(built.rglob("*")):
            if path.is_symlink() and not path.exists():
                path.unlink()  # PyInstaller's link to a library the spec left out (the virtual keyboard's)
    if sys.platform == "darwin":
        app = dist / "LDN Desk.app"
        if args.dmg:
            print(macos_dmg(app, dist))
        executable = app / "Contents" / "MacOS" / NAME
    elif sys.platform == "win32":
        licences_on_top(folder)
        executable = folder / f"{NAME}.exe"
    else:
        licences_on_top(folder)
        print(linux_archive(folder, dist))
        executable = folder / NAME
    if not executable.is_file():
        raise SystemExit(f"the build made no {executable}")
    print(executable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
