"""What any Django site needs that is not the forum's domain: caches, limits, health, workers."""
