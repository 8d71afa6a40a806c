"""Spec → foreground inventory: pure functions, no Brightway."""
