"""setup_platform (issue 27, item 2): it never reports success without an administrator, and its
--hostname is the address of every absolute URL the platform writes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from home.models import HomePage
from lms.access.roles import EDITORS_GROUP
from lms.accessibility import services as accessibility_services
from lms.accessibility.models import AccessibilityFeedback
from lms.certificates import rendering
from lms.certificates.models import Certificate
from lms.core.addresses import absolute_url, base_url
from lms.courses import services as course_services
from lms.requirements import services as requirement_services
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
ADDRESS = "https://utbildning.example.se"


def setup_platform(*args, **kwargs):
    call_command("setup_platform", "--organisation", "Ekbacka kommun", *args, verbosity=0, **kwargs)


@pytest.fixture
def admin_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ett-langt-losenord-for-test")


def test_without_a_terminal_it_fails_says_how_and_changes_nothing(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="createsuperuser") as refused:
        setup_platform("--admin-username", "admin", "--admin-email", "it@example.se")
    assert "DJANGO_SUPERUSER_PASSWORD" in str(refused.value)
    with pytest.raises(CommandError, match="missing: password"):
        setup_platform("--admin-username", "admin", "--admin-email", "it@example.se", "--no-input")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ett-langt-losenord-for-test")
    with pytest.raises(CommandError, match="missing: email"):
        setup_platform("--admin-username", "admin", "--no-input")
    assert not HomePage.objects.exists() and not get_user_model().objects.exists()


def test_an_administrator_that_was_not_made_is_an_error(admin_password, monkeypatch):
    """createsuperuser may return without making anyone ("Superuser creation skipped…"): not a success."""
    from django.contrib.auth.management.commands import createsuperuser

    monkeypatch.setattr(createsuperuser.Command, "handle", lambda self, *args, **options: None)
    with pytest.raises(CommandError, match="No administrator exists: nobody can sign in. Make one with"):
        setup_platform("--admin-username", "admin", "--admin-email", "it@example.se", "--no-input")


def test_an_inactive_superuser_is_no_administrator(admin_password):
    UserFactory(username="old-admin", is_superuser=True, is_active=False)
    setup_platform("--admin-username", "admin", "--admin-email", "it@example.se", "--no-input")
    assert get_user_model().objects.filter(is_superuser=True, is_active=True).get().username == "admin"


def test_with_an_administrator_it_succeeds_and_can_run_again(admin_password, monkeypatch):
    setup_platform("--admin-username", "admin", "--admin-email", "it@example.se", "--no-input")
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    setup_platform()  # an administrator exists: nothing to ask
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.parametrize(
    ("hostname", "site", "url"),
    [
        ("utbildning.example.se", ("utbildning.example.se", 443), ADDRESS),
        ("https://utbildning.example.se/", ("utbildning.example.se", 443), ADDRESS),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000), "http://127.0.0.1:8000"),
    ],
)
def test_hostname_sets_the_site_and_the_base_url(admin_password, hostname, site, url):
    setup_platform("--hostname", hostname, "--admin-username", "admin", "--admin-email", "it@example.se", "--no-input")
    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == site
    assert base_url() == url


@pytest.mark.parametrize("hostname", ["https://utbildning.example.se/kurser/", "ftp://x.example.se", "https://x:8443"])
def test_a_hostname_that_is_no_address_is_refused_before_anything_is_written(admin_password, hostname):
    with pytest.raises(CommandError, match="--hostname"):
        setup_platform(
            "--hostname", hostname, "--admin-username", "admin", "--admin-email", "it@example.se", "--no-input"
        )
    assert not HomePage.objects.exists()


def test_every_absolute_url_the_platform_writes_has_the_hostname(
    admin_password, client, django_capture_on_commit_callbacks, settings
):
    """Certificates (QR code and verification link), their mail, reminders, the password-reset mail and
    the editors' feedback mail: all on the address --hostname gave, not the request's nor the setting's."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"  # what production had unless set
    setup_platform(
        "--hostname",
        "utbildning.example.se",
        "--admin-username",
        "admin",
        "--admin-email",
        "it@example.se",
        "--no-input",
    )

    assert rendering.verification_url("7KQ4M2XD9RTFH3PA") == f"{ADDRESS}/intyg/verifiera/7KQ4-M2XD-9RTF-H3PA/"
    course, lessons = make_certificate_course()
    with django_capture_on_commit_callbacks(execute=True):
        complete(make_learner(username="vilma", email="vilma@example.se"), lessons)
    certificate = Certificate.objects.get()
    (ready,) = mail.outbox
    assert (
        f"{ADDRESS}/intyg/\n" in ready.body and f"{ADDRESS}/intyg/verifiera/{certificate.display_code}/" in ready.body
    )
    data = rendering.CertificateData("A", "B", certificate.completed_on, None, "C", certificate.code)
    html = rendering.certificate_html(template=certificate.template, data=data)
    assert rendering.qr_png_data_uri(f"{ADDRESS}/intyg/verifiera/{certificate.display_code}/") in html

    mail.outbox.clear()  # a reminder of a course due today
    learner = make_learner(username="ruben", email="ruben@example.se")
    course_services.enrolment_assign(person=learner, course=course, due_date=timezone.localdate())
    assert requirement_services.reminders_send()["learner"] == 1
    assert f"{ADDRESS}{course.url}" in mail.outbox[0].body and course.url.startswith("/")

    mail.outbox.clear()
    PersonFactory(user__username="nils", user__email="nils@example.se", user__is_staff=True)
    client.post("/konto/losenord/", {"email": "nils@example.se"}, HTTP_HOST="other.example.se")
    (message,) = mail.outbox
    links = [line for line in message.body.split() if "://" in line]
    assert links and all(link.startswith(f"{ADDRESS}/konto/losenord/") for link in links), message.body

    mail.outbox.clear()
    UserFactory(username="redaktor", email="redaktor@example.se").groups.add(Group.objects.get(name=EDITORS_GROUP))
    feedback = AccessibilityFeedback.objects.create(message="Knappen syns inte")
    assert accessibility_services.feedback_notify(feedback_id=feedback.pk)
    edit = reverse("wagtailsnippets_accessibility_accessibilityfeedback:edit", args=[feedback.pk])
    assert f"{ADDRESS}{edit}" in mail.outbox[0].body and absolute_url(edit) == f"{ADDRESS}{edit}"
