"""Shipped data files (inventories and methods): their schema, loading and hashing.

Nothing here talks to Brightway.
"""
