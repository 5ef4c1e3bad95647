"""Signals the courses app sends; apps further down (certificates, reports) listen.

``enrolment_completed`` is sent on commit of the transaction that completed the
enrolment, so a listener never sees a completion that was rolled back.
"""

from django.dispatch import Signal

enrolment_completed = Signal()  # kwargs: enrolment
