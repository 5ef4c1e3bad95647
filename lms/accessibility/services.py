"""Writes: a reader's feedback is stored, and the editors are told on commit."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lms.core.addresses import absolute_url

from . import selectors
from .models import AccessibilityFeedback, AccessibilityStatementPage

logger = logging.getLogger(__name__)


@transaction.atomic
def feedback_submit(*, message: str, page_url: str = "", name: str = "", email: str = "", user=None):
    """Store a message from the statement's form; the editors' notification is sent by a task once
    the row is committed. A signed-in sender's message is linked to their account (their register
    extract and erasure find it); a signed-out sender is known only by what they typed."""
    from .tasks import notify_feedback_task

    feedback = AccessibilityFeedback.objects.create(
        message=message,
        page_url=page_url,
        name=name,
        email=email,
        user=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(lambda: _ask_for_notification(notify_feedback_task, feedback.pk))
    return feedback


def _ask_for_notification(task, feedback_id: int) -> None:
    # The message is already stored: a broker that cannot be reached must not turn the reader's thanks
    # into an error page (they would send it again). The admin listing shows it was never announced.
    try:
        task.delay(feedback_id)
    except Exception:
        logger.exception("Announcing accessibility feedback %s failed", feedback_id)


@transaction.atomic
def feedback_notify(*, feedback_id: int) -> bool:
    """Tell the editors about one message, once: the row is claimed before sending and the claim
    rolls back if sending fails, so a retry sends it then and a second delivery never does."""
    recipients = selectors.feedback_recipients()
    if not recipients:
        return False  # left unclaimed: the admin listing shows it was never announced
    claimed = AccessibilityFeedback.objects.filter(pk=feedback_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    feedback = AccessibilityFeedback.objects.get(pk=feedback_id)
    admin_url = absolute_url(reverse("wagtailsnippets_accessibility_accessibilityfeedback:edit", args=[feedback.pk]))
    context = {"feedback": feedback, "admin_url": admin_url}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accessibility/email/feedback_subject.txt", context).strip()
        body = render_to_string("accessibility/email/feedback_body.txt", context)
    # Reply-To: the editors answer the sender straight from their mail program.
    EmailMessage(subject, body, to=recipients, reply_to=[feedback.email] if feedback.email else None).send()
    return True


@transaction.atomic
def statement_page_ensure(*, parent, **fields):
    """The site's statement under ``parent`` (the home page), made with the platform's own text if
    there is none yet; an existing one is left as the editors keep it. ``fields`` override the text."""
    from .content import PLATFORM_STATEMENT

    existing = AccessibilityStatementPage.objects.order_by("path").first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    page = AccessibilityStatementPage(**{**PLATFORM_STATEMENT, "assessed_on": today, "updated_on": today, **fields})
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
