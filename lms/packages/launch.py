"""The signed launch: what lets a sandboxed package frame load its files and its runtime post its data.

The frame has no origin of its own (sandbox without allow-same-origin), so the browser sends it no
session cookie: the package's files are fetched by a URL that carries a launch token instead, signed by
the server, naming the learner and the lesson, valid for a working day. A token found
elsewhere opens that package's files and that learner's resume state for that day, nothing more: the
commits it names are refused unless the signed-in learner is the token's own (``views.commit_view``)."""

from dataclasses import dataclass

from django.core import signing

SALT = "lms.packages.launch"
MAX_AGE = 8 * 60 * 60


@dataclass(frozen=True)
class Launch:
    user_id: int
    lesson_id: int


def launch_token(*, user_id: int, lesson_id: int) -> str:
    return signing.dumps([user_id, lesson_id], salt=SALT, compress=False)


def read_launch(token: str) -> Launch | None:
    """The launch a token names, or None if it is forged, altered or expired."""
    if not isinstance(token, str) or len(token) > 300:
        return None
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        return None
    return Launch(*value)
