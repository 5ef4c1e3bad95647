"""Signals of the municipal group. Apps further down (courses) listen.

``people_changed`` is sent on commit whenever people join, move between units,
change audience or are (re)activated, so required training can be re-assigned.
"""

from django.dispatch import Signal

people_changed = Signal()  # kwargs: person_ids (list[int])
