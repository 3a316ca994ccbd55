"""Configurations are read as ESPHome reads them: packages, includes, substitutions.

A fleet shares its common parts through `packages:` and `!include`, and names
each node through substitutions; the list must show each node's real name, and
record which files make up each configuration.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from custom_components.esphome_builder.config_reader import (
    MAX_DEPTH,
    ConfigReadError,
    Opaque,
    read_config,
)
from custom_components.esphome_builder.devices import discover_configurations

COMMON = """\
esphome:
  name: ${node}
  friendly_name: ${room} sensor
  project:
    name: acme.sensor
    version: ${release}
host:
logger:
api:
  password: !secret api_password
"""


def _fleet(configs_dir: Path) -> None:
    common = configs_dir / "common"
    common.mkdir()
    (common / "base.yaml").write_text(COMMON)
    (common / "wifi.yaml").write_text("wifi:\n  ssid: shed\n")
    (configs_dir / "secrets.yaml").write_text("api_password: hunter2\n")
    (configs_dir / "kitchen.yaml").write_text(
        "substitutions:\n  node: kitchen\n  room: Kitchen\n  release: 1.2.0\n"
        "packages:\n  base: !include common/base.yaml\n"
        "  wifi: !include common/wifi.yaml\n"
    )
    # Flow style, vars on the include, and a substitution naming another one.
    (configs_dir / "garage.yaml").write_text(
        "substitutions: {node: garage, room: '${node_title}', node_title: Garage}\n"
        "packages: [!include {file: common/base.yaml, vars: {release: 2.0.0}}]\n"
    )
    # Anchors and merge keys, and ESPHome's own tags kept as opaque values.
    (configs_dir / "attic.yaml").write_text(
        "defaults: &defaults\n  name: attic-node\n"
        "esphome:\n  <<: *defaults\n  on_boot:\n    - lambda: !lambda 'return;'\n"
        "esp32:\n  board: esp32dev\n"
        "sensor:\n  - !extend temp\n"
    )


def test_a_fleet_sharing_a_package_lists_each_node_by_its_substituted_name(
    configs_dir: Path,
) -> None:
    _fleet(configs_dir)
    found = {c.configuration: c for c in discover_configurations(configs_dir)}
    assert sorted(found) == ["attic.yaml", "garage.yaml", "kitchen.yaml"]
    kitchen, garage, attic = (
        found["kitchen.yaml"],
        found["garage.yaml"],
        found["attic.yaml"],
    )
    assert (kitchen.name, kitchen.friendly_name, kitchen.platform) == (
        "kitchen",
        "Kitchen sensor",
        "host",
    )
    assert kitchen.project_version == "1.2.0"
    assert kitchen.files == (
        "kitchen.yaml",
        "common/base.yaml",
        "common/wifi.yaml",
        "secrets.yaml",
    )
    assert (garage.name, garage.friendly_name, garage.project_version) == (
        "garage",
        "Garage sensor",
        "2.0.0",
    )
    assert garage.files == ("garage.yaml", "common/base.yaml", "secrets.yaml")
    assert (attic.name, attic.platform, attic.files) == (
        "attic-node",
        "esp32",
        ("attic.yaml",),
    )
    assert all(c.error is None for c in found.values())


def test_esphome_tags_stay_opaque_and_nothing_runs(configs_dir: Path) -> None:
    marker = configs_dir / "ran"
    (configs_dir / "tags.yaml").write_text(
        "esphome:\n  name: tags\n"
        f"x: !!python/object/apply:os.system ['touch {marker}']\n"
        "y: !lambda 'return 1;'\nz: !secret nothing\nhost:\n"
    )
    read = read_config(configs_dir / "tags.yaml", configs_dir)
    assert not marker.exists()
    assert read.config["y"] == Opaque("!lambda", "return 1;")
    assert read.config["z"] == Opaque("!secret", "nothing")
    assert read.config["x"] == Opaque(
        "tag:yaml.org,2002:python/object/apply:os.system", [f"touch {marker}"]
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("esphome: !include missing.yaml\n", "cannot read missing.yaml"),
        ("esphome: !include ../outside.yaml\n", "outside the configurations folder"),
        ("esphome: !include loop.yaml\n", f"deeper than {MAX_DEPTH} levels"),
        ("- just\n- a list\n", "is not a mapping of components"),
        ("esphome:\n  name: [unclosed\n", "line 4"),
    ],
)
def test_an_unreadable_configuration_is_listed_with_the_reason(
    configs_dir: Path, tmp_path: Path, text: str, reason: str
) -> None:
    (tmp_path / "outside.yaml").write_text("name: outside\n")
    (configs_dir / "loop.yaml").write_text("again: !include loop.yaml\n")
    (configs_dir / "node.yaml").write_text("# esphome:\n" + text)
    with pytest.raises(ConfigReadError, match=reason):
        read_config(configs_dir / "node.yaml", configs_dir)
    listed = {c.configuration: c for c in discover_configurations(configs_dir)}
    assert reason.split()[0] in (listed["node.yaml"].error or "")
    assert listed["node.yaml"].as_dict()["error"] == listed["node.yaml"].error
