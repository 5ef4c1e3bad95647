"""The statement's feedback form: a plain POST that works without JavaScript, stores the message
and tells the editors on commit; bad input, a missing CSRF token or too many messages store nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from lms.access.roles import EDITORS_GROUP
from lms.accessibility import services
from lms.accessibility.forms import MESSAGE_MAX_LENGTH
from lms.accessibility.models import AccessibilityFeedback
from tests.factories import PersonFactory, UserFactory

from .conftest import soup

pytestmark = pytest.mark.django_db

MESSAGE = "Knappen Starta kursen går inte att nå med tangentbordet på min telefon."


def _form(**fields):
    return {"message": MESSAGE, "page_url": "/kurser/likabehandling/", "name": "", "email": "", **fields}


def test_a_message_is_stored_and_the_editors_told_on_commit(client, statement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(statement.url, _form(name="Kim Läsare", email="kim@example.se"))
    assert response.status_code == 302 and response["Location"] == statement.url
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.page_url, feedback.name, feedback.email) == (
        MESSAGE,
        "/kurser/likabehandling/",
        "Kim Läsare",
        "kim@example.se",
    )
    assert feedback.user is None and not feedback.handled and feedback.notified_at is not None
    assert len(callbacks) == 1  # the mail waits for the commit
    [sent] = mail.outbox
    assert sent.to == ["tillganglighet@example.se"]  # the statement's published address
    assert sent.reply_to == ["kim@example.se"]  # answering the mail answers the sender
    assert sent.subject.startswith("Synpunkt på tillgängligheten mottagen")
    assert MESSAGE in sent.body and f"/admin/accessibility/feedback/edit/{feedback.pk}/" in sent.body
    # Back on the page, the thanks is shown (no JavaScript involved: a redirect and a message).
    page = soup(client.get(response["Location"]))
    assert "Tack! Vi har tagit emot ditt meddelande och svarar till den e-postadress du angav." in page.get_text()


def test_a_broker_out_of_reach_still_thanks_the_reader_and_keeps_the_message(
    client, statement, django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from lms.accessibility import tasks

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.notify_feedback_task, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(statement.url, _form())
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().notified_at is None  # shown as not announced in the admin
    assert mail.outbox == []


def test_the_mail_goes_out_once_even_if_the_task_runs_twice(statement):
    feedback = AccessibilityFeedback.objects.create(message=MESSAGE)
    assert services.feedback_notify(feedback_id=feedback.pk) is True
    assert services.feedback_notify(feedback_id=feedback.pk) is False
    assert len(mail.outbox) == 1


def test_without_a_published_address_the_editors_are_told(statement):
    statement.feedback_email = ""
    statement.save_revision().publish()
    editors = Group.objects.get(name=EDITORS_GROUP)
    for email in ("redaktor1@example.se", "redaktor2@example.se", ""):
        UserFactory(email=email).groups.add(editors)
    UserFactory(email="gone@example.se", is_active=False).groups.add(editors)
    UserFactory(email="learner@example.se")  # not an editor
    feedback = AccessibilityFeedback.objects.create(message=MESSAGE)
    assert services.feedback_notify(feedback_id=feedback.pk) is True
    assert mail.outbox[0].to == ["redaktor1@example.se", "redaktor2@example.se"]
    assert mail.outbox[0].reply_to == []


def test_with_nobody_to_tell_the_message_stays_unannounced(statement):
    statement.feedback_email = ""
    statement.save_revision().publish()
    feedback = AccessibilityFeedback.objects.create(message=MESSAGE)
    assert services.feedback_notify(feedback_id=feedback.pk) is False
    feedback.refresh_from_db()
    assert feedback.notified_at is None and mail.outbox == []


def test_a_signed_in_sender_is_linked_to_their_account(client, statement):
    person = PersonFactory()
    client.force_login(person.user)
    client.post(statement.url, _form())
    assert AccessibilityFeedback.objects.get().user == person.user


def test_the_form_is_prefilled_with_the_page_the_reader_came_from(client, statement):
    page = soup(client.get(statement.url, HTTP_REFERER="http://testserver/kurser/?q=demokrati"))
    assert page.select_one("input[name=page_url]")["value"] == "/kurser/"
    other_site = soup(client.get(statement.url, HTTP_REFERER="https://elsewhere.example/spy/"))
    assert not other_site.select_one("input[name=page_url]").get("value")


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"message": ""}, "Ditt meddelande: Skriv vad ditt meddelande gäller."),
        ({"message": "   \n  "}, "Skriv vad ditt meddelande gäller."),
        ({"message": "x" * (MESSAGE_MAX_LENGTH + 1)}, "Ditt meddelande"),
        ({"email": "inte-en-adress"}, "Din e-postadress (frivilligt)"),
        ({"name": "N" * 201}, "Ditt namn (frivilligt)"),
        ({"page_url": "/" + "a" * 500}, "Sidan det gäller"),
        ({"message": "nul\x00tecken"}, "Ditt meddelande"),
    ],
)
def test_bad_input_is_explained_and_stores_nothing(client, statement, fields, error):
    response = client.post(statement.url, _form(**fields))
    assert response.status_code == 400
    summary = soup(response).select_one(".error-summary")
    assert summary is not None and error in summary.get_text()
    assert AccessibilityFeedback.objects.count() == 0 and mail.outbox == []
    # What the reader typed is kept for them to correct.
    if fields.get("email"):
        assert soup(response).select_one("input[name=email]")["value"] == fields["email"]


def test_a_post_without_the_csrf_token_is_refused(statement):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(statement.url, _form())
    assert response.status_code == 403
    assert AccessibilityFeedback.objects.count() == 0


def test_with_the_csrf_token_a_form_without_javascript_is_accepted(statement):
    strict = Client(enforce_csrf_checks=True)
    page = soup(strict.get(statement.url))
    token = page.select_one("#feedback-form input[name=csrfmiddlewaretoken]")["value"]
    response = strict.post(statement.url, {**_form(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1


def test_too_many_messages_from_one_address_are_refused(client, statement, settings):
    settings.LMS_ACCESSIBILITY_FEEDBACK_RATE = "3/h"
    for _ in range(3):
        assert client.post(statement.url, _form()).status_code == 302
    refused = client.post(statement.url, _form())
    assert refused.status_code == 429
    assert "Du har skickat många meddelanden på kort tid" in soup(refused).select_one(".error-summary").get_text()
    assert AccessibilityFeedback.objects.count() == 3
    other_address = client.post(statement.url, _form(), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 302
    assert client.get(statement.url).status_code == 200  # reading the page is never limited
