"""Reads of packages: what the player of a package lesson needs, and a learner's attempts."""

from django.urls import reverse

from lms.courses.selectors import current_enrolment, lesson_course
from lms.organisation.selectors import person_for_user

from .launch import launch_token
from .models import CompletionRule, PackageAttempt, PackageKind, PackageLessonPage


def attempt_of(*, person, lesson: PackageLessonPage) -> PackageAttempt | None:
    """The person's attempt at the lesson in their current enrolment on its course, if any."""
    if person is None:
        return None
    enrolment = current_enrolment(person=person, course=lesson_course(lesson=lesson))
    if enrolment is None:
        return None
    return PackageAttempt.objects.filter(enrolment=enrolment, lesson=lesson).first()


def resume_state(*, attempt: PackageAttempt | None, kind: str, learner_id: str, learner_name: str) -> dict:
    """The CMI values a SCORM runtime starts from (flattened, as scorm-again loads them): the learner,
    and where they stopped. ``entry`` says whether it is a resumption."""
    resumes = attempt is not None and bool(attempt.suspend_data or attempt.location)
    if kind == PackageKind.SCORM12:
        state = {
            "cmi.core.student_id": learner_id,
            "cmi.core.student_name": learner_name,
            "cmi.core.entry": "resume" if resumes else "ab-initio",
        }
        if attempt is not None:
            state.update(
                {
                    "cmi.core.lesson_status": attempt.completion_status,
                    "cmi.core.lesson_location": attempt.location,
                    "cmi.suspend_data": attempt.suspend_data,
                }
            )
            if attempt.score_raw is not None:
                state["cmi.core.score.raw"] = str(attempt.score_raw)
        return state
    state = {
        "cmi.learner_id": learner_id,
        "cmi.learner_name": learner_name,
        "cmi.entry": "resume" if resumes else "ab-initio",
    }
    if attempt is not None:
        state.update(
            {
                "cmi.completion_status": attempt.completion_status
                if attempt.completion_status != "not attempted"
                else "unknown",
                "cmi.success_status": attempt.success_status,
                "cmi.location": attempt.location,
                "cmi.suspend_data": attempt.suspend_data,
            }
        )
    return state


def learner_state(*, user, lesson: PackageLessonPage) -> dict:
    person = person_for_user(user)
    attempt = attempt_of(person=person, lesson=lesson)
    name = f"{user.last_name}, {user.first_name}".strip(", ") if person else ""
    return resume_state(attempt=attempt, kind=lesson.package.kind, learner_id=str(user.pk), learner_name=name)


def player_context(*, lesson: PackageLessonPage, user, request) -> dict:
    """What the lesson page shows around the package: the frame's URL (a signed launch), where the
    runtime posts, the learner's attempt (their interactions, for their own review)."""
    if not lesson.pk or not user.is_authenticated:  # the editor's preview of an unsaved lesson
        return {"package": lesson.package if lesson.package_id else None, "launch_url": None}
    person = person_for_user(user)
    attempt = attempt_of(person=person, lesson=lesson)
    token = launch_token(user_id=user.pk, lesson_id=lesson.pk)
    package = lesson.package
    if package.kind == PackageKind.H5P:
        frame_url = reverse("packages:h5p_player", args=[token])
    else:
        frame_url = reverse("packages:file", args=[token, package.launch_path])
    return {
        "package": package,
        "attempt": attempt,
        "launch_url": frame_url,
        "launch_token": token,
        "commit_url": reverse("packages:commit", args=[lesson.pk]),
        "initial_state": learner_state(user=user, lesson=lesson) if package.is_scorm else {},
    }


def attempts_of_person(person) -> list[PackageAttempt]:
    return list(
        PackageAttempt.objects.filter(enrolment__person=person)
        .select_related("lesson", "enrolment__course")
        .order_by("started_at", "pk")
    )


def package_test_scores(*, enrolment_ids) -> dict:
    """The score a certificate prints for a course whose test is a package (courses' registry of quiz
    scores): a course that does not end with a quiz, with a package lesson that has a mastery score and is
    done only when passed. Its attempt's score as a percentage; several such lessons: their mean."""
    attempts = PackageAttempt.objects.filter(
        enrolment_id__in=list(enrolment_ids),
        enrolment__course__ends_with_quiz=False,
        lesson__completion_rule=CompletionRule.PASSED,
        lesson__package__mastery_score__isnull=False,
        completed_at__isnull=False,
    ).only("enrolment_id", "score_raw", "score_min", "score_max", "score_scaled")
    found: dict[int, list] = {}
    for attempt in attempts:
        if (percent := attempt.score_percent) is not None:
            found.setdefault(attempt.enrolment_id, []).append(percent)
    return {pk: round(sum(scores) / len(scores), 2) for pk, scores in found.items()}
