"""The standalone build: made from a clean checkout, it runs with no Python environment around it.

One build (minutes) serves every test here. It is made from `git archive HEAD`, so it holds what
is committed, as a clinic's copy would. The bundle then runs with PATH holding only the system's
folders, PYTHONPATH and the virtual environment unset, and a throwaway HOME.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.bundle]

ROOT = Path(__file__).resolve().parents[2]
PLAN = ["--protocol", "standard", "--start-date", "2026-12-01", "--liquid", "1 mg/mL", "--date", "2026-11-30"]
PEOPLE = ["--patient", "José Müller-Ñúñez", "--prescriber", "Dr Øyvind Berg", "--clinic", "Fjord Clinic"]
RECORD = ["liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01",
          "--patient", "Ann Lee", "--rx", "RX-1001", "--pharmacy", "Main Street Pharmacy", "--compounded-by", "AB"]  # fmt: skip
INGREDIENT = ["--ingredient", "Naltrexone HCl 50 mg tablets | Accord | NX-2291 | 2027-03-31 | 2 tablets"]


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(
        " ".join((page.extract_text() or "") for page in reader.pages).replace("\u00a0", " ").split()
    )


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("checkout")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


@pytest.fixture(scope="module")
def build(checkout: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "LDN_DESK_DATA_DIR")}
    completed = subprocess.run(
        [sys.executable, "packaging/build.py"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    return completed


@pytest.fixture(scope="module")
def executable(build: subprocess.CompletedProcess[str], checkout: Path) -> Path:
    program = Path(build.stdout.splitlines()[-1])  # the build's last line is the program's path
    assert program == checkout / "dist" / "ldn-desk" / "ldn-desk"
    return program


@pytest.fixture()
def bare_env(tmp_path: Path) -> dict[str, str]:
    """What a clinic's desktop session gives the program: no Python, no virtual environment."""
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CONFIG_HOME": str(home / ".config")}  # fmt: skip


