"""Pure optimisation core: a day of pickups and deliveries in, van routes out.

Units: times are integer seconds, distances integer metres, amounts integers in a named unit.
"""
