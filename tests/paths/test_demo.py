"""The demo path, on the demo (read only): three courses for elected representatives, each requiring the
one before, in that order in the path, required of the politicians through one path requirement."""

from lms.courses.models import CoursePrerequisite, Enrolment
from lms.paths.models import LearningPathPage, PathRequirement
from lms.paths.selectors import path_course_pages


def test_the_demo_path(demo):
    path = LearningPathPage.objects.live().get(title="Introduktion för förtroendevalda")
    courses = path_course_pages(path=path)
    assert [c.title for c in courses] == [
        "Det politiska uppdraget",
        "Att fatta beslut i nämnden",
        "Medborgardialog och demokratisamtal",
    ]
    assert set(CoursePrerequisite.objects.values_list("course", "required_course")) >= {
        (courses[1].pk, courses[0].pk),
        (courses[2].pk, courses[1].pk),
    }
    assert path.certificate_template is not None
    (path_requirement,) = PathRequirement.objects.filter(path=path)
    assert path_requirement.course_requirements.count() == 3
    required = Enrolment.objects.filter(person__user__username="politiker", course__in=courses, is_required=True)
    assert required.count() == 3
