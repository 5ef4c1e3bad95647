"""What a package's runtime sends, read into bounded values: SCORM 1.2 and 2004 commits (scorm-again's
flattened CMI, ``{"cmi.core.lesson_status": "completed", …}``) and H5P's xAPI statements. Pure functions:
nothing here writes. Each problem found is named in ``Reading.problems`` for the log; what is bad is left
out or clamped, never guessed."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .models import PackageKind

SUSPEND_LIMITS = {PackageKind.SCORM12: 4096, PackageKind.SCORM2004: 64000, PackageKind.H5P: 64000}
LOCATION_LIMITS = {PackageKind.SCORM12: 255, PackageKind.SCORM2004: 1000, PackageKind.H5P: 1000}
MAX_KEYS = 2000  # a commit of more keys than this is refused whole
MAX_INTERACTIONS = 250
MAX_SESSION_SECONDS = 24 * 60 * 60
INTERACTION_FIELDS = {  # field -> longest kept
    "id": 255,
    "type": 32,
    "description": 500,
    "learner_response": 4000,
    "result": 32,
    "timestamp": 64,
    "latency": 64,
    "weighting": 32,
}

COMPLETION_12 = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
COMPLETION_2004 = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_2004 = {"passed", "failed", "unknown"}


@dataclass
class Reading:
    """A commit read: only what was sent and valid is set (None: not sent or refused)."""

    completion_status: str | None = None
    success_status: str | None = None
    score_raw: Decimal | None = None
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    score_scaled: Decimal | None = None
    session_seconds: int | None = None
    location: str | None = None
    suspend_data: str | None = None
    interactions: dict[str, dict] = field(default_factory=dict)  # by id
    problems: list[str] = field(default_factory=list)


class MalformedCommit(ValueError):
    """A commit not shaped as one at all: refused whole."""


def _decimal(value, name: str, reading: Reading, low=None, high=None) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        reading.problems.append(f"{name}: not a number")
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e7"):
        reading.problems.append(f"{name}: out of range")
        return None
    if low is not None and number < low:
        reading.problems.append(f"{name}: {number} clamped to {low}")
        number = Decimal(low)
    if high is not None and number > high:
        reading.problems.append(f"{name}: {number} clamped to {high}")
        number = Decimal(high)
    return number.quantize(Decimal("0.0001") if name.endswith("scaled") else Decimal("0.01"))


_TIME_12 = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
_TIME_2004 = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$")


def parse_session_time(value: str, kind: str) -> int | None:
    """Seconds of a SCORM 1.2 timespan (HHHH:MM:SS.SS) or a 2004 ISO 8601 duration (PT1H2M3S), or None."""
    value = (value or "").strip()
    if kind == PackageKind.SCORM12:
        match = _TIME_12.match(value)
        if not match:
            return None
        return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3])
    match = _TIME_2004.match(value)
    if not match or value in ("P", "PT") or value.endswith("T"):
        return None
    years, months, days, hours, minutes = (int(g or 0) for g in match.groups()[:5])
    seconds = float(match[6] or 0)
    return int(((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds)


def _text(value, limit: int, name: str, reading: Reading) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        reading.problems.append(f"{name}: not text")
        return None
    text = str(value)
    if len(text) > limit:
        reading.problems.append(f"{name}: {len(text)} characters, over {limit}: refused")
        return None
    return text


def read_commit(data, kind: str) -> Reading:
    """A SCORM commit (flattened CMI) as a Reading. Raises MalformedCommit on something not a commit."""
    if not isinstance(data, dict) or len(data) > MAX_KEYS or not all(isinstance(k, str) for k in data):
        raise MalformedCommit("not a flat object of CMI keys")
    reading = Reading()
    is_12 = kind == PackageKind.SCORM12
    prefix = "cmi.core." if is_12 else "cmi."
    if is_12:
        status = data.get("cmi.core.lesson_status")
        if status is not None:
            if status in COMPLETION_12:
                reading.completion_status = status
            else:
                reading.problems.append(f"lesson_status: unknown value {str(status)[:40]!r}")
    else:
        for key, allowed, attr in (
            ("cmi.completion_status", COMPLETION_2004, "completion_status"),
            ("cmi.success_status", SUCCESS_2004, "success_status"),
        ):
            value = data.get(key)
            if value is None:
                continue
            if value in allowed:
                setattr(reading, attr, value)
            else:
                reading.problems.append(f"{key}: unknown value {str(value)[:40]!r}")
        reading.score_scaled = _decimal(data.get("cmi.score.scaled"), "score.scaled", reading, -1, 1)
    high = 100 if is_12 else None
    reading.score_min = _decimal(data.get(f"{prefix}score.min"), "score.min", reading, 0 if is_12 else None, high)
    reading.score_max = _decimal(data.get(f"{prefix}score.max"), "score.max", reading, 0 if is_12 else None, high)
    low_raw = reading.score_min if reading.score_min is not None else (0 if is_12 else None)
    high_raw = reading.score_max if reading.score_max is not None else high
    reading.score_raw = _decimal(data.get(f"{prefix}score.raw"), "score.raw", reading, low_raw, high_raw)
    session = data.get(f"{prefix}session_time")
    if session not in (None, ""):
        seconds = parse_session_time(str(session), kind)
        if seconds is None:
            reading.problems.append(f"session_time: malformed {str(session)[:40]!r}")
        else:
            if seconds > MAX_SESSION_SECONDS:
                reading.problems.append(f"session_time: {seconds} s clamped to {MAX_SESSION_SECONDS}")
            reading.session_seconds = min(seconds, MAX_SESSION_SECONDS)
    location_key = "cmi.core.lesson_location" if is_12 else "cmi.location"
    reading.location = _text(data.get(location_key), LOCATION_LIMITS[kind], "location", reading)
    reading.suspend_data = _text(data.get("cmi.suspend_data"), SUSPEND_LIMITS[kind], "suspend_data", reading)
    reading.interactions = _interactions(data, is_12, reading)
    return reading


_INTERACTION_KEY = re.compile(r"^cmi\.interactions\.(\d{1,4})\.([a-z_]+)$")


def _interactions(data: dict, is_12: bool, reading: Reading) -> dict[str, dict]:
    by_index: dict[int, dict] = {}
    for key, value in data.items():
        match = _INTERACTION_KEY.match(key)
        if not match:
            continue
        name = "learner_response" if match[2] == "student_response" else match[2]
        if name == "time":
            name = "timestamp"
        if name not in INTERACTION_FIELDS or not isinstance(value, str | int | float):
            continue
        by_index.setdefault(int(match[1]), {})[name] = str(value)[: INTERACTION_FIELDS[name]]
    result: dict[str, dict] = {}
    for index in sorted(by_index)[:MAX_INTERACTIONS]:
        item = by_index[index]
        if item.get("id"):
            result[item["id"]] = item
    if len(by_index) > MAX_INTERACTIONS:
        reading.problems.append(f"interactions: {len(by_index)}, kept the first {MAX_INTERACTIONS}")
    return result


XAPI_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
XAPI_PASSED = "http://adlnet.gov/expapi/verbs/passed"
XAPI_FAILED = "http://adlnet.gov/expapi/verbs/failed"
XAPI_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def read_h5p(data) -> Reading:
    """What the H5P player sends: an xAPI statement, or ``{"state": …}``, the content type's own resume
    state (its ``getCurrentState()`` as JSON text), kept as the attempt's suspend data."""
    if isinstance(data, dict) and set(data) == {"state"}:
        reading = Reading()
        reading.suspend_data = _text(data["state"], SUSPEND_LIMITS[PackageKind.H5P], "state", reading)
        return reading
    return read_xapi(data)


