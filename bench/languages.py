"""What reading a course in another language costs, measured side by side in one run:

- a lesson read in English (its published translation, shown at the source's address) against the same
  lesson read in Swedish, the source: target at most 1.2×;
- "Mina kurser" of a learner with 30 courses, each translated into the four other languages of a site with
  five (sv, sv-x-ll, en, fi and Arabic as a municipality's own), read in English, against the same page on
  a site with Swedish alone: target at most 1.2×.

    .venv/bin/python bench/languages.py [--repeat 100]
"""

import argparse
import os
from datetime import timedelta

os.environ.setdefault("LMS_EXTRA_CONTENT_LANGUAGES", "ar=العربية")  # the fifth language, right to left

from common import count_queries, interleaved_medians_ms, setup_django, test_database  # noqa: E402

setup_django()

OTHER_LANGUAGES = ["sv-x-ll", "en", "fi", "ar"]


def build():
    from django.utils import timezone

    from home.demo import _home_page
    from lms.courses import services
    from lms.courses.models import CourseIndexPage, CoursePage, LessonPage
    from tests.factories import PersonFactory
    from tests.languages.factories import translate

    home = _home_page()
    index = home.add_child(instance=CourseIndexPage(title="Kurser", slug="kurser"))
    body = [("heading", {"text": "Rubrik", "level": "h2"})] + [
        ("paragraph", "<p>" + "Offentlig makt utövas under lagarna. " * 40 + "</p>") for _ in range(6)
    ]
    swedish, english = PersonFactory(user__username="sv-reader"), PersonFactory(user__username="en-reader")
    english.content_language = "en"
    english.save()
    lesson = None
    for c in range(30):
        course = index.add_child(instance=CoursePage(title=f"Kurs {c}", slug=f"kurs-{c}", summary="Om kursen."))
        lessons = [
            course.add_child(instance=LessonPage(title=f"Lektion {i}", slug=f"lektion-{i}", body=body))
            for i in range(5)
        ]
        for person in (swedish, english):
            services.enrolment_assign(person=person, course=course, due_date=timezone.localdate() + timedelta(days=c))
            for done in lessons[: c % 6]:
                services.lesson_mark_done(person=person, lesson=done)
        for code in OTHER_LANGUAGES:
            translate(course, code, prefix=f"[{code}] ")
        lesson = lesson or lessons[1]
    for code in OTHER_LANGUAGES:
        translate(lesson, code, prefix=f"[{code}] ")
    return swedish, english, lesson


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    with test_database():
        swedish, english, lesson = build()
        clients = {}
        for person in (swedish, english):
            clients[person.pk] = Client()
            clients[person.pk].force_login(person.user)
        five = settings.LMS_CONTENT_LANGUAGES
        assert len(five) == 5, five
        swedish_alone = [("sv", "Svenska")]

        def get(person, url, languages):
            with override_settings(LMS_CONTENT_LANGUAGES=languages):
                response = clients[person.pk].get(url)
            assert response.status_code == 200, url
            return response

        assert "[en] Lektion 1" in get(english, lesson.url, five).content.decode()
        cases = {
            "lesson, Swedish (source)": lambda: get(swedish, lesson.url, five),
            "lesson, English": lambda: get(english, lesson.url, five),
            "Mina kurser, Swedish alone": lambda: get(english, "/mina-kurser/", swedish_alone),
            "Mina kurser, 5 languages": lambda: get(english, "/mina-kurser/", five),
        }
        medians = interleaved_medians_ms(cases, repeat=args.repeat)
        queries = {name: count_queries(fn) for name, fn in cases.items()}
        print(f"{'page':28} {'median ms':>10} {'queries':>8}")
        for name in cases:
            print(f"{name:28} {medians[name]:10.2f} {queries[name]:8d}")
        pairs = [
            ("lesson, English", "lesson, Swedish (source)"),
            ("Mina kurser, 5 languages", "Mina kurser, Swedish alone"),
        ]
        for measured, base in pairs:
            ratio = medians[measured] / medians[base]
            print(f"{measured} / {base}: {ratio:.2f} (target <= 1.2): {'OK' if ratio <= 1.2 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
