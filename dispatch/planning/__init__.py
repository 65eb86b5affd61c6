"""Planning a date: the day's work and fleet to a routing problem, solved, stored, published."""
