"""Green supply chains: supplier footprints scored against the generic inventory."""
