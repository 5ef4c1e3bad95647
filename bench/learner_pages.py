"""Server time of a lesson page and "Mina kurser" against a plain StandardPage with the same text.

A learner with 30 enrolments (each course 5 lessons, some done, some assigned);
each page is requested in-process through Django's full middleware stack, and the
median of N requests is compared with a StandardPage carrying the lesson's body.
Target: each at most 1.5× the StandardPage.

    .venv/bin/python bench/learner_pages.py [--repeat 100]
"""

import argparse
from datetime import timedelta

from common import count_queries, interleaved_medians_ms, setup_django, test_database

setup_django()


def build():
    from django.utils import timezone

    from home.demo import _home_page
    from home.models import StandardPage
    from lms.courses import services
    from lms.courses.models import CourseIndexPage, CoursePage, LessonPage
    from tests.factories import PersonFactory

    home = _home_page()
    index = home.add_child(instance=CourseIndexPage(title="Kurser", slug="kurser"))
    person = PersonFactory(user__username="bench")
    body = [("heading", {"text": "Rubrik", "level": "h2"})] + [
        ("paragraph", "<p>" + "Offentlig makt utövas under lagarna. " * 40 + "</p>") for _ in range(6)
    ]
    lesson_to_show = None
    for c in range(30):
        course = index.add_child(instance=CoursePage(title=f"Kurs {c}", slug=f"kurs-{c}", summary="Om kursen."))
        lessons = [
            course.add_child(instance=LessonPage(title=f"Lektion {i}", slug=f"lektion-{i}", body=body))
            for i in range(5)
        ]
        if c % 3 == 0:
            services.enrolment_assign(person=person, course=course, due_date=timezone.localdate() + timedelta(days=c))
        for lesson in lessons[: c % 6]:
            services.lesson_mark_done(person=person, lesson=lesson)
        if c % 3 and not c % 6 == 0:
            services.enrolment_self_enrol(person=person, course=course)
        lesson_to_show = lesson_to_show or lessons[1]
    standard = home.add_child(instance=StandardPage(title="Jämförelse", slug="jamforelse", body=body))
    return person, lesson_to_show, standard


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    from django.test import Client

    with test_database():
        person, lesson, standard = build()
        print(f"enrolments: {person.enrolments.count()}")
        client = Client()
        client.force_login(person.user)
        pages = {"StandardPage (baseline)": standard.url, "lesson page": lesson.url, "Mina kurser": "/mina-kurser/"}
        for url in pages.values():
            assert client.get(url).status_code == 200, url
        medians = interleaved_medians_ms(
            {name: (lambda url=url: client.get(url)) for name, url in pages.items()}, repeat=args.repeat
        )
        results = {name: (medians[name], count_queries(lambda url=url: client.get(url))) for name, url in pages.items()}
        base = results["StandardPage (baseline)"][0]
        print(f"{'page':28} {'median ms':>10} {'ratio':>7} {'queries':>8}")
        for name, (ms, queries) in results.items():
            print(f"{name:28} {ms:10.2f} {ms / base:7.2f} {queries:8d}")
        worst = max(results[n][0] for n in ("lesson page", "Mina kurser")) / base
        print(f"worst ratio {worst:.2f} (target <= 1.5): {'OK' if worst <= 1.5 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
