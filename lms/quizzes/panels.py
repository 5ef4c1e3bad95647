"""Editor panels of the quiz page."""

from wagtail.admin.panels import Panel


class AnswerLeakWarningPanel(Panel):
    """A warning in the quiz's rules when they let a learner collect the right answers by retrying
    (QuizPage.answer_leak_warning); shows nothing otherwise. Reflects the rules as last saved."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/admin/answer_leak_warning_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.warning = self.instance.answer_leak_warning()

        def is_shown(self):
            return bool(self.warning) and super().is_shown()
