"""Every write of packages: storing an upload, and recording what a package's runtime reports.
A lesson is done through courses' own ``lesson_mark_done`` when the package says so, so completion,
certificates and every report count it as they count a lesson read."""

import logging
import uuid
import zipfile
import zlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.storage import private_storage
from lms.courses import services as course_services
from lms.organisation.models import Person

from . import runtime
from .models import ContentPackage, PackageAttempt, PackageKind, PackageLessonPage
from .unpacking import PackageRefused, read_package

logger = logging.getLogger("lms.packages")

CHUNK = 1024 * 1024


def package_store(*, upload, title: str = "", uploaded_by=None) -> ContentPackage:
    """Check the upload, store every file under a fresh prefix, then make the row. Any refusal or error
    on the way removes what was stored: nothing half-stored. Raises PackageRefused with the reason."""
    archive, contents = read_package(upload)
    storage = private_storage()
    prefix = uuid.uuid4().hex
    stored: list[str] = []
    package = ContentPackage(storage_prefix=prefix)
    try:
        for path, info in contents.members.items():
            name = package.stored_name(path)
            stored.append(name)  # before saving: a save that fails half-way may leave its file
            with archive.open(info) as source:  # zipfile stops at the declared size and checks the CRC
                saved = storage.save(name, source)
            if saved != name:  # the storage renamed it (should never happen under a fresh prefix)
                raise PackageRefused(_("The package could not be stored as it is: %(name)s") % {"name": path[:200]})
        with transaction.atomic():
            package.title = (title or contents.title or _("Untitled package"))[:255]
            package.kind = contents.kind
            package.launch_path = contents.launch_path
            package.files = sorted(contents.members)
            package.total_bytes = contents.total_bytes
            package.mastery_score = contents.mastery_score
            package.uploaded_by = uploaded_by
            package.save()
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        _remove(stored)
        raise PackageRefused(_("The package is damaged: %(error)s") % {"error": error}) from None
    except BaseException:
        _remove(stored)
        raise
    logger.info("package stored: %s (%s, %s files)", package.pk, package.kind, len(stored))
    return package


def _remove(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("could not remove %s of a refused package", name)


def package_delete_files(*, package: ContentPackage) -> None:
    """Called after a package row is deleted (no lesson points at one: PROTECT)."""
    _remove([package.stored_name(path) for path in package.files])


class CommitRefused(Exception):
    """A commit refused whole (nothing written); the message is for the log and the runtime."""


@transaction.atomic
def attempt_commit(
    *, person: Person, lesson: PackageLessonPage, data, kind: str, session_ended: bool = True, language: str = ""
) -> tuple[PackageAttempt, list[str]]:
    """Record a SCORM commit, an H5P xAPI statement or an H5P resume state on the learner's attempt at the lesson in their
    current enrolment (enrolling them, as marking a lesson done would; the caller has checked that the
    course is theirs to take).

    Refused whole (CommitRefused): a runtime of another kind than the package, a malformed body.
    Otherwise what is valid is kept and the rest named in the returned problems (logged): an
    oversized suspend data leaves the stored one as it was, a score out of range is clamped, an unknown
    status ignored. A completion is never undone: "incomplete" after "completed" changes nothing.
    The session's time is added to the total only when the session ends (``session_ended``: SCORM's
    terminating commit; every H5P statement), as a runtime reports the session's running time each time.
    ``language``: the content language of the learner's request, the completion's if this completes the course."""
    package_kind = lesson.package.kind
    if kind != package_kind:
        raise CommitRefused(f"a {kind} call for a {package_kind} package")
    try:
        reading = runtime.read_h5p(data) if kind == PackageKind.H5P else runtime.read_commit(data, kind)
    except runtime.MalformedCommit as error:
        raise CommitRefused(str(error)) from None
    enrolment = course_services.enrolment_self_enrol(person=person, course=lesson.get_parent().specific)
    PackageAttempt.objects.get_or_create(enrolment=enrolment, lesson=lesson, defaults={"kind": kind})
    attempt = PackageAttempt.objects.select_for_update().get(enrolment=enrolment, lesson=lesson)
    problems = list(reading.problems)
    was_done = attempt.is_completed
    if reading.completion_status is not None:
        if was_done and reading.completion_status not in ("completed", "passed"):
            problems.append(f"completion: {reading.completion_status!r} after completion ignored")
        elif was_done and attempt.completion_status == "passed":
            pass  # SCORM 1.2's "passed" says more than a later "completed": kept
        else:
            attempt.completion_status = reading.completion_status
    if reading.success_status is not None:
        if was_done and attempt.success_status == "passed" and reading.success_status != "passed":
            problems.append(f"success: {reading.success_status!r} after passing ignored")
        else:
            attempt.success_status = reading.success_status
    for name in ("score_raw", "score_min", "score_max", "score_scaled", "location", "suspend_data"):
        value = getattr(reading, name)
        if value is not None:
            setattr(attempt, name, value)
    if reading.session_seconds and session_ended:
        attempt.total_seconds = min(attempt.total_seconds + reading.session_seconds, 2**31 - 1)
    if reading.interactions:
        kept = {item.get("id"): item for item in attempt.interactions if isinstance(item, dict)}
        for key, item in reading.interactions.items():
            if key in kept or len(kept) < runtime.MAX_INTERACTIONS:
                kept[key] = item
        attempt.interactions = list(kept.values())
    if not was_done:  # a pass is never taken back: the mastery score judges only until the lesson is done
        attempt.completion_status, attempt.success_status = runtime.judged_by_mastery(
            kind=kind,
            completion_status=attempt.completion_status,
            success_status=attempt.success_status,
            percent=attempt.score_percent,
            mastery=lesson.package.mastery_score,
        )
    attempt.commits += 1
    now_done = runtime.is_done(
        kind=kind,
        completion_status=attempt.completion_status,
        success_status=attempt.success_status,
        rule=lesson.completion_rule,
    )
    if now_done and not was_done:
        attempt.completed_at = timezone.now()
    attempt.save()
    if now_done and not was_done:
        course_services.lesson_mark_done(person=person, lesson=lesson, language=language)
    else:
        course_services.enrolment_mark_started(enrolment=enrolment)
    if problems:
        logger.warning("package commit %s (attempt %s): %s", kind, attempt.pk, "; ".join(problems))
    return attempt, problems
