"""Render results as text tables, JSON and CSV."""
