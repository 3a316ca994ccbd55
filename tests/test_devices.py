"""Configuration discovery and the configs folder's boundary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from custom_components.esphome_builder.devices import (
    SYS_TTY,
    ConfigurationError,
    InvalidDeviceError,
    discover_configurations,
    read_device_config,
    resolve_configuration,
    validate_device,
    validate_local_port,
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
            "error": "broken.yml: line 3: did not find expected key",
        },
        {
            "configuration": "kitchen.yaml",
            "name": "kitchen-node",
            "friendly_name": "Kitchen",
            "platform": "esp32",
            "error": None,
        },
    ]
    # A !secret makes secrets.yaml part of the configuration.
    assert [c.files for c in found] == [
        ("broken.yml",),
        ("kitchen.yaml", "secrets.yaml"),
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
        # In-folder links: the file they reach decides.
        ("alias.yaml", "invalid_configuration"),
        ("notes.yaml", "invalid_configuration"),
        ("hidden-alias.yaml", "invalid_configuration"),
        # Control characters: a name with a newline is no file name we list.
        ("tab\t.yaml", "invalid_configuration"),
        ("line\nbreak.yaml", "invalid_configuration"),
        ("esc\x1b[31m.yaml", "invalid_configuration"),
        ("del\x7f.yaml", "invalid_configuration"),
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
    (configs_dir / "notes.txt").write_text("x: y\n")
    (configs_dir / ".hidden.yaml").write_text("x: y\n")
    os.symlink("secrets.yaml", configs_dir / "alias.yaml")
    os.symlink("notes.txt", configs_dir / "notes.yaml")
    os.symlink(".hidden.yaml", configs_dir / "hidden-alias.yaml")
    for odd in ("tab\t.yaml", "line\nbreak.yaml", "esc\x1b[31m.yaml", "del\x7f.yaml"):
        (configs_dir / odd).write_text("esphome:\n  name: odd\n")
    with pytest.raises(ConfigurationError) as err:
        resolve_configuration(configs_dir, name)
    assert err.value.translation_key == key


def test_symlink_inside_the_folder_is_accepted(configs_dir: Path) -> None:
    (configs_dir / "real.yaml").write_text("esphome:\n  name: real\n")
    os.symlink("real.yaml", configs_dir / "alias.yaml")
    # The file it reaches is what runs.
    assert (
        resolve_configuration(configs_dir, "alias.yaml")
        == configs_dir.resolve() / "real.yaml"
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
def test_addresses_ota_and_serial_ports_are_accepted_as_devices(device: str) -> None:
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
        "kitchen.local\n",
        "192.168.1.20\n",
        "/dev/ttyUSB0\n",
        "OTA\n",
        "\nkitchen.local",
    ],
)
def test_paths_shell_text_and_newlines_are_refused_as_devices(device: str) -> None:
    with pytest.raises(InvalidDeviceError):
        validate_device(device)


@pytest.mark.parametrize(
    "device",
    [
        "/dev/null",  # a character device, not a tty
        "/dev/tty",  # a tty without hardware: the controlling terminal
        "/dev/ptmx",
        "/dev/vda",  # a disk (block device), where there is one
        "/dev/sda",
        "/dev/mem",
        "/dev/ttyUSB97",  # no such port
        "/dev/stdout",  # a link, not under /dev/serial/
    ],
)
def test_local_ports_must_be_hardware_ttys(device: str) -> None:
    assert validate_device(device) == device  # the form is fine...
    with pytest.raises(InvalidDeviceError):
        validate_local_port(device)  # ...but it is no serial port here


def test_a_hardware_tty_and_a_by_id_link_to_it_are_ports(tmp_path: Path) -> None:
    if not (SYS_TTY / "ttyS0" / "device").exists():
        pytest.skip("this machine has no /dev/ttyS0 backed by hardware")
    assert validate_local_port("/dev/ttyS0") == "/dev/ttyS0"
    # A link elsewhere to that port is not one of udev's stable names.
    link = tmp_path / "port"
    link.symlink_to("/dev/ttyS0")
    with pytest.raises(InvalidDeviceError):
        validate_local_port(str(link))


def test_project_version_is_read(tmp_path: Path) -> None:
    """The update entity's latest version comes from `esphome: project: version:`."""
    path = tmp_path / "node.yaml"
    path.write_text(
        "substitutions:\n  v: 2.0.1\n"
        "esphome:\n  name: node\n  project:\n    name: a.b\n    version: ${v}\n"
        "  on_boot:\n    - version: nope\n"
        "host:\n"
    )
    assert read_device_config(path).project_version == "2.0.1"
    path.write_text("esphome:\n  name: node\n  version: nope\nhost:\n")
    assert read_device_config(path).project_version is None
