"""Signals of the elected representatives. Apps above (requirements) listen.

``assignments_changed`` is sent on commit whenever assignments are made, changed or ended, so
required training by body and role can be re-assigned for those people.
"""

from django.dispatch import Signal

assignments_changed = Signal()  # kwargs: person_ids (list[int])
