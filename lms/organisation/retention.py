"""The organisation app's record types for the records-management plan: people's names and contact
details (anonymised: what a fixed LMS_RETENTION_DAYS_AFTER_LEAVING did before) and the audit log (HR
import files are lms.imports'). Registered from this app's AppConfig.ready()."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import Person

PEOPLE = "people"
AUDIT_LOG = "audit_log"


def _anonymise_people(rows) -> int:
    from .services import RETENTION_REASON, person_erase

    erased = 0
    for person in rows.order_by("pk").iterator(chunk_size=500):
        person_erase(person=person, reason=str(RETENTION_REASON))
        erased += 1
    return erased


def audit_log_about(person):
    """The audit-log entries about a person or their account."""
    return ModelLogEntry.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))
        | Q(content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(person.user_id))
    )


def _delete_log_entries(rows) -> int:
    return rows.delete()[0]


register_record_type(
    RecordType(
        key=PEOPLE,
        label=_("People's names and contact details"),
        description=_(
            "Name, e-mail, username and employee number of people who have left. Anonymised: the person stays "
            "in the figures without them, and the account can no longer sign in."
        ),
        disposal=Disposal.ANONYMISE,
        rows=lambda: Person.objects.filter(is_active=False, erased_at__isnull=True),
        events={RetentionEvent.PERSON_LEFT: "deactivated_at"},
        dispose=_anonymise_people,
        person_rows=lambda person: Person.objects.filter(pk=person.pk),
        order=40,
    )
)
register_record_type(
    RecordType(
        key=AUDIT_LOG,
        label=_("Audit log"),
        description=_("Who did what in the admin and when (Wagtail's log of changes to records). Deleted."),
        disposal=Disposal.DELETE,
        rows=ModelLogEntry.objects.all,
        events={RetentionEvent.CREATED: "timestamp"},
        dispose=_delete_log_entries,
        person_rows=audit_log_about,
        order=90,
    )
)
