"""Everything about places: addresses to points, the service area, road travel times."""
