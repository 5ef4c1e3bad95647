"""What the home page shows a signed-in learner. The figures come from the lms apps' selectors."""

from lms.courses.models import EnrolmentState
from lms.courses.offers import waiting_for
from lms.courses.selectors import my_courses, my_courses_to_do
from lms.organisation.selectors import person_for_user


def learner_home_context(request) -> dict:
    person = person_for_user(request.user)
    if person is None:
        return {"person": None}
    groups = my_courses(person=person, request=request)
    todo = my_courses_to_do(groups)
    return {
        "person": person,
        "todo": todo[:3],
        "todo_count": len(todo),
        "overdue_count": sum(1 for item in todo if item.is_overdue),
        "completed_count": len(groups[EnrolmentState.COMPLETED]),
        "waiting": waiting_for(person=person),
    }
