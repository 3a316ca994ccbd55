# mypy only: HA 2026.10 aliases `voluptuous` to probatio at run time
# (homeassistant/__init__.py), so type-check our schemas against probatio.
from probatio import *  # noqa: F403
