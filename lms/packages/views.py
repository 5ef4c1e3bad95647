"""The package player's URL-routed views: the package's files for its sandboxed frame (by signed launch,
with the strict policy below), H5P's player page, and the runtime's commit API (the learner's session,
CSRF-protected, rate-limited). Thin: checks, then a selector or a service."""

import json
import logging
import mimetypes

from django.contrib.auth import get_user_model
from django.core.exceptions import RequestDataTooBig
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from lms.core.storage import private_storage
from lms.courses.selectors import course_visible_to, lesson_course
from lms.languages.selectors import in_source_language, preferred_language
from lms.organisation.selectors import person_for_user

from . import selectors, services
from .launch import read_launch
from .models import PackageKind, PackageLessonPage
from .unpacking import PackageRefused, normalised_path

logger = logging.getLogger("lms.packages")

COMMIT_RATE = "120/m"  # a package commits at most every few seconds; a loop that posts on every call stops here


def frame_policy(request) -> str:
    """The frame's Content-Security-Policy. ``sandbox`` without ``allow-same-origin`` gives every document
    of the package an opaque origin, even opened on its own in a tab: it cannot read the site's cookies or
    storage, its requests to the site carry no session (SameSite) and cannot read the answers (no CORS
    with credentials), nor pass the CSRF check (its Origin is "null"). No top navigation, no pop-ups.
    What it loads: its own files and the runtime (this host only); inline script, as packages use it."""
    host = f"{request.scheme}://{request.get_host()}"
    own = f"'self' {host}"
    return "; ".join(
        [
            "sandbox allow-scripts allow-forms",
            f"default-src {own}",
            f"script-src {own} 'unsafe-inline' 'unsafe-eval'",
            f"style-src {own} 'unsafe-inline'",
            f"img-src {own} data: blob:",
            f"media-src {own} data: blob:",
            f"font-src {own} data:",
            f"connect-src {own}",
            f"frame-src {own}",
            "object-src 'none'",
            "form-action 'none'",
            "base-uri 'self'",
            "frame-ancestors 'self'",
        ]
    )


def _confine(request, response):
    response["Content-Security-Policy"] = frame_policy(request)
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"  # the launch token is in the URL
    # An opaque origin reading the package's own files by fetch (H5P's JSON, a package's XML) is cross-origin.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "same-site"
    return response


def _live_lessons():
    """The source pages only: an attempt names the lesson the learner visits, the source, whatever language
    they read it in (lms.languages)."""
    return in_source_language(PackageLessonPage.objects.live().select_related("package"))


def _launched_lesson(token: str) -> tuple:
    launch = read_launch(token)
    if launch is None:
        raise Http404
    lesson = _live_lessons().filter(pk=launch.lesson_id).first()
    if lesson is None:
        raise Http404
    return launch, lesson


def _learner(launch):
    user = get_user_model().objects.filter(pk=launch.user_id, is_active=True).first()
    person = person_for_user(user) if user else None
    return user, person


def _bootstrap(request, launch, lesson) -> str:
    """What every HTML document of a SCORM package gets first in its <head>: where the runtime listens
    (the site's origin) and the learner's resume state, then scorm-again's cross-frame client, which
    becomes ``window.API`` / ``window.API_1484_11`` and talks to the real runtime in the lesson page."""
    user, person = _learner(launch)
    if person is None or not course_visible_to(person=person, course=lesson_course(lesson=lesson)):
        raise Http404
    boot = {
        "origin": f"{request.scheme}://{request.get_host()}",
        "state": selectors.learner_state(user=user, lesson=lesson),
    }
    data = json.dumps(boot).replace("<", "\\u003c")
    return (
        f'<script type="application/json" id="lms-package-state">{data}</script>'
        f'<script src="{escape(static("vendor/scorm-again/cross-frame-api.min.js"))}"></script>'
        f'<script src="{escape(static("js/package-frame.js"))}"></script>'
    )


def _inject(html: bytes, snippet: str) -> bytes:
    lower = html[:4096].lower()
    head = lower.find(b"<head")
    if head != -1:
        end = html.find(b">", head) + 1
        return html[:end] + snippet.encode() + html[end:]
    start = lower.find(b"<html")
    if start != -1:
        end = html.find(b">", start) + 1
        return html[:end] + snippet.encode() + html[end:]
    return snippet.encode() + html


