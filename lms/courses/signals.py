"""Signals about enrolments; the apps above (certificates, reports) listen.

``enrolment_completed`` is sent by this app on commit of the transaction that completed the
enrolment, so a listener never sees a completion that was rolled back.

``enrolments_assigned`` is sent by whoever assigns enrolments in bulk (lms.requirements'
assignment), on commit of every run, whether or not it wrote anything: people who moved change
the figures even when their enrolments stay as they are.
"""

from django.dispatch import Signal

enrolment_completed = Signal()  # kwargs: enrolment
# Sent by the quizzes app on commit when the quiz result that counts for completed enrolments changed
# (a better attempt under "highest result", a recount): what prints the result (the certificate) follows.
quiz_results_changed = Signal()  # kwargs: enrolment_ids, by (the user who recounted, or None)
enrolments_assigned = Signal()  # kwargs: course_ids (the courses looked at), person_ids (None: everyone)
