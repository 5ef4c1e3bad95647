from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "lms.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from lms.access.roles import EDITORS_GROUP, HR_GROUP, grant_role_permissions
        from lms.courses.extensions import register_course_child_page, register_quiz_scores

        from . import privacy, retention, selectors  # noqa: F401 - its register-extract section; its record types

        grant_role_permissions(EDITORS_GROUP, ["quizzes.view_question_statistics", "quizzes.recount_results"])
        grant_role_permissions(HR_GROUP, ["quizzes.recount_results"])
        register_course_child_page("quizzes.QuizPage")  # a course may end with a quiz
        register_quiz_scores(selectors.counted_scores)  # the score a certificate prints
