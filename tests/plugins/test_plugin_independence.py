"""The plugins and the headless layer depend on Django, DRF and Wagtail only, never on the host
site that uses them nor on each other; dependencies run one way, `site` → `home` → (`news`,
`contacts`, `headless`) → Wagtail, with no cycle inside an app."""

import ast
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGINS = ["news", "contacts", "stamps", "headless"]
HOST_PACKAGES = {"home", "postal_site", "site"}
# What each layer may import besides the standard library and itself.
ALLOWED_PACKAGES = {
    "news": {"django", "wagtail", "rest_framework"},
    "contacts": {"django", "wagtail", "rest_framework", "phonenumbers"},
    "stamps": {"django", "wagtail", "rest_framework"},
    # orjson writes the API's JSON (headless/renderers.py); django_tasks runs the edge's
    # purges (headless/purge/tasks.py) and webhooks, which standardwebhooks signs
    # (headless/webhooks/).
    "headless": {
        "django",
        "wagtail",
        "rest_framework",
        "orjson",
        "django_tasks",
        "standardwebhooks",
        # rjieba splits Chinese into words for search (headless/search/text.py).
        "rjieba",
    },
}
FIRST_PARTY = {"home", "postal_site", "news", "contacts", "stamps", "headless"}
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
    """No module of the plugin, migrations included, imports `home`, `postal_site` or another
    plugin."""
    files = sorted((REPO / plugin).rglob("*.py"))
    assert len(files) > 3
    offending = [
        f"{path.relative_to(REPO)}: import {module}"
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] in HOST_PACKAGES | (FIRST_PARTY - {plugin})
    ]
    assert offending == []


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugin_imports_only_django_wagtail_and_its_declared_libraries(plugin):
    """Besides the standard library and itself, each plugin imports only what it declares."""
    allowed = ALLOWED_PACKAGES[plugin] | {plugin, "modelcluster", "taggit"}
    offending = sorted(
        f"{path.relative_to(REPO)}: import {module}"
        for path in (REPO / plugin).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] not in allowed | set(sys.stdlib_module_names)
    )
    assert offending == []


def _module_name(path):
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    parts[0] = "postal_site" if parts[0] == "site" else parts[0]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path):
    """First-party modules a file imports at module level, relative imports resolved."""
    package = (
        _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    )
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] in FIRST_PARTY:
                yield base
                for alias in node.names:
                    yield f"{base}.{alias.name}"
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] in FIRST_PARTY)


APPS = ["site", "home", "news", "contacts", "stamps", "headless"]
LAYER = {"postal_site": 3, "home": 2, "news": 1, "contacts": 1, "stamps": 1, "headless": 1}


def _code_files():
    return [
        path
        for app in APPS
        for path in (REPO / app).rglob("*.py")
        if "migrations" not in path.parts
    ]


def test_dependencies_run_one_way_and_no_app_has_an_import_cycle():
    """An app imports only apps of a lower layer, and its modules import each other without a
    cycle (module-level imports: a cycle hidden at function level is caught below)."""
    modules = {_module_name(path): path for path in _code_files()}
    graph = {
        name: {m for m in _top_level_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    upward = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        for target in targets
        if name.split(".")[0] != target.split(".")[0]
        and LAYER[target.split(".")[0]] >= LAYER[name.split(".")[0]]
    )
    assert upward == []
    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_first_party_import_hides_inside_a_function():
    """Imports of the project's own apps sit at the top of a module, where the test above sees
    them; only an AppConfig's `ready()` imports inside a function (signal wiring)."""
    offending = []
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and path.name == "apps.py":
                continue
            for node in ast.walk(function):
                relative = isinstance(node, ast.ImportFrom) and node.level > 0
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in getattr(node, "names", [])]
                    if isinstance(node, ast.Import)
                    else []
                )
                if relative or any(n.split(".")[0] in FIRST_PARTY for n in names):
                    offending.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offending == []


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugin_templates_use_only_their_own_templates_and_tags(plugin):
    """Templates extend and include only the plugin's own (or the Wagtail admin's, for admin
    views) and load none of the host's tags."""
    templates = sorted((REPO / plugin / "templates").rglob("*.html"))
    assert templates
    assert "chrome_tags" in HOST_TAG_LIBRARIES  # the check below would be empty without it
    offending = []
    for path in templates:
        source = path.read_text(encoding="utf-8")
        for name in re.findall(r"{%\s*(?:extends|include)\s+[\"']([^\"']+)[\"']", source):
            if not name.startswith((f"{plugin}/", "wagtailadmin/")):
                offending.append(f"{path.relative_to(REPO)} uses {name}")
        for libraries in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", source):
            for library in set(libraries.split()) & HOST_TAG_LIBRARIES:
                offending.append(f"{path.relative_to(REPO)} loads {library}")
    assert offending == []


def test_the_headless_layer_is_made_of_short_functions():
    """No function of the headless layer runs past 60 lines: each does one thing a newcomer
    can read at once (the OpenAPI document used to be one function of 340 lines)."""
    long = []
    for path in (REPO / "headless").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    long.append(f"{path.relative_to(REPO)}:{node.name} ({length} lines)")
    assert long == []
