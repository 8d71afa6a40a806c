"""Input specifications (vehicle models, ...), validated by pydantic."""