@require_GET
@xframe_options_sameorigin
def file_view(request, token: str, path: str):
    """One file of a launched package, from storage (ready for object storage: opened, streamed)."""
    launch, lesson = _launched_lesson(token)
    package = lesson.package
    try:
        path = normalised_path(path)
    except PackageRefused:
        raise Http404 from None
    if path not in set(package.files):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    try:
        handle = private_storage().open(package.stored_name(path), "rb")
    except (OSError, FileNotFoundError):
        logger.error("package %s: stored file missing: %s", package.pk, path)
        raise Http404 from None
    if package.is_scorm and content_type == "text/html":
        with handle:
            body = _inject(handle.read(), _bootstrap(request, launch, lesson))
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "no-store"  # holds the learner's resume state
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Cache-Control"] = "private, max-age=3600"
    return _confine(request, response)


@require_GET
@xframe_options_sameorigin
def h5p_player_view(request, token: str):
    """The page h5p-standalone plays an H5P package in, itself in the sandboxed frame."""
    launch, lesson = _launched_lesson(token)
    if lesson.package.kind != PackageKind.H5P:
        raise Http404
    _user, person = _learner(launch)
    if person is None or not course_visible_to(person=person, course=lesson_course(lesson=lesson)):
        raise Http404
    attempt = selectors.attempt_of(person=person, lesson=lesson)
    base = reverse("packages:file", args=[token, "h5p.json"]).removesuffix("/h5p.json")
    context = {
        "base": base,
        "origin": f"{request.scheme}://{request.get_host()}",
        "lesson": lesson,
        "state": attempt.suspend_data if attempt else "",  # where the content type left off, to resume
    }
    response = render(request, "packages/h5p_player.html", context)
    response["Cache-Control"] = "no-store"
    return _confine(request, response)


def _refuse(status: int, reason: str, request, lesson_id) -> JsonResponse:
    logger.warning("package commit refused (lesson %s, user %s): %s", lesson_id, request.user.pk, reason)
    return JsonResponse({"result": False, "errorCode": 101, "error": reason}, status=status)


@require_POST
def commit_view(request, lesson_id: int):
    """The runtime's commit (SCORM) or statement (H5P). JSON: ``{"launch", "kind", "terminate", "data"}``.
    The session's learner only, on a lesson of a course they may take, with the launch the page gave
    them: another learner's launch replayed here is refused. Answers what scorm-again reads."""
    if not request.user.is_authenticated:
        return _refuse(401, "signed out", request, lesson_id)
    if is_ratelimited(request, group="packages.commit", key="user", rate=COMMIT_RATE, increment=True):
        return _refuse(429, "rate limited", request, lesson_id)
    try:
        body = json.loads(request.body)
    except RequestDataTooBig:
        return _refuse(413, "body too large", request, lesson_id)
    except (ValueError, UnicodeDecodeError):
        return _refuse(400, "not JSON", request, lesson_id)
    if not isinstance(body, dict) or body.get("kind") not in PackageKind.values:
        return _refuse(400, "malformed", request, lesson_id)
    launch = read_launch(body.get("launch"))
    if launch is None or launch.lesson_id != lesson_id:
        return _refuse(403, "no valid launch for this lesson", request, lesson_id)
    if launch.user_id != request.user.pk:
        return _refuse(403, f"launch of another learner (user {launch.user_id})", request, lesson_id)
    lesson = _live_lessons().filter(pk=lesson_id).first()
    person = person_for_user(request.user)
    if lesson is None or not course_visible_to(person=person, course=lesson_course(lesson=lesson)):
        return _refuse(404, "not a lesson the learner may take", request, lesson_id)
    try:
        attempt, problems = services.attempt_commit(
            person=person,
            lesson=lesson,
            data=body.get("data"),
            kind=body["kind"],
            session_ended=body["kind"] == PackageKind.H5P or body.get("terminate") is True,
            language=preferred_language(request, person).code,
        )
    except services.CommitRefused as error:
        return _refuse(400, str(error), request, lesson_id)
    return JsonResponse({"result": True, "errorCode": 0, "done": attempt.is_completed, "problems": problems[:20]})
