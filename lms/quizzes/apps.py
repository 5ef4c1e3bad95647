from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "lms.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from lms.access.roles import EDITORS_GROUP, grant_role_permissions
        from lms.courses.extensions import register_course_child_page

        from . import privacy, retention  # noqa: F401 - its register-extract section; its record types

        grant_role_permissions(EDITORS_GROUP, ["quizzes.view_question_statistics"])
        register_course_child_page("quizzes.QuizPage")  # a course may end with a quiz
