"""The register extract across apps: every app's section, in a fixed order, shown readably;
erasure through every app keeps the report figures."""

import pytest

from lms.access import privacy
from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate
from lms.organisation import services
from lms.reports import selectors as report_selectors
from lms.reports import services as report_services
from lms.reports.models import CompletionSummary
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SECTION_ORDER = [
    "organisation",
    "accounts",
    "courses",
    "packages",
    "polls",
    "quizzes",
    "certificates",
    "requirements",
    "completions",
    "reports",
    "path_certificates",
    "surveys",
    "accessibility",
    "politics",
    "public_documents",
    "plans",
    "group_training",
    "active_measures",
]


def test_each_app_registers_its_section_in_installed_apps_order(db):
    assert [s.key for s in privacy.personal_data_sections()] == SECTION_ORDER
    assert [s["key"] for s in privacy.person_extract(PersonFactory())["sections"]] == SECTION_ORDER


def test_organisation_does_not_import_the_other_apps_sections():
    import inspect

    from lms.organisation import apps

    source = inspect.getsource(apps)
    assert not any(f"lms.{app}" in source for app in ("courses", "quizzes", "certificates", "requirements"))


def test_every_section_has_a_translated_label(db):
    from django.utils import translation

    with translation.override("sv"):
        labels = [s["label"] for s in privacy.person_extract(PersonFactory())["sections"]]
    assert labels == [
        "Du i kommunkoncernen",
        "Organisationskonton som använts för inloggning",
        "Kurser och framsteg",
        "Paketlektioner (SCORM, H5P)",
        "Omröstningar i lektioner",
        "Kunskapstest: försök och svar",
        "Intyg",
        "Utbildningstillfällen, påminnelser och val om e-post",
        "Kurser genomförda utanför plattformen",
        "Rapportexporter",
        "Intyg för utbildningsvägar",
        "Enkäter du har svarat på",
        "Meddelanden om webbplatsens tillgänglighet",
        "Uppdrag som förtroendevald",
        "Begäranden om allmänna handlingar",
        "Demokrativägledare för enheter",
        "Gruppträffar",
        "Bilagor om aktiva åtgärder",
    ]


def test_nested_data_is_shown_as_labelled_rows_not_as_python():
    rows = privacy.display_sections(
        {
            "sections": [
                {
                    "key": "x",
                    "label": "X",
                    "data": {"person": {"language": "sv"}, "certificates": [{"valid_until": None}], "groups": []},
                }
            ]
        }
    )[0]["rows"]
    person, certificates, groups = rows
    assert person["value"] is None and person["children"][0]["value"] == "sv"
    (first,) = certificates["children"]
    assert first["label"] == "1" and first["children"][0]["value"] == "–"
    assert groups["value"] == "–"


def test_the_readable_page_shows_names_not_codes_and_local_times_not_iso():
    """Issue 34: "Målgrupp staff", "Språk sv" and "2026-12-07T08:24:24.312767+00:00" were shown as stored."""
    rows = privacy.display_sections(
        {
            "sections": [
                {
                    "key": "x",
                    "label": "X",
                    "data": {
                        "language": "sv",
                        "language_label": "Svenska",
                        "created_at": "2026-12-07T08:24:24.312767+00:00",
                        "due_date": "2027-03-07",
                        "label": "kept: no twin",
                    },
                }
            ]
        }
    )[0]["rows"]
    assert [row["value"] for row in rows] == ["Svenska", "2026-12-07 09:24", "2027-03-07", "kept: no twin"]


def test_mina_uppgifter_shows_the_persons_values_in_words(client):
    person = PersonFactory(audience="staff", language="sv")
    client.force_login(person.user)
    html = client.get("/konto/mina-uppgifter/").content.decode()
    assert "<dd>Medarbetare</dd>" in html and "<dd>Svenska</dd>" in html
    assert "<dd>staff</dd>" not in html and "<dd>sv</dd>" not in html
    assert "+00:00" not in html and "T0" not in html.split("<h1>", 1)[1]


@pytest.fixture
def completed_with_certificates(home_page):
    """Three people have completed a course that gives a certificate, each with a rendered PDF."""
    course, lessons = make_certificate_course()
    people = [make_learner(username=f"learner{i}") for i in range(3)]
    for person in people:
        enrolment = complete(person, lessons)
        certificate_services.certificate_render(certificate=certificate_services.certificate_issue(enrolment=enrolment))
    return people


def figures():
    report_services.summary_refresh()
    summary = sorted(
        CompletionSummary.objects.values_list(
            "org_unit_id", "course_id", "audience", "completed", "cert_valid", "cert_expiring", "cert_expired"
        )
    )
    monthly = report_selectors.monthly_completions(scope=report_selectors.WHOLE_GROUP)
    return summary, monthly


def test_erasing_a_leaver_keeps_every_report_figure(completed_with_certificates, django_capture_on_commit_callbacks):
    leaver = completed_with_certificates[0]
    services.person_deactivate(person=leaver)
    before = figures()
    assert sum(row[4] for row in before[0]) == 2  # the others' valid certificates
    assert sum(n for _month, n in before[1]) == 3  # completions over time count leavers too
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=leaver)
    assert figures() == before
    # No decision for certificates: a public document, kept as it was, valid and with its PDF.
    assert Certificate.objects.filter(person=leaver, revoked_at__isnull=True).exclude(pdf="").count() == 1


def test_erasing_someone_keeps_the_completions_over_time_and_the_others_certificates(
    completed_with_certificates, django_capture_on_commit_callbacks
):
    person, *others = completed_with_certificates
    monthly = report_selectors.monthly_completions(scope=report_selectors.WHOLE_GROUP)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=person)
    assert report_selectors.monthly_completions(scope=report_selectors.WHOLE_GROUP) == monthly
    assert Certificate.objects.filter(person__in=others, revoked_at__isnull=True).exclude(pdf="").count() == 2


def test_the_extracts_labels_do_not_change_other_apps_words():
    """Django merges the catalogues and organisation comes first: its labels carry a context."""
    from django.utils import translation

    with translation.override("sv"):
        assert translation.gettext("Passed") == "Godkänt"  # the quizzes app's word
        assert translation.gettext("Verification code") == "Kontrollkod"  # the certificates app's
        assert translation.gettext("Attended") == "Närvarade"  # the requirements app's
        assert str(privacy.key_labels()["passed"]) == "Godkänt"
        assert str(privacy.key_labels()["verification_code"]) == "Kontrollkod"
