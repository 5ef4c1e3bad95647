"""Storage that links nothing (issue 26), on the real PostgreSQL: learners answer through the site
(the survey page's own view and service), the nightly task releases, and then no column, sequence
value or system column (``xmin``, ``ctid``) pairs an answer set with its participation row."""

import pytest
from django.db import connection
from django.test import Client

from lms.surveys import tasks
from lms.surveys.models import PendingAnswerSet

from .factories import make_survey

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_after_the_release_nothing_in_the_database_pairs_an_answer_with_who_gave_it(require_postgres, people):
    survey = make_survey()
    everyone = people["a"] + people["b"]
    for i, person in enumerate(everyone):  # each in its own request, so its own transaction
        learner = Client()
        learner.force_login(person.user)
        sent = learner.post(survey.url, {"q-policy-known": "4", "q-speak-up": "yes", "q-comment": f"mark-{i}"})
        assert sent.status_code == 302
    arrival = [f"mark-{i}" for i in range(len(everyone))]
    person_mark = {person.pk: f"mark-{i}" for i, person in enumerate(everyone)}

    # Until the night, the waiting row is written in its participation's transaction (the
    # participation in a savepoint: the next transaction id): the window the architecture notes
    # name, at most until the next nightly run.
    paired = rows(
        "SELECT count(*) FROM surveys_pendinganswerset w JOIN surveys_participation p "
        "ON w.xmin::text::bigint = p.xmin::text::bigint - 1 WHERE p.survey_id = %s",
        [survey.pk],
    )
    assert paired == [(len(everyone),)]
    before = {xmin for (xmin,) in rows("SELECT xmin::text FROM surveys_participation")}

    assert tasks.release_survey_results_task.delay().get() == 1  # the nightly task, through the worker's path
    assert not PendingAnswerSet.objects.exists()

    sets = rows("SELECT xmin::text::bigint FROM surveys_answerset WHERE survey_id = %s", [survey.pk])
    assert len(sets) == len(everyone)
    # The join, and its neighbours, find nothing: no answer set was written in, or next to,
    # a participation's transaction.
    for offset in (-2, -1, 0, 1, 2):
        found = rows(
            "SELECT count(*) FROM surveys_answerset a JOIN surveys_participation p "
            "ON a.xmin::text::bigint = p.xmin::text::bigint + %s WHERE a.survey_id = %s AND p.survey_id = %s "
            "AND a.xmin <> p.xmin",
            [offset, survey.pk, survey.pk],
        )
        assert found == [(0,)], offset
    assert not {str(xmin) for (xmin,) in sets} & before
    # All answer sets carry the release's transaction, and so do the rewritten participations: the
    # xmin join pairs every set with every participation alike, which singles out nobody.
    assert len({xmin for (xmin,) in sets}) == 1
    (release_xmin,) = {xmin for (xmin,) in sets}
    assert rows("SELECT DISTINCT xmin::text::bigint FROM surveys_participation WHERE survey_id = %s", [survey.pk]) == [
        (release_xmin,)
    ]

    # Physical order (ctid) and the sequence: neither follows the order people answered in.
    by_ctid = [
        mark
        for (mark,) in rows(
            "SELECT t.text FROM surveys_answerset a JOIN surveys_answer t ON t.answer_set_id = a.id "
            "AND t.question_key = 'comment' WHERE a.survey_id = %s ORDER BY a.ctid",
            [survey.pk],
        )
    ]
    assert sorted(by_ctid) == sorted(arrival) and by_ctid != arrival  # 13! orders: a tie is one in six billion
    participations_by_ctid = [
        person_mark[p]
        for (p,) in rows("SELECT person_id FROM surveys_participation WHERE survey_id = %s ORDER BY ctid", [survey.pk])
    ]
    participations_by_id = [
        person_mark[p]
        for (p,) in rows("SELECT person_id FROM surveys_participation WHERE survey_id = %s ORDER BY id", [survey.pk])
    ]
    assert participations_by_ctid != arrival and participations_by_id != arrival
    assert by_ctid not in (participations_by_ctid, participations_by_id)

    # Columns: nothing in common but the survey; the answers have no sequence at all.
    def columns(table):
        return {c for (c,) in rows("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])}

    assert columns("surveys_answerset") & columns("surveys_participation") == {"id", "survey_id"}
    assert rows(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'surveys_answerset' AND column_name = 'id'"
    ) == [("uuid",)]
    assert rows(
        "SELECT pg_get_serial_sequence('surveys_answerset', 'id'), pg_get_serial_sequence('surveys_answer', 'id')"
    ) == [(None, None)]
