"""What the home page shows a signed-in learner. The figures come from the lms apps' selectors."""

from lms.courses.selectors import my_courses
from lms.organisation.selectors import person_for_user


def learner_home_context(request) -> dict:
    person = person_for_user(request.user)
    if person is None:
        return {"person": None}
    groups = my_courses(person=person)
    todo = groups["assigned"] + groups["in_progress"]
    return {
        "person": person,
        "todo": todo[:3],
        "todo_count": len(todo),
        "overdue_count": sum(1 for item in groups["assigned"] if item.is_overdue),
        "completed_count": len(groups["completed"]),
    }
