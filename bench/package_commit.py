"""Server time of a SCORM runtime's commit carrying 64,000 characters of suspend data (SCORM 2004's
maximum) against a plain "mark as done" POST of a lesson, in the same run (issue 31).

A learner on a course with a lesson of blocks and a SCORM 2004 package lesson: the baseline marks the
block lesson done (a POST through the whole middleware stack, the service and its redirect); the
candidate posts the commit the lesson page's runtime sends (JSON, the launch, flattened CMI with the
suspend data, location and status "incomplete", so the course never completes and each POST does the
same work). The commit's rate limit is lifted for the run (it would answer 429 after 120 a minute).
Target: the commit at most 1.5× the lesson-done POST.

    .venv/bin/python bench/package_commit.py [--repeat 100]
"""

import argparse
import json

from common import count_queries, interleaved_medians_ms, setup_django, test_database

setup_django()


def build():
    from lms.packages import services
    from lms.packages.building import scorm_zip
    from lms.packages.demo import SCORM_SOURCE
    from lms.packages.models import PackageLessonPage
    from tests.courses.factories import make_course
    from tests.factories import PersonFactory

    course, (lesson,) = make_course(lessons=1, title="Bänkkurs")
    package = services.package_store(upload=scorm_zip(SCORM_SOURCE, version="2004", title="Bänk"))
    package_lesson = course.add_child(instance=PackageLessonPage(title="Paket", slug="paket", package=package))
    return PersonFactory(user__username="bench"), lesson, package_lesson


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    from django.test import Client
    from django.urls import reverse

    from lms.packages import views
    from lms.packages.launch import launch_token

    views.COMMIT_RATE = "1000000/m"
    with test_database():
        person, lesson, package_lesson = build()
        client = Client()
        client.force_login(person.user)
        done_url = reverse("courses:lesson_mark_done", args=[lesson.pk])
        commit_url = reverse("packages:commit", args=[package_lesson.pk])
        body = json.dumps(
            {
                "launch": launch_token(user_id=person.user.pk, lesson_id=package_lesson.pk),
                "kind": "scorm2004",
                "terminate": False,
                "data": {
                    "cmi.suspend_data": "s" * 64000,
                    "cmi.location": "sida-3",
                    "cmi.completion_status": "incomplete",
                    "cmi.success_status": "unknown",
                    "cmi.session_time": "PT1M2S",
                },
            }
        )
        calls = {
            "lesson done POST (baseline)": lambda: client.post(done_url),
            "commit, 64,000 chars": lambda: client.post(commit_url, body, content_type="application/json"),
        }
        assert calls["lesson done POST (baseline)"]().status_code == 302
        answer = calls["commit, 64,000 chars"]()
        assert answer.status_code == 200 and answer.json()["problems"] == [], answer.content
        medians = interleaved_medians_ms(calls, repeat=args.repeat)
        base = medians["lesson done POST (baseline)"]
        print(f"{'call':30} {'median ms':>10} {'ratio':>7} {'queries':>8}")
        for name, fn in calls.items():
            print(f"{name:30} {medians[name]:10.2f} {medians[name] / base:7.2f} {count_queries(fn):8d}")
        ratio = medians["commit, 64,000 chars"] / base
        print(f"ratio {ratio:.2f} (target <= 1.5): {'OK' if ratio <= 1.5 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
