"""The forms of group sessions: starting one, the show of hands, who was present, HR's correction."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.core.forms import BoundedModelChoiceField, bounded_id

from . import selectors

MAX_PEOPLE = 500  # far above any workplace meeting; bounds the work one request can ask for


class SessionStartForm(forms.Form):
    course = BoundedModelChoiceField(queryset=None, label=_("Course"))
    org_unit = BoundedModelChoiceField(queryset=None, label=_("Unit"))
    held_on = forms.DateField(
        label=_("Date of the meeting"),
        help_text=_("YYYY-MM-DD; today, or a recent day if you record the session afterwards."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"held_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.startable_courses()
        units = selectors.units_to_lead(user=user)
        self.fields["org_unit"].queryset = units
        self.fields["org_unit"].label_from_instance = lambda unit: unit.indented_name
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk


def person_ids(values: list[str]) -> list[int] | None:
    """Ticked people's ids as posted, or None if any is not an id (or there are absurdly many)."""
    ids = [bounded_id(value) for value in values[: MAX_PEOPLE + 1]]
    if None in ids or len(ids) > MAX_PEOPLE:
        return None
    return ids


def hand_counts(post, choice_ids: list[str]) -> dict[str, int] | None:
    """The show of hands per choice id (an empty field counts 0), or None if a field is not a whole number."""
    counts = {}
    for choice_id in choice_ids:
        raw = post.get(f"count-{choice_id}", "").strip() or "0"
        if not raw.isdigit() or len(raw) > 5:
            return None
        counts[choice_id] = int(raw)
    return counts
