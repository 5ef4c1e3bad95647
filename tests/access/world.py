"""One small municipal group for the access tests, built once per module with the factories.

    Zxq kommun (municipality)
    ├── Förvaltning A (administration) ── Enhet A1 (unit)
    └── Förvaltning B (administration) ── Enhet B1 (unit, pk 900001)

The roles the tests sign in as sit in A (or see the whole group); the **marker** person sits in B1,
outside everything the limited roles may see. Every row about her, and her unit, has the primary
key ``MARK`` (900001) in its own table, so any integer in any URL can be filled with 900001 and
lands on a marker row whatever model the view is about. Her names, e-mail, employee number and
certificate code are unique strings that must not appear in a response to a limited role.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex
from wagtail.users.models import UserProfile

from home.demo import _home_page
from lms.access.models import StaffScope
from lms.access.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP
from lms.accessibility.models import AccessibilityFeedback
from lms.active_measures.models import Annex
from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate, CertificateRenderBatch
from lms.courses import services as course_services
from lms.courses.models import Enrolment, EnrolmentSource, LessonProgress
from lms.imports import services
from lms.imports.models import ImportRun
from lms.organisation.models import Audience, OrgUnit, OrgUnitKind, Person
from lms.plans.models import (
    Activity,
    Commitment,
    CouncilReport,
    FocusArea,
    Indicator,
    IndicatorValue,
    Plan,
    UnitYearPlan,
)
from lms.politics import services as politics_services
from lms.politics.models import Assignment, AssignmentRole, Body, BodyKind, Term, default_term_dates
from lms.polls import services as poll_services
from lms.polls.models import PollVote
from lms.polls.selectors import page_polls
from lms.public_documents.models import PublicDocumentRequest
from lms.quizzes import services as quiz_services
from lms.quizzes.models import Attempt
from lms.reports import services as report_services
from lms.reports.models import CourseTarget, ExportJob
from lms.requirements.models import (
    MailPreference,
    Registration,
    ReminderKind,
    ReminderLog,
    Requirement,
    TrainingEvent,
)
from lms.surveys.models import Answer, AnswerSet, Participation, SurveyKind
from tests.certificates.factories import CertificateTemplateFactory
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory
from tests.quizzes.factories import make_course_with_quiz, right_answers, wrong_answers
from tests.surveys.factories import make_survey

MARK = 900001
MARK_UUID = uuid.UUID(int=MARK)  # ExportJob's, AnswerSet's and Answer's keys are UUIDs

# The marker's personal data. Unique strings, none a substring of what the tests send (``q=Zxqmark``).
MARKER_FIRST = "Zxqmarkerina"
MARKER_LAST = "Hemligsdottirqx"
MARKER_EMAIL = "zxqhemlig.qx@example.se"
MARKER_EMPLOYEE_NUMBER = "ZXQ-47110"

# Roles, in the order the tests run them. The marker person is none of them.
ROLES = [
    "anonymous",
    "learner",
    "other_learner",  # in the marker's own unit B1: still must not see her
    "manager",  # manages the learner in A1, not the marker
    "politician",
    "editor",  # Wagtail's Editors and Moderators groups
    "hr_limited",  # HR with a StaffScope on administration A
    "hr_all",  # HR for the whole group: may see the marker
    "superuser",  # may see the marker
]
SEES_MARKER = {"hr_all", "superuser"}


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (None for anonymous)
    units: dict = field(default_factory=dict)
    course: object = None
    lesson: object = None
    quiz: object = None
    certificate: Certificate | None = None
    marker: Person | None = None

    @property
    def code(self) -> str:
        return self.certificate.code

    @property
    def display_code(self) -> str:
        return self.certificate.display_code

    def marker_tokens(self) -> dict[str, str]:
        """What must not reach a limited role, by what it is (lower case: the check ignores case)."""
        return {
            "first name": MARKER_FIRST.lower(),
            "last name": MARKER_LAST.lower(),
            "e-mail": MARKER_EMAIL.lower(),
            "employee number": MARKER_EMPLOYEE_NUMBER.lower(),
            "certificate code": self.code.lower(),
            "certificate display code": self.display_code.lower(),
        }


def _person(unit, first, last, *, audience=Audience.STAFF, username, manager=None, **user_fields):
    user = UserFactory(username=username, first_name=first, last_name=last, **user_fields)
    return PersonFactory(user=user, org_unit=unit, audience=audience, manager=manager)


def _rekey(model, old_pk):
    """Give a row the services made the marker key (no foreign key points at these models), and
    move Wagtail's reference index along, as if it had been made with it."""
    model.objects.filter(pk=old_pk).update(id=MARK)
    ReferenceIndex.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(old_pk)).delete()
    row = model.objects.get(pk=MARK)
    ReferenceIndex.create_or_update_for_object(row)
    return row


