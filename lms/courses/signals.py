"""Signals about enrolments; the apps above (certificates, reports) listen.

``enrolment_completed`` is sent by this app on commit of the transaction that completed the
enrolment, so a listener never sees a completion that was rolled back.

``enrolments_assigned`` is sent by whoever assigns enrolments in bulk (lms.requirements'
assignment), on commit of every run, whether or not it wrote anything: people who moved change
the figures even when their enrolments stay as they are.
"""

from django.dispatch import Signal

enrolment_completed = Signal()  # kwargs: enrolment
enrolments_assigned = Signal()  # kwargs: course_ids (the courses looked at), person_ids (None: everyone)