def _run(
    program: Path | str, *arguments: str, env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [str(program), *arguments], env=env, cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    return completed


def test_the_build_leaves_nothing_setuptools_would_pack_into_a_wheel(build: object, checkout: Path) -> None:
    # setuptools reuses build/lib and build/bdist.* when it builds a wheel from a source tree: a
    # stale module there would be installed by a later `pip install .`.
    assert (checkout / "build").is_dir()
    assert not list((checkout / "build").glob("lib*")) and not list((checkout / "build").glob("bdist*"))
    assert not list(checkout.glob("*.egg-info"))


def test_linux_archive_holds_the_folder_a_menu_entry_and_the_icon(
    build: subprocess.CompletedProcess[str],
) -> None:
    archive = Path(build.stdout.splitlines()[-2])
    assert archive.name.startswith("ldn-desk-") and archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        desktop = tar.extractfile("ldn-desk/ldn-desk.desktop")
        assert desktop is not None
        entry = desktop.read().decode()
        assert tar.getmember("ldn-desk/ldn-desk").mode & 0o111
    assert {"ldn-desk/ldn-desk.svg", "ldn-desk/install.sh", "ldn-desk/THIRD-PARTY-NOTICES.txt"} <= names
    assert "ldn-desk/_internal/ldn_desk/resources/fonts/LICENSE" in names  # the fonts' licence beside them
    assert "Exec=ldn-desk" in entry and "Icon=ldn-desk" in entry and "Terminal=false" in entry


def test_version_and_smoke_run_without_python(
    executable: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    from ldn_desk import __version__

    assert (
        _run(executable, "--version", env=bare_env, cwd=tmp_path).stdout.strip() == f"ldn-desk {__version__}"
    )
    smoke = _run(executable, "--smoke", env=bare_env, cwd=tmp_path)
    assert "Traceback" not in smoke.stderr


def test_handout_from_the_bundle_is_the_source_runs_and_previews_and_prints(
    executable: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    bundled, source = tmp_path / "bundle.pdf", tmp_path / "source.pdf"
    _run(executable, "handout", *PLAN, *PEOPLE, "-o", str(bundled), env=bare_env, cwd=tmp_path)
    source_env = dict(bare_env, PATH=os.environ["PATH"], PYTHONPATH=str(ROOT))
    _run(
        sys.executable,
        "-m",
        "ldn_desk",
        "handout",
        *PLAN,
        *PEOPLE,
        "-o",
        str(source),
        env=source_env,
        cwd=ROOT,
    )
    text = _text(bundled)
    assert "José Müller-Ñúñez" in text and "Dr Øyvind Berg" in text  # the bundled DejaVu fonts at work
    # The standard protocol (DOMAIN.md): 1.5 mg, +1.5 mg every 14 days, to 4.5 mg; at 1 mg/mL a
    # dose of 4.5 mg is 4.5 mL.
    assert "4.5 mL" in text and "1.5 mg" in text
    assert ".5 mg" not in text.replace("1.5 mg", "").replace("4.5 mg", "")  # never a bare ".5 mg"
    assert bundled.read_bytes() == source.read_bytes()  # same input, same bytes: the same program

    # Qt's PDF module and print support inside the bundle: the app's preview and print path.
    printed = tmp_path / "printed.pdf"
    check = _run(executable, "--check-bundle", str(bundled), str(printed), env=bare_env, cwd=tmp_path)
    report = json.loads(check.stdout.splitlines()[-1])
    pages = len(PdfReader(str(bundled)).pages)
    assert report == {"previewed_pages": pages, "printed_pages": pages}
    assert len(PdfReader(str(printed)).pages) == pages


def test_record_from_the_bundle(executable: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "record.pdf"
    _run(executable, "record", *RECORD, "-o", str(out), env=bare_env, cwd=tmp_path)
    text = _text(out)
    assert "Ann Lee" in text and "RX-1001" in text and "Main Street Pharmacy" in text
    # 1 mg/mL × 100 mL = 100 mg naltrexone HCl = 2 × 50 mg tablets (DOMAIN.md: two in 100 mL)
    assert "100 mL" in text and "2 tablets" in text


def test_the_bundle_reads_the_log_a_source_run_made(
    executable: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    # Both find the log in the platform's data folder (XDG_DATA_HOME/ldn-desk), so a clinic that
    # moves from the source run to the installed program, or upgrades it, keeps its log.
    source_env = dict(bare_env, PATH=os.environ["PATH"], PYTHONPATH=str(ROOT))
    _run(sys.executable, "-m", "ldn_desk", "log", "add", *RECORD, *INGREDIENT, env=source_env, cwd=ROOT)
    log = Path(bare_env["XDG_DATA_HOME"]) / "ldn-desk" / "log.sqlite3"
    assert log.is_file()
    listed = json.loads(_run(executable, "log", "list", "--json", env=bare_env, cwd=tmp_path).stdout)
    assert listed["log"] == str(log)
    found = [(r["id"], r["patient"], r["rx_number"], r["lots"]) for r in listed["records"]]
    assert found == [(1, "Ann Lee", "RX-1001", ["NX-2291"])]
    again = tmp_path / "again.pdf"
    reprint = json.loads(
        _run(executable, "log", "reprint", "1", "-o", str(again), "--json", env=bare_env, cwd=tmp_path).stdout
    )
    assert reprint["as_first_printed"] is True
    assert "NX-2291" in _text(again)
    # $LDN_DESK_DATA_DIR moves the data folder for the installed program as for the source run.
    moved = dict(bare_env, LDN_DESK_DATA_DIR=str(log.parent))
    other = dict(bare_env, XDG_DATA_HOME=str(tmp_path / "elsewhere"))
    assert (
        json.loads(_run(executable, "log", "list", "--json", env=other, cwd=tmp_path).stdout)["records"] == []
    )
    other.update(LDN_DESK_DATA_DIR=moved["LDN_DESK_DATA_DIR"])
    assert (
        len(json.loads(_run(executable, "log", "list", "--json", env=other, cwd=tmp_path).stdout)["records"])
        == 1
    )


def test_notices_list_every_bundled_distribution_with_its_licence(executable: Path) -> None:
    from importlib import metadata

    folder = executable.parent
    notices = (folder / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for name in ("PySide6_Essentials", "PySide6_Addons", "shiboken6", "reportlab", "Pint", "platformdirs"):
        version = metadata.version(name)
        assert f"{metadata.distribution(name).name} {version} — " in notices, name
    assert "LGPL-3.0" in notices
    for text in ("LGPL-3.0.txt", "GPL-3.0.txt", "Python-LICENSE.txt", "reportlab/LICENSE"):
        assert (folder / "licenses" / text).stat().st_size > 500, text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "licenses" / "LGPL-3.0.txt").read_text()
    # Qt stays replaceable: its libraries are separate files in the folder, not packed in the program.
    qt = folder / "_internal" / "PySide6" / "Qt"
    for library in (
        "libQt6Core.so.6",
        "libQt6Gui.so.6",
        "libQt6Widgets.so.6",
        "libQt6Pdf.so.6",
        "libQt6PrintSupport.so.6",
    ):
        assert (qt / "lib" / library).is_file(), library
    assert (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert (qt / "plugins" / "platforms" / "libqoffscreen.so").is_file()


def test_the_folder_holds_no_broken_link_and_no_virtual_keyboard(executable: Path) -> None:
    folder = executable.parent
    assert [path for path in folder.rglob("*") if path.is_symlink() and not path.exists()] == []
    assert not list(folder.rglob("*VirtualKeyboard*")) and not list(folder.rglob("libQt6Quick*"))
