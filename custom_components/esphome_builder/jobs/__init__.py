"""The job engine: runs ESPHome and keeps its output within bounds."""