def read_xapi(statement) -> Reading:
    """An H5P xAPI statement (as H5P's externalDispatcher gives it) as a Reading."""
    if not isinstance(statement, dict) or not isinstance(statement.get("verb"), dict):
        raise MalformedCommit("not an xAPI statement")
    verb = statement["verb"].get("id")
    if not isinstance(verb, str):
        raise MalformedCommit("no verb")
    reading = Reading()
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    reading.score_min = _decimal(score.get("min"), "score.min", reading)
    reading.score_max = _decimal(score.get("max"), "score.max", reading)
    reading.score_raw = _decimal(score.get("raw"), "score.raw", reading, reading.score_min, reading.score_max)
    reading.score_scaled = _decimal(score.get("scaled"), "score.scaled", reading, -1, 1)
    success = result.get("success")
    if verb in (XAPI_COMPLETED, XAPI_PASSED, XAPI_FAILED, XAPI_ANSWERED) and (
        result.get("completion") is True or verb != XAPI_ANSWERED
    ):
        reading.completion_status = "completed"
    if verb == XAPI_PASSED or (success is True and reading.completion_status):
        reading.success_status = "passed"
    elif verb == XAPI_FAILED or (success is False and reading.completion_status):
        reading.success_status = "failed"
    duration = result.get("duration")
    if isinstance(duration, str):
        reading.session_seconds = parse_session_time(duration, PackageKind.SCORM2004)
    obj = statement.get("object") if isinstance(statement.get("object"), dict) else {}
    definition = obj.get("definition") if isinstance(obj.get("definition"), dict) else {}
    if verb == XAPI_ANSWERED and isinstance(obj.get("id"), str):
        description = definition.get("description") if isinstance(definition.get("description"), dict) else {}
        text = next((v for v in description.values() if isinstance(v, str)), "")
        item = {
            "id": obj["id"][: INTERACTION_FIELDS["id"]],
            "type": str(definition.get("interactionType", ""))[:32],
            "description": text[: INTERACTION_FIELDS["description"]],
            "learner_response": str(result.get("response", ""))[: INTERACTION_FIELDS["learner_response"]],
        }
        if success is not None:
            item["result"] = "correct" if success else "incorrect"
        reading.interactions = {item["id"]: item}
    return reading