def build_world() -> World:
    w = World()
    now = timezone.now()
    today = timezone.localdate()
    home = _home_page()

    # --- The tree ---------------------------------------------------------------------------
    root = OrgUnitFactory(name="Zxq kommun", code="K", kind=OrgUnitKind.MUNICIPALITY)
    adm_a = OrgUnitFactory(name="Förvaltning A", code="FA", kind=OrgUnitKind.ADMINISTRATION, parent=root)
    adm_b = OrgUnitFactory(name="Förvaltning B", code="FB", kind=OrgUnitKind.ADMINISTRATION, parent=root)
    unit_a1 = OrgUnitFactory(name="Enhet A1", code="FA1", parent=adm_a)
    unit_b1 = adm_b.add_child(instance=OrgUnit(pk=MARK, name="Enhet B1", code="FB1", kind=OrgUnitKind.UNIT))
    w.units = {"root": root, "A": adm_a, "B": adm_b, "A1": unit_a1, "B1": unit_b1}

    # --- Content: a course with a lesson and a quiz, giving a certificate --------------------
    template = CertificateTemplateFactory(id=MARK, name="Intyg likabehandling")
    course, lessons, quiz = make_course_with_quiz(
        lessons=1, title="Likabehandling", certificate_template=template, certificate_validity_months=36
    )
    w.course, w.lesson, w.quiz = course, lessons[0], quiz

    # --- People and roles --------------------------------------------------------------------
    hr, editors, moderators = (Group.objects.get(name=n) for n in (HR_GROUP, EDITORS_GROUP, MODERATORS_GROUP))
    manager = _person(unit_a1, "Maja", "Chefsson", audience=Audience.MANAGER, username="manager")
    learner = _person(unit_a1, "Lars", "Lärling", username="learner", manager=manager)
    other = _person(unit_b1, "Olle", "Annansson", username="other_learner")
    politician = _person(root, "Pia", "Politiker", audience=Audience.POLITICIAN, username="politician")
    editor = _person(adm_a, "Eva", "Redaktör", username="editor")
    editor.user.groups.add(editors, moderators)
    hr_limited = _person(adm_a, "Hanna", "Avgränsad", username="hr_limited")
    hr_limited.user.groups.add(hr)
    StaffScope.objects.create(user=hr_limited.user, org_unit=adm_a)
    hr_all = _person(root, "Hugo", "Helagruppen", username="hr_all")
    hr_all.user.groups.add(hr)
    superuser = UserFactory(username="superuser", first_name="Sara", last_name="Superadmin")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()

    # Beside the roles: the marker's manager and an HR user limited to B (the marker StaffScope row).
    manager_b = _person(unit_b1, "Bo", "Chefsson", audience=Audience.MANAGER, username="manager_b")
    hr_b = _person(adm_b, "Britt", "Bgrupp", username="hr_b")
    hr_b.user.groups.add(hr)

    # --- The marker ---------------------------------------------------------------------------
    marker_user = UserFactory(
        id=MARK, username="zxq-marker-user", first_name=MARKER_FIRST, last_name=MARKER_LAST, email=MARKER_EMAIL
    )
    marker = PersonFactory(
        id=MARK,
        user=marker_user,
        org_unit=unit_b1,
        audience=Audience.STAFF,
        employee_number=MARKER_EMPLOYEE_NUMBER,
        manager=manager_b,
    )
    w.marker = marker
    StaffScope.objects.create(id=MARK, user=hr_b.user, org_unit=adm_b)
    MailPreference.objects.create(id=MARK, person=marker, optional_reminders=False)

    # Her completed enrolment: the lesson, a failed and a passed attempt, the certificate.
    enrolment = Enrolment.objects.create(
        id=MARK,
        person=marker,
        course=course,
        cycle=1,
        source=EnrolmentSource.ASSIGNED,
        is_required=True,
        due_date=today + timedelta(days=30),
        started_at=now - timedelta(days=2),
    )
    LessonProgress.objects.create(id=MARK, enrolment=enrolment, lesson=w.lesson)
    first = quiz_services.attempt_start(person=marker, quiz=quiz, course=course)
    quiz_services.attempt_submit(person=marker, attempt_id=first.pk, answers=wrong_answers(first))
    second = quiz_services.attempt_start(person=marker, quiz=quiz, course=course)
    second = _rekey(Attempt, second.pk)
    quiz_services.attempt_submit(person=marker, attempt_id=MARK, answers=right_answers(second))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None, "the marker's enrolment should be completed"
    issued = certificate_services.certificate_issue(enrolment=enrolment)
    w.certificate = certificate_services.certificate_render(certificate=_rekey(Certificate, issued.pk))

    # A re-render after the template changed, still counting her certificate.
    batch = CertificateRenderBatch.objects.create(
        id=MARK, description="Ny signatur", created_by=hr_all.user, total=1, done=0
    )
    Certificate.objects.filter(pk=MARK).update(render_batch=batch)

    Requirement.objects.create(
        id=MARK, course=course, org_unit=unit_b1, for_staff=True, due_days=30, note="Beslut för Enhet B1"
    )
    # Her assignment on the board that governs B1 (the body and its term are the marker rows of theirs).
    board = Body.objects.create(
        id=MARK, name="Styrelsen för B", code="SB", kind=BodyKind.COMPANY_BOARD, org_unit=unit_b1
    )
    board_term = Term.objects.create(
        id=MARK,
        body=board,
        election_year=2026,
        **dict(zip(("starts_on", "ends_on"), default_term_dates(board.kind, 2026), strict=True)),
    )
    politics_services.assignment_save(
        assignment=Assignment(id=MARK, person=marker, term=board_term, role=AssignmentRole.SUBSTITUTE)
    )
    CourseTarget.objects.create(
        id=MARK, course=course, org_unit=unit_b1, percent=90, by_date=today + timedelta(days=90)
    )
    event = TrainingEvent.objects.create(
        id=MARK,
        title="Seminarium om likabehandling",
        course=course,
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        place="Stadshuset",
        seats=20,
        organiser=hr_all.user,
    )
    Registration.objects.create(id=MARK, event=event, person=marker)
    ReminderLog.objects.create(
        id=MARK,
        kind=ReminderKind.BEFORE_DUE,
        recipient=marker,
        enrolment=enrolment,
        occasion=str(today),
        status=ReminderLog.Status.SENT,
        sent_at=now,
    )

    # Her answer to the lesson's poll: nobody else ever sees it, only counts.
    w.lesson.body.append(("poll", {"question": "Vad skulle du göra?", "choices": ["Säga ja", "Säga nej"]}))
    w.lesson.save()
    (poll,) = page_polls(type(w.lesson).objects.get(pk=w.lesson.pk)).values()
    vote = poll_services.poll_vote(user=marker_user, page=w.lesson, poll_id=poll.id, choice_id=poll.choices[1].id)
    _rekey(PollVote, vote.pk)

    # An export of the whole group, asked for by HR for the whole group: it names the marker.
    export_storage = ExportJob._meta.get_field("file").storage  # private storage, wherever it lives
    export_name = export_storage.save(
        f"reports/exports/zxq-test/kursdeltagare-{MARK}.csv",
        ContentFile(
            f"Namn;E-post;Enhet;Intyg\n{MARKER_FIRST} {MARKER_LAST};{MARKER_EMAIL};Enhet B1;"
            f"{w.certificate.display_code}\n".encode()
        ),
    )
    ExportJob.objects.create(
        id=MARK_UUID,
        user=hr_all.user,
        report="enrolments",
        params={"language": "sv"},
        export_format="csv",
        status=ExportJob.Status.DONE,
        rows_total=1,
        rows_done=1,
        file=export_name,
        finished_at=now,
    )

    # An HR import (checked, not confirmed) that would change the marker's e-mail address.
    ImportRun.objects.create(
        id=MARK,
        kind="people",
        filename="hr-export.csv",
        content=(
            "Anställningsnummer;Förnamn;Efternamn;E-post;Enhetskod;Målgrupp;Chefens anställningsnummer\n"
            f"{MARKER_EMPLOYEE_NUMBER};{MARKER_FIRST};{MARKER_LAST};ny.{MARKER_EMAIL};FB1;medarbetare;\n"
        ).encode(),
        created_by=hr_all.user,
    )
    services.import_run_check(run_id=MARK)

    # A message sent with the accessibility statement's form. Group-wide by design (editors read every
    # message), so it carries none of her strings; it gives the feedback admin's URLs a row to land on.
    AccessibilityFeedback.objects.create(id=MARK, message="Kontrasten är för svag.", page_url="/kurser/")

    # Her course evaluation: that she answered (Participation, MARK) and an anonymous answer set kept
    # under her administration B (AnswerSet and Answer, MARK_UUID, released): rows a limited role must not count.
    evaluation = make_survey(title="Vad tyckte du om kursen", kind=SurveyKind.COURSE_EVALUATION, course=course)
    w.survey = evaluation
    Participation.objects.create(id=MARK, survey=evaluation, person=marker)
    answer_set = AnswerSet.objects.create(
        id=MARK_UUID, survey=evaluation, answered_on=today, reporting_unit=adm_b, audience=Audience.STAFF, shown=True
    )
    Answer.objects.create(
        id=MARK_UUID,
        answer_set=answer_set,
        survey=evaluation,
        reporting_unit=adm_b,
        audience=Audience.STAFF,
        question_key="policy-known",
        value="5",
        shown=True,
    )
    # The democracy plan: her unit's choice for the year names her as democracy guide, and an
    # activity names her. An indicator and its figure are group-wide rows (only the whole group's).
    plan = Plan.objects.create(
        id=MARK,
        name="Handlingsplan",
        decision_reference="KF § 1",
        decision_date=today,
        start_year=today.year,
        end_year=today.year + 4,
    )
    commitment = Commitment.objects.create(id=MARK, plan=plan, number=1, group="internal", text="Alla känner målen.")
    area = FocusArea.objects.create(id=MARK, name="Medborgardialog")
    unit_plan = UnitYearPlan.objects.create(id=MARK, org_unit=unit_b1, year=today.year, focus_area=area, guide=marker)
    Activity.objects.create(
        id=MARK,
        unit_plan=unit_plan,
        title=f"Dialogmöte lett av {MARKER_FIRST} {MARKER_LAST}",
        focus_area=area,
        commitment=commitment,
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 1, 2),
    )
    indicator = Indicator.objects.create(
        id=MARK, commitment=commitment, name="Valdeltagande", kind="entered", target_value=80, target_year=today.year
    )
    IndicatorValue.objects.create(id=MARK, indicator=indicator, value=71, measured_on=today, source="Valmyndigheten")
    # The municipality's active-measures annex: HR limited to an administration is not HR of the employer.
    Annex.objects.create(
        id=MARK,
        employer=root,
        year=today.year - 1,
        introduction=f"Sammanställd av {MARKER_FIRST} {MARKER_LAST}.",
        created_by=hr_all.user,
    )
    CouncilReport.objects.create(
        id=MARK, plan=plan, year=today.year, introduction="Inledning.", conclusion="Avslutning.", created_by=hr_all.user
    )
    # A public-document request answered with her unit's completion list; the requester gave her name.
    PublicDocumentRequest.objects.create(
        id=MARK,
        reference="KS 2026/900001",
        requested_by=f"{MARKER_FIRST} {MARKER_LAST}",
        course=course,
        org_unit=unit_b1,
        contents="Enhet B1",
        withheld=["email"],
        export_format="csv",
        rows=1,
        handed_out_by=hr_all.user,
    )

    # Site history about her, as the admin writes it.
    log(instance=marker, action="wagtail.edit", user=hr_all.user)
    log(instance=w.certificate, action="wagtail.edit", user=hr_all.user)
    log(instance=Requirement.objects.get(pk=MARK), action="wagtail.create", user=hr_all.user)

    # --- Everyone else's records (so no view is empty for the roles) --------------------------
    course_services.enrolment_assign(person=learner, course=course, due_date=today - timedelta(days=3))
    course_services.lesson_mark_done(person=learner, lesson=w.lesson)
    poll_services.poll_vote(user=learner.user, page=w.lesson, poll_id=poll.id, choice_id=poll.choices[0].id)
    quiz_services.attempt_start(person=learner, quiz=quiz, course=course)
    course_services.enrolment_assign(person=other, course=course, due_date=today + timedelta(days=5))
    course_services.enrolment_assign(person=manager_b, course=course, due_date=today - timedelta(days=1))
    Requirement.objects.create(course=course, org_unit=adm_a, for_staff=True, for_managers=True, due_days=30)
    CourseTarget.objects.create(course=course, org_unit=adm_a, percent=80, by_date=today + timedelta(days=60))
    Registration.objects.create(event=event, person=learner)
    Registration.objects.create(event=event, person=other)
    council = Body.objects.create(name="Kommunfullmäktige", code="KF", kind=BodyKind.COUNCIL, org_unit=root)
    (council_term,) = politics_services.terms_create_for_election(election_year=2026, bodies=[council])
    politics_services.assignment_save(
        assignment=Assignment(person=politician, term=council_term, role=AssignmentRole.MEMBER)
    )

    report_services.summary_refresh()
    report_services.public_snapshot_refresh()

    # Wagtail makes a user's preferences row on first use, on any page; made here, so a refused
    # request that makes it does not look like a write.
    for user in (
        learner.user,
        other.user,
        manager.user,
        politician.user,
        editor.user,
        hr_limited.user,
        hr_all.user,
        superuser,
    ):
        UserProfile.get_for_user(user)

    w.users = {
        "anonymous": None,
        "learner": learner.user,
        "other_learner": other.user,
        "manager": manager.user,
        "politician": politician.user,
        "editor": editor.user,
        "hr_limited": hr_limited.user,
        "hr_all": hr_all.user,
        "superuser": superuser,
    }
    assert not Page.objects.filter(pk=MARK).exists()  # page ids are content: 900001 is a plain 404
    assert home.live
    return w
