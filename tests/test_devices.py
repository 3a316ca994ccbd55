"""Configuration discovery and the configs folder's boundary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from custom_components.esphome_builder.devices import (
    ConfigurationError,
    InvalidDeviceError,
    discover_configurations,
    resolve_configuration,
    validate_device,
)


def test_discovery_reads_names_without_esphome(
    configs_dir: Path, tmp_path: Path
) -> None:
    (configs_dir / "kitchen.yaml").write_text(
        "substitutions:\n  devname: kitchen-node\n  nice: Kitchen\n"
        "esphome:\n  name: ${devname}\n  friendly_name: $nice\n"
        "  on_boot:\n    - lambda: 'name: ignored'\n"
        "esp32:\n  board: esp32dev\n"
        "wifi:\n  password: !secret wifi_password\n"
    )
    (configs_dir / "broken.yml").write_text(
        "esphome:\n  name: 'broken'\n  : : ]]]\nhost:\n"
    )
    (configs_dir / "secrets.yaml").write_text("wifi_password: hunter2\n")
    (configs_dir / ".hidden.yaml").write_text("esphome:\n  name: hidden\n")
    (configs_dir / "notes.txt").write_text("not a config")
    outside = tmp_path / "outside.yaml"
    outside.write_text("esphome:\n  name: outside\nhost:\n")
    (configs_dir / "escape.yaml").symlink_to(outside)
    found = discover_configurations(configs_dir)
    assert [c.as_dict() for c in found] == [
        {
            "configuration": "broken.yml",
            "name": "broken",
            "friendly_name": None,
            "platform": "host",
        },
        {
            "configuration": "kitchen.yaml",
            "name": "kitchen-node",
            "friendly_name": "Kitchen",
            "platform": "esp32",
        },
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("../etc/passwd.yaml", "invalid_configuration"),
        ("sub/dir.yaml", "invalid_configuration"),
        ("/abs/path.yaml", "invalid_configuration"),
        ("..", "invalid_configuration"),
        (".hidden.yaml", "invalid_configuration"),
        ("-v.yaml", "invalid_configuration"),
        ("--help", "invalid_configuration"),
        ("back\\slash.yaml", "invalid_configuration"),
        ("nul\0.yaml", "invalid_configuration"),
        ("secrets.yaml", "invalid_configuration"),
        ("plain.txt", "invalid_configuration"),
        ("", "invalid_configuration"),
        ("missing.yaml", "unknown_configuration"),
        ("escape.yaml", "path_escape"),
        ("dangling.yaml", "path_escape"),
    ],
)
def test_names_that_escape_or_do_not_exist_are_refused(
    configs_dir: Path, tmp_path: Path, name: str, key: str
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("esphome:\n  name: outside\n")
    (configs_dir / "escape.yaml").symlink_to(outside)
    (configs_dir / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (configs_dir / "secrets.yaml").write_text("x: y\n")
    with pytest.raises(ConfigurationError) as err:
        resolve_configuration(configs_dir, name)
    assert err.value.translation_key == key


def test_symlink_inside_the_folder_is_accepted(configs_dir: Path) -> None:
    (configs_dir / "real.yaml").write_text("esphome:\n  name: real\n")
    os.symlink("real.yaml", configs_dir / "alias.yaml")
    assert (
        resolve_configuration(configs_dir, "alias.yaml") == configs_dir / "alias.yaml"
    )


@pytest.mark.parametrize(
    "device",
    [
        "OTA",
        "192.168.1.20",
        "fe80::1",
        "kitchen.local",
        "node-1",
        "/dev/ttyUSB0",
        "/dev/serial/by-id/usb-1a86_0",
    ],
)
def test_valid_devices(device: str) -> None:
    assert validate_device(device) == device


@pytest.mark.parametrize(
    "device",
    [
        "-d",
        "--device",
        "",
        "a b",
        "/etc/passwd",
        "/dev/../etc/passwd",
        "host;rm",
        "x" * 300,
        "$(id)",
    ],
)
def test_invalid_devices(device: str) -> None:
    with pytest.raises(InvalidDeviceError):
        validate_device(device)
