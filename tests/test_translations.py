"""Every key the code raises or shows has its English text, in both files."""

from __future__ import annotations

import ast
from collections.abc import Iterator
import json
from pathlib import Path
import re

import yaml

from custom_components.esphome_builder.devices import ConfigurationError

PACKAGE = Path(__file__).parent.parent / "custom_components" / "esphome_builder"
STRINGS = json.loads((PACKAGE / "strings.json").read_text())

# Today's code raises 15 distinct exception keys; fewer than this means the scan
# lost track of how the code names them, not that the keys went away.
MIN_EXCEPTION_KEYS = 12
# A key is snake_case; a helper of the same name that takes a sentence is not ours.
_KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]*")


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _text(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    """A string literal, or a module-level string constant named by `node`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _section(callee: str) -> str:
    """Where strings.json keeps the text for a `translation_key=` of this call."""
    if callee.endswith("EntityDescription"):
        return "entity"
    if callee.endswith("SelectorConfig"):
        return "selector"
    if callee.endswith("create_issue"):
        return "issues"
    return "exceptions"


def _key_taking_callables(trees: list[ast.Module]) -> dict[str, int]:
    """Functions and classes whose parameter is named `translation_key`.

    Maps the name to the positional index of that parameter in a call (without
    `self` for methods and for a class's `__init__`).
    """
    found: dict[str, int] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                        names = [a.arg for a in item.args.args][1:]
                        if "translation_key" in names:
                            found[node.name] = names.index("translation_key")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.args]
                if names[:1] in (["self"], ["cls"]):
                    names = names[1:]
                if "translation_key" in names:
                    found[node.name] = names.index("translation_key")
    return found


def _module_constants(tree: ast.Module) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _class_attribute_keys(
    node: ast.ClassDef, constants: dict[str, str]
) -> Iterator[str]:
    """Keys of a class attribute `translation_key = "..."` (exception classes)."""
    for item in node.body:
        value: ast.expr | None
        if isinstance(item, ast.Assign):
            targets, value = item.targets, item.value
        elif isinstance(item, ast.AnnAssign):
            targets, value = [item.target], item.value
        else:
            continue
        if any(
            isinstance(t, ast.Name) and t.id == "translation_key" for t in targets
        ) and (key := _text(value, constants)):
            yield key


def _keyword_keys(
    call: ast.Call, constants: dict[str, str]
) -> Iterator[tuple[str, str]]:
    """(section, key) of a `translation_key=` keyword, filed by the callee."""
    callee = _callee(call)
    for keyword in call.keywords:
        if keyword.arg == "translation_key" and (
            key := _text(keyword.value, constants)
        ):
            yield _section(callee), key


def _key_argument(call: ast.Call, takers: dict[str, int]) -> ast.expr | None:
    """The argument that names the key, if the callee takes one by position."""
    callee = _callee(call)
    if callee in takers:
        index = takers[callee]
        return call.args[index] if len(call.args) > index else None
    if callee.endswith(("_error", "_message")) and call.args:
        return call.args[0]
    return None


def _argument_key(
    call: ast.Call, takers: dict[str, int], constants: dict[str, str]
) -> str | None:
    """The key a call names by argument: a snake_case string literal only."""
    arg = _key_argument(call, takers)
    key = _text(arg, constants) if isinstance(arg, ast.Constant) else None
    if key and _KEY_SHAPE.fullmatch(key):
        return key
    return None


def _node_keys(
    node: ast.AST, constants: dict[str, str], takers: dict[str, int]
) -> Iterator[tuple[str, str]]:
    """(section, key) for every translation key this one node names."""
    if isinstance(node, ast.ClassDef):
        for key in _class_attribute_keys(node, constants):
            yield "exceptions", key
    if isinstance(node, ast.Call):
        yield from _keyword_keys(node, constants)
        if argument_key := _argument_key(node, takers, constants):
            yield "exceptions", argument_key


def _found_keys() -> Iterator[tuple[str, str, str]]:
    """Yield (section, key, where) for every translation key the code names.

    Found by the shape of the code, not by helper names:
    - any `translation_key=` keyword given a string (or a module constant),
      filed under entity / selector / issues / exceptions by the callee;
    - any class attribute `translation_key = "..."` (exception classes);
    - the key argument of any call to a function or class that takes a
      `translation_key` parameter, by position or keyword;
    - the first argument of any call whose callee ends with `_error` or
      `_message` (the raise helpers).
    Arguments of calls count only when they are snake_case string literals:
    a same-named helper that takes a sentence names no key.
    """
    sources = sorted(PACKAGE.rglob("*.py"))
    trees = [ast.parse(source.read_text(), str(source)) for source in sources]
    constants: dict[str, str] = {}
    for tree in trees:
        constants |= _module_constants(tree)
    takers = _key_taking_callables(trees)
    for source, tree in zip(sources, trees, strict=True):
        local = constants | _module_constants(tree)
        for node in ast.walk(tree):
            where = f"{source.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
            for section, key in _node_keys(node, local, takers):
                yield section, key, where


def _has_text(section: str, key: str) -> bool:
    if section == "exceptions":
        return bool(STRINGS["exceptions"].get(key, {}).get("message"))
    if section == "entity":
        return any(key in platform for platform in STRINGS["entity"].values())
    if section == "issues":
        return bool(STRINGS["issues"].get(key, {}).get("title"))
    return key in STRINGS.get(section, {})


def test_english_translation_equals_strings() -> None:
    assert json.loads((PACKAGE / "translations" / "en.json").read_text()) == STRINGS


def test_raised_exception_keys_have_messages() -> None:
    found = list(_found_keys())
    missing = sorted(
        f"{section}.{key} ({where})"
        for section, key, where in found
        if not _has_text(section, key)
    )
    assert not missing, f"translation keys without a text: {missing}"
    raised = {key for section, key, _ in found if section == "exceptions"}
    assert len(raised) >= MIN_EXCEPTION_KEYS, (
        f"only found {sorted(raised)}: the scan no longer sees how the code"
        " names its exception keys"
    )
    # Each way of naming a key is still seen, so none can go dark unnoticed.
    assert {section for section, _, _ in found} >= {
        "exceptions",
        "entity",
        "selector",
        "issues",
    }
    # The engine's configuration refusals are translated too.
    for key in ("invalid_configuration", "path_escape", "unknown_configuration"):
        assert ConfigurationError(key, "x").translation_key in STRINGS["exceptions"]


def test_every_service_and_field_is_named() -> None:
    services = yaml.safe_load((PACKAGE / "services.yaml").read_text())
    icons = json.loads((PACKAGE / "icons.json").read_text())["services"]
    for service, spec in services.items():
        text = STRINGS["services"][service]
        assert text["name"]
        assert text["description"]
        assert service in icons
        for field in (spec or {}).get("fields", {}):
            assert text["fields"][field]["name"], (service, field)
