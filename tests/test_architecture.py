"""The layers of docs/architecture.md, checked on the imports of the code.

The engine (``jobs/``) knows nothing of websockets, entities or the event bus;
no adapter leans on another adapter; every module stays small enough to read.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "custom_components" / "esphome_builder"
PANEL_SOURCES = ROOT / "frontend" / "src"
MAX_LINES = 400

# Each adapter, by the modules it is made of. Shared plumbing (adapter.py,
# runtime.py, payloads.py, streams.py, pending.py, listeners.py) is no adapter.
ADAPTERS = {
    "websocket": {
        "websocket_api",
        "websocket_streams",
        "websocket_batches",
        "websocket_builds",
        "websocket_esphome",
    },
    "services": {
        "services",
        "services_batches",
        "services_builds",
        "services_esphome",
    },
    "downloads": {"downloads"},
    "bus events": {"events"},
    "entities": {"entity", "sensor", "update"},
    "diagnostics": {"diagnostics"},
    "repairs": {"repairs"},
    "config flow": {"config_flow", "flow_schemas", "flow_validation"},
    "panel": {"panel"},
}
# What the engine must never import: Home Assistant's adapter-side code.
ENGINE_FORBIDDEN = (
    "homeassistant.components",
    "homeassistant.helpers.entity",
    "homeassistant.helpers.entity_platform",
)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def _imports(path: Path) -> set[str]:
    """Return the absolute names a module imports, ours relative to the package."""
    package = _module_name(path).split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.add(node.module or "")
                continue
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found.update(".".join([*base, alias.name]) for alias in node.names)
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_engine_imports_no_websocket_entity_or_adapter_code() -> None:
    adapters = set().union(*ADAPTERS.values())
    engine = [path for path in _sources() if path.parent.name == "jobs"]
    assert len(engine) >= 10
    for path in engine:
        for name in _imports(path):
            assert not name.startswith(ENGINE_FORBIDDEN), (path.name, name)
            assert name not in adapters, (path.name, name)


def test_no_adapter_imports_another_adapter() -> None:
    owner = {
        module: adapter for adapter, modules in ADAPTERS.items() for module in modules
    }
    checked = 0
    for path in _sources():
        mine = owner.get(_module_name(path))
        if mine is None:
            continue
        checked += 1
        for name in _imports(path):
            theirs = owner.get(name)
            assert theirs in (None, mine), f"{path.name} ({mine}) imports {name}"
    assert checked == len(set().union(*ADAPTERS.values()))


def test_every_module_and_panel_source_stays_under_400_lines() -> None:
    sources = [*_sources(), *sorted(PANEL_SOURCES.glob("*.ts"))]
    assert len(sources) > 40
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in sources
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}
