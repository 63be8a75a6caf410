"""The typed TypeScript client (clients/typescript/) for app developers.

App developers rely on its types matching the API: the committed OpenAPI document and the
types openapi-typescript makes of it must be what `make client` would make now (a change to the
API without `make client` fails here), and the client, compiled with those types, must read
the running site as readers see it: `node --test` walks the chrome, the news listing to its
end, every article and the contacts page against their HTML pages
(clients/typescript/test/walk.test.ts).

Without Node.js or the npm packages (`make checkers`) the Node tests skip; under CI=true they
fail instead.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from postal_site.api import openapi_document
from postal_site.management.commands.openapi_document import document_text
from tests.live import rebuild_demo_site

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "clients" / "typescript"
BIN = ROOT / "node_modules" / ".bin"


@pytest.fixture
def node():
    """The `node` command, with the npm packages installed; else skip (fail under CI=true)."""
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node not found (apt-get install -y nodejs npm)"
    elif not (BIN / "openapi-typescript").exists() or not (BIN / "tsc").exists():
        missing = "openapi-typescript and typescript not installed: run `make checkers`"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} (CI=true: the client tests must run)", pytrace=False)
        pytest.skip(missing)
    return node


def run(*command, **kwargs):
    return subprocess.run(  # noqa: S603 (our own tools from node_modules, fixed arguments)
        [str(part) for part in command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,
    )


def test_the_committed_openapi_document_is_what_the_code_serves():
    """clients/typescript/openapi.json is /api/v2/openapi.json as the code builds it now."""
    committed = (CLIENT / "openapi.json").read_text(encoding="utf-8")
    assert committed == document_text(openapi_document()), "run `make client` and commit"


def test_the_committed_types_are_what_openapi_typescript_makes(node, tmp_path):
    """Generating the types again from the committed document changes nothing."""
    output = tmp_path / "schema.d.ts"
    result = run(BIN / "openapi-typescript", CLIENT / "openapi.json", "--output", output)
    assert result.returncode == 0, result.stderr
    committed = (CLIENT / "src" / "schema.d.ts").read_text(encoding="utf-8")
    assert output.read_text(encoding="utf-8") == committed, "run `make client` and commit"


@pytest.fixture
def live_site(live_server):
    rebuild_demo_site()
    return live_server


def test_the_typed_client_reads_the_site_as_readers_see_it(node, live_site):
    """The client compiles against the committed types (a renamed field fails here), then the
    Node walk passes against the live site; its report is shown on failure."""
    compiled = run(BIN / "tsc", "-p", CLIENT)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    env = {**os.environ, "CONTENT_API_BASE_URL": live_site.url}
    result = run(node, "--test", "--test-reporter=spec", CLIENT / "dist" / "test", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    assert "ℹ fail 0" in result.stdout, result.stdout
    assert "ℹ pass 6" in result.stdout, result.stdout


def test_the_readme_example_compiles_against_the_client(node, tmp_path):
    """The README's ten lines for app developers type-check against the committed client."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```ts\n(.*?)```", readme, re.DOTALL)
    assert example, "README.md has no ```ts example"
    index = (CLIENT / "src" / "index.js").as_posix()
    code = example[1].replace("./content-client/index.js", index)
    (tmp_path / "example.ts").write_text(code + "\nexport {};\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"type": "module"}\n')
    config = {
        "extends": (CLIENT / "tsconfig.json").as_posix(),
        "compilerOptions": {
            "noEmit": True,
            "rootDir": "/",
            "typeRoots": [(ROOT / "node_modules" / "@types").as_posix()],
        },
        "include": ["example.ts"],
    }
    (tmp_path / "tsconfig.json").write_text(json.dumps(config))
    compiled = run(BIN / "tsc", "-p", tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
