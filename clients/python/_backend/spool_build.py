"""A PEP 517 build backend using only the standard library, so that ``pip install ./clients/python``
works with no network and no setuptools/wheel.

It builds one pure-Python wheel holding the ``spool_logging`` package, and an sdist of this directory.
The project's name and version are read from pyproject.toml's [project] table with a few regular
expressions (tomllib only exists from Python 3.11).
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_PACKAGE = "spool_logging"


def _project():
    with open(os.path.join(_ROOT, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]

    def value(key):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % key, section, re.M)
        return m.group(1) if m else None

    return value("name"), value("version"), value("description"), value("requires-python")


def _dist_name(name):
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata():
    name, version, description, requires = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + name, "Version: " + version]
    if description:
        lines.append("Summary: " + description)
    if requires:
        lines.append("Requires-Python: " + requires)
    return "\n".join(lines) + "\n"


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def _wheel(wheel_directory, editable):
    name, version, _, _ = _project()
    dist = _dist_name(name)
    info = "%s-%s.dist-info" % (dist, version)
    filename = "%s-%s-py3-none-any.whl" % (dist, version)
    files = []
    if editable:
        files.append((dist + ".pth", (_ROOT + "\n").encode("utf-8")))
    else:
        pkg = os.path.join(_ROOT, _PACKAGE)
        for entry in sorted(os.listdir(pkg)):
            if entry.endswith(".py"):
                with open(os.path.join(pkg, entry), "rb") as f:
                    files.append((_PACKAGE + "/" + entry, f.read()))
    files.append((info + "/METADATA", _metadata().encode("utf-8")))
    files.append((info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: spool_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    record = [_record_line(p, d) for p, d in files] + [info + "/RECORD,,"]
    files.append((info + "/RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files:
            z.writestr(zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return filename


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, editable=False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, editable=True)


def build_sdist(sdist_directory, config_settings=None):
    name, version, _, _ = _project()
    base = "%s-%s" % (_dist_name(name), version)
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as tar:
        for rel in ["pyproject.toml", "README.md", "_backend/spool_build.py"] + [
                _PACKAGE + "/" + e for e in sorted(os.listdir(os.path.join(_ROOT, _PACKAGE))) if e.endswith(".py")]:
            path = os.path.join(_ROOT, rel)
            if os.path.exists(path):
                tar.add(path, arcname=base + "/" + rel)
        pkg_info = _metadata().encode("utf-8")
        ti = tarfile.TarInfo(base + "/PKG-INFO")
        ti.size = len(pkg_info)
        tar.addfile(ti, io.BytesIO(pkg_info))
    return filename
