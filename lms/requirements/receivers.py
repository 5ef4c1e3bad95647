"""Re-assign required training when people join, move, change audience or come back, and when
their political assignments change."""

from django.dispatch import receiver

from lms.organisation.signals import people_changed
from lms.politics.signals import assignments_changed


@receiver(people_changed, dispatch_uid="requirements.reassign_people")
@receiver(assignments_changed, dispatch_uid="requirements.reassign_assignment_holders")
def reassign_people(sender, person_ids, **kwargs):
    from .tasks import assign_people_task

    if person_ids:
        assign_people_task.delay(list(person_ids))
