"""The plugins depend on Django and Wagtail only, never on the host site that uses them."""

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGINS = ["news", "contacts"]
HOST_PACKAGES = {"home", "postal_site", "site"}
# Template tag libraries the host defines, read from its folder (the host may not be installed).
HOST_TAG_LIBRARIES = {path.stem for path in (REPO / "home" / "templatetags").glob("*_tags.py")}


def imported_modules(path):
    """The absolute module names a Python file imports (relative imports stay in the plugin)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugin_code_never_imports_the_host(plugin):
    """No module of the plugin, migrations included, imports `home` or `postal_site`."""
    files = sorted((REPO / plugin).rglob("*.py"))
    assert len(files) > 3
    offending = [
        f"{path.relative_to(REPO)}: import {module}"
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] in HOST_PACKAGES
    ]
    assert offending == []


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugin_templates_use_only_their_own_templates_and_tags(plugin):
    """Templates extend and include only the plugin's own and load none of the host's tags."""
    templates = sorted((REPO / plugin / "templates").rglob("*.html"))
    assert templates
    assert "chrome_tags" in HOST_TAG_LIBRARIES  # the check below would be empty without it
    offending = []
    for path in templates:
        source = path.read_text(encoding="utf-8")
        for name in re.findall(r"{%\s*(?:extends|include)\s+[\"']([^\"']+)[\"']", source):
            if not name.startswith(f"{plugin}/"):
                offending.append(f"{path.relative_to(REPO)} uses {name}")
        for libraries in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", source):
            for library in set(libraries.split()) & HOST_TAG_LIBRARIES:
                offending.append(f"{path.relative_to(REPO)} loads {library}")
    assert offending == []
