"""The matching and scheduling cores stay pure: no web framework, ORM or database imports."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT

FORBIDDEN = ("fastapi", "starlette", "sqlmodel", "sqlalchemy", "psycopg", "sqlite3", "httpx", "app.db")
PURE_PACKAGES = ["app/matching", "app/scheduling"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_core_imports_nothing_impure(package):
    files = list((PROJECT_ROOT / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    for path in files:
        bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN}
        assert not bad, f"{path.relative_to(PROJECT_ROOT)} imports {bad}"


@pytest.mark.parametrize("package", ["app.matching", "app.scheduling"])
def test_importing_the_core_loads_no_impure_module(package):
    code = (f"import sys, {package}; "
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN[:-1]!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    assert out.stdout.strip() == "[]"
