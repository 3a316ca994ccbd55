"""Tools to run a real Home Assistant with the integration, for develop and tests."""
