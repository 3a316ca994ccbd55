"""Read a configuration's identity as ESPHome sees it, without running ESPHome.

Fleets share ``packages:`` and ``!include``d files and name each node through
``substitutions``, so a real YAML parse is needed: PyYAML's safe loader (the C
one where present), made tolerant of ESPHome's tags. It resolves local
``!include`` files and ``packages:``, applies substitutions, and keeps every
other tag (``!secret``, ``!lambda``, ``!extend``, anything unknown) as an opaque
value. It never executes anything and never reads outside the configurations
folder. Blocking: run it in the executor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import hashlib
from pathlib import Path
import re
from typing import Any

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Bounds on what one configuration may make us read.
MAX_FILE_BYTES = 1024 * 1024
MAX_FILES = 64
MAX_DEPTH = 8
_SECRETS = ("secrets.yaml", "secrets.yml")
_SUBST = re.compile(r"\$\{(\w+)\}|\$(\w+)")


class ConfigReadError(Exception):
    """The configuration cannot be read; the text says why, for the user."""


@dataclass(frozen=True, slots=True)
class Opaque:
    """A tagged value the reader does not interpret (``!secret``, ``!lambda``)."""

    tag: str
    value: Any


@dataclass(frozen=True, slots=True)
class _Include:
    """An ``!include`` seen while parsing, resolved after the parse."""

    file: str
    variables: dict[str, Any]


@dataclass(slots=True)
class ReadConfig:
    """What a configuration says about itself, and which files it is made of."""

    config: dict[str, Any]
    # Paths relative to the configurations folder, the main file first.
    files: list[str] = field(default_factory=list)
    # A digest of every file's bytes (secrets too): changes when any does.
    content_hash: str = ""


def _construct_include(loader: Any, node: yaml.Node) -> _Include:
    if isinstance(node, yaml.ScalarNode):
        return _Include(str(loader.construct_scalar(node)), {})
    if isinstance(node, yaml.MappingNode):
        data = loader.construct_mapping(node, deep=True)
        variables = data.get("vars")
        return _Include(
            str(data.get("file", "")), variables if isinstance(variables, dict) else {}
        )
    raise yaml.constructor.ConstructorError(
        None, None, "!include takes a file name or {file, vars}", node.start_mark
    )


def _construct_opaque(loader: Any, tag_suffix: str, node: yaml.Node) -> Opaque:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Opaque(str(node.tag), value)


class _TolerantLoader(_BaseLoader):
    """The safe loader, with ESPHome's tags read as data, never run."""


_TolerantLoader.add_constructor("!include", _construct_include)
_TolerantLoader.add_multi_constructor("!", _construct_opaque)
# PyYAML's own object tags: read as data too, so they can never build anything.
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_opaque)


class _Reader:
    """Reads one configuration and what it includes, within the bounds."""

    def __init__(self, configs_dir: Path) -> None:
        self._root = configs_dir.resolve()
        self.files: list[str] = []
        self.digest = hashlib.sha256()

    def load(self, path: Path, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ConfigReadError(f"includes nest deeper than {MAX_DEPTH} levels")
        real = path.resolve()
        if not real.is_relative_to(self._root):
            raise ConfigReadError(f"{path.name} is outside the configurations folder")
        name = real.relative_to(self._root).as_posix()
        if name not in self.files:
            if len(self.files) >= MAX_FILES:
                raise ConfigReadError(f"it includes more than {MAX_FILES} files")
            self.files.append(name)
        try:
            with real.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as err:
            raise ConfigReadError(f"cannot read {name}: {err.strerror or err}") from err
        if len(raw) > MAX_FILE_BYTES:
            raise ConfigReadError(f"{name} is larger than {MAX_FILE_BYTES} bytes")
        self.digest.update(f"{name}\0{len(raw)}\0".encode() + raw)
        try:
            data = yaml.load(raw.decode("utf-8", "replace"), Loader=_TolerantLoader)
        except yaml.YAMLError as err:
            raise ConfigReadError(f"{name}: {_yaml_reason(err)}") from err
        except RecursionError as err:
            raise ConfigReadError(f"{name} nests too deeply") from err
        return self._resolve(data, real.parent, depth)

    def _resolve(self, value: Any, folder: Path, depth: int) -> Any:
        """Replace includes by what they hold, everywhere in ``value``."""
        if isinstance(value, _Include):
            if not value.file:
                raise ConfigReadError("an !include names no file")
            included = self.load(folder / value.file, depth + 1)
            return (
                substitute(included, value.variables) if value.variables else included
            )
        if isinstance(value, dict):
            return {
                key: self._resolve(item, folder, depth) for key, item in value.items()
            }
        if isinstance(value, list):
            return [self._resolve(item, folder, depth) for item in value]
        return value


def _yaml_reason(err: yaml.YAMLError) -> str:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return f"line {mark.line + 1}: {problem}" if mark is not None else str(problem)


def merge(base: Any, override: Any) -> Any:
    """Merge a package into a configuration: mappings deeply, lists appended."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list):
        return [*base, *override]
    return override


def _apply_packages(config: dict[str, Any]) -> dict[str, Any]:
    packages = config.pop("packages", None)
    if isinstance(packages, dict):
        packages = list(packages.values())
    if not isinstance(packages, list):
        return config
    merged: dict[str, Any] = {}
    for package in packages:
        # A remote package (github://, a url) is not fetched: it is skipped.
        if isinstance(package, dict) and "url" not in package:
            merged = merge(merged, _apply_packages(dict(package)))
    return merge(merged, config)


def substitute(value: Any, variables: dict[str, Any]) -> Any:
    """Replace ``${name}`` and ``$name`` in every string of ``value``."""
    if isinstance(value, str) and "$" in value:
        return _SUBST.sub(
            lambda m: _text(variables.get(m.group(1) or m.group(2)), m.group(0)), value
        )
    if isinstance(value, dict):
        return {key: substitute(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [substitute(item, variables) for item in value]
    return value


def _text(value: Any, unknown: str) -> str:
    if value is None or isinstance(value, Opaque | dict | list):
        return unknown
    return str(value)


def read_config(path: Path, configs_dir: Path) -> ReadConfig:
    """Return the configuration with packages merged and substitutions applied.

    Raises ConfigReadError with the reason when ESPHome could not read it
    either: bad YAML, a missing include, one outside the folder, too much.
    """
    reader = _Reader(configs_dir)
    data = reader.load(path)
    if not isinstance(data, dict):
        raise ConfigReadError(f"{path.name} is not a mapping of components")
    config = _apply_packages(dict(data))
    variables = config.get("substitutions")
    if isinstance(variables, dict):
        # A substitution may name another one; two rounds cover the usual use.
        variables = substitute(substitute(variables, variables), variables)
        config = substitute(config, variables)
    if _uses_secrets(config):
        for secrets in _SECRETS:
            if (configs_dir / secrets).is_file():
                reader.files.append(secrets)
                reader.digest.update(_bytes_of(configs_dir / secrets))
                break
    return ReadConfig(config, reader.files, reader.digest.hexdigest()[:16])


def _bytes_of(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    except OSError:
        return b""


def _uses_secrets(value: Any) -> bool:
    if isinstance(value, Opaque):
        return value.tag == "!secret"
    if isinstance(value, dict):
        return any(_uses_secrets(item) for item in value.values())
    if isinstance(value, list):
        return any(_uses_secrets(item) for item in value)
    return False
