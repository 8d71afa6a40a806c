"""Charging in time, as inventory (pure): hourly grid shapes, charging profiles, weighting, V2G,
station dispatch and links; the use phase calls ``use_links``."""
