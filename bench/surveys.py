"""Survey results at municipal-group scale: one attitude survey answered 10,000 times by people in
400 units (8 administrations and companies: the level answers are kept at), each answer set with
seven questions (scales, a single and a multiple choice, free text), as the demo's survey.

Measured side by side in one run against a stock Wagtail listing page HR may open (the completion
targets' ModelViewSet index, one row: what any admin page costs), through the Django test client as
an HR user with the free-text permission (the whole group), with the ratio to it:

- the results' figures alone (``results.survey_results``: counts, shares, breakdowns by unit and
  audience under the small-group rule, the comparison with the earlier point, response rates);
- the whole results page (target under 200 ms);
- the CSV export of the results.

    .venv/bin/python bench/surveys.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_surveys .venv/bin/python bench/surveys.py
    .venv/bin/python bench/surveys.py --answers 2000 --repeat 10   # a quick small run
"""

import argparse
import random
import time
from datetime import timedelta

from common import count_queries, interleaved_medians_ms, setup_django, test_database

setup_django()

HR_USERNAME = "bench-hr"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    from django.db import connection

    with test_database():
        t = time.perf_counter()
        survey, earlier = generate(args)
        print(
            f"database: {connection.vendor}; generated {args.answers} answers (and as many at the earlier point) "
            f"over {args.units} units in {time.perf_counter() - t:.0f} s"
        )
        measure(args, survey)


def generate(args):
    from django.utils import timezone

    from bench.generate import make_people, make_units
    from lms.organisation.models import Person
    from lms.surveys.demo import ATTITUDE_QUESTIONS, _answer
    from lms.surveys.models import SurveyKind, SurveyPage, SurveySeries
    from lms.surveys.selectors import reporting_unit_for
    from tests.surveys.factories import make_survey_index

    units = make_units(args.units)
    person_ids = make_people(units, int(args.answers * 1.25))  # four in five answer
    people = list(Person.objects.filter(pk__in=person_ids).select_related("org_unit"))
    reporting = {u.pk: reporting_unit_for(u) for u in units}
    index = make_survey_index()
    series = SurveySeries.objects.create(name="Bench")
    today = timezone.localdate()
    surveys = []
    for slug, opens_on, closes_on, lift in (
        ("bench-before", today - timedelta(days=200), today - timedelta(days=170), 0.0),
        ("bench-after", today - timedelta(days=20), today + timedelta(days=20), 0.8),
    ):
        survey = index.add_child(
            instance=SurveyPage(
                title=slug,
                slug=slug,
                kind=SurveyKind.ATTITUDE,
                series=series,
                measurement_point=slug,
                opens_on=opens_on,
                closes_on=closes_on,
                questions=ATTITUDE_QUESTIONS,
            )
        )
        rng = random.Random(slug)
        _answer(
            survey,
            rng.sample(people, args.answers),
            reporting,
            rng,
            min(today, closes_on),
            lift=lift,
            first_day=opens_on,
        )
        surveys.append(survey)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return surveys[1], surveys[0]


def hr_user():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from lms.access.roles import HR_GROUP, ensure_roles

    ensure_roles()
    user, _ = get_user_model().objects.get_or_create(username=HR_USERNAME, defaults={"first_name": "HR"})
    user.groups.add(Group.objects.get(name=HR_GROUP))
    user.user_permissions.add(Permission.objects.get(codename="view_free_text"))
    return get_user_model().objects.get(pk=user.pk)  # permissions cache fresh


def measure(args, survey):
    from django.test import Client

    from lms.surveys import results

    hr = hr_user()
    client = Client()
    client.force_login(hr)
    results_url = f"/admin/survey-results/{survey.pk}/"
    listing_url = "/admin/reports/completion/targets/"
    for url in (results_url, listing_url, results_url + "?export=csv"):
        assert client.get(url).status_code == 200, url
    found = results.survey_results(user=hr, survey=survey)
    assert found.respondents == args.answers, found.respondents

    def csv_export():
        response = client.get(results_url + "?export=csv")
        b"".join(response.streaming_content)

    measured = {
        "listing page (baseline)": lambda: client.get(listing_url),
        "results: figures only": lambda: results.survey_results(user=hr, survey=survey),
        "results page": lambda: client.get(results_url),
        "results CSV export": csv_export,
    }
    medians = interleaved_medians_ms(measured, repeat=args.repeat, warmup=3)
    queries = {name: count_queries(fn) for name, fn in measured.items()}
    baseline = medians["listing page (baseline)"]
    print(f"medians of {args.repeat} interleaved runs; pages through the test client as HR (whole group)")
    print(f"{'measure':40} {'ms':>8} {'queries':>8} {'× listing':>10}")
    for name, ms in medians.items():
        print(f"{name:40} {ms:8.1f} {queries[name]:8d} {ms / baseline:10.2f}")
    verdict = "met" if medians["results page"] < 200 else "NOT met"
    print(f"target: results page < 200 ms: {verdict}")


if __name__ == "__main__":
    main()