def score_percent(*, score_scaled, score_raw, score_min, score_max) -> Decimal | None:
    """A reported score as a percentage: the scaled score (-1..1) where given, else the raw score within
    its range (SCORM 1.2's default range is 0-100)."""
    if score_scaled is not None:
        return max(Decimal(0), score_scaled * 100)
    if score_raw is None:
        return None
    low = score_min if score_min is not None else Decimal(0)
    high = score_max if score_max is not None else Decimal(100)
    if high <= low:
        return None
    return max(Decimal(0), min(Decimal(100), (score_raw - low) * 100 / (high - low)))


def judged_by_mastery(
    *, kind: str, completion_status: str, success_status: str, percent: Decimal | None, mastery: Decimal | None
) -> tuple[str, str]:
    """SCORM's rule for a package with a mastery score (1.2's ``adlcp:masteryscore``, 2004's minimum
    normalised measure): once it reports a score, the platform, not the package, says passed or failed.
    SCORM 1.2 carries it in the one ``lesson_status``, once the learner has finished (completed, passed
    or failed); 2004 in ``success_status``. Returns (completion_status, success_status)."""
    if mastery is None or percent is None or kind not in (PackageKind.SCORM12, PackageKind.SCORM2004):
        return completion_status, success_status
    verdict = "passed" if percent >= mastery else "failed"
    if kind == PackageKind.SCORM12:
        finished = completion_status in ("completed", "passed", "failed")
        return (verdict if finished else completion_status), success_status
    return completion_status, verdict


def is_done(*, kind: str, completion_status: str, success_status: str, rule: str) -> bool:
    """Whether the lesson is done by what the package reported (``CompletionRule``): SCORM 1.2's one
    ``lesson_status`` carries both (passed, completed, failed); 2004 and H5P report them apart."""
    if kind == PackageKind.SCORM12:
        return completion_status == "passed" or (rule == "completed" and completion_status == "completed")
    if success_status == "passed":
        return True
    return rule == "completed" and completion_status == "completed" and success_status != "failed"
