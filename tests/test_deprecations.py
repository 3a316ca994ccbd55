"""The guards that keep our code free of HA deprecation reports can fail.

tests/conftest.py fails every test in which HA's frame helper reports a
deprecated use (in the test process), and every test whose real `hass`
processes logged one naming this integration. These tests show both guards
catch a real report.
"""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.helpers import frame

from custom_components.esphome_builder.const import DOMAIN
from devtools.ha_instance import HAProcess

from .conftest import DeprecationReports, make_entry, setup_entry


async def test_a_report_naming_us_is_caught(
    hass: HomeAssistant,
    no_deprecation_reports: DeprecationReports,
    configs_dir: Path,
    fake_esphome: str,
) -> None:
    # Loaded, so that HA can name the integration in its report.
    await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    frame.report_usage(
        "uses a test-only deprecated thing",
        integration_domain=DOMAIN,
        breaks_in_ha_version="2099.1.0",
    )
    reports = no_deprecation_reports.reports
    assert len(reports) == 1, reports
    assert reports[0].startswith(
        f"Detected that custom integration '{DOMAIN}' uses a test-only deprecated"
        " thing. This will stop working in Home Assistant 2099.1.0"
    )
    # Caught: clear it so that this test itself passes.
    no_deprecation_reports.reports.clear()


def test_a_hass_process_log_is_scanned(tmp_path: Path) -> None:
    ha = HAProcess(config_dir=tmp_path, port=0, token="", env={})
    assert ha.deprecation_reports() == []
    ha.log_path.write_text(
        "2026-12-01 INFO (MainThread) [homeassistant.setup] Setting up http\n"
        "2026-12-01 WARNING (MainThread) [homeassistant.helpers.frame] Detected"
        f" that custom integration '{DOMAIN}' calls `device_registry."
        "async_get_device`, which is deprecated\n"
        "2026-12-01 WARNING (MainThread) [homeassistant.helpers.frame] Detected"
        " that custom integration 'other' calls something deprecated\n"
    )
    reports = ha.deprecation_reports()
    assert len(reports) == 1
    assert "async_get_device" in reports[0]
