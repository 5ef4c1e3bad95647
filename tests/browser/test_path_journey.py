"""In real Chromium, without JavaScript: the demo politician (``politiker``) finds the learning path
"Introduktion för förtroendevalda" in Mina kurser, sees the second course locked until the first is
done (its lessons refuse with the way to the first), completes all three courses and downloads the
path certificate, then verifies it on the public page.

It writes as ``politiker`` (the issue asks for the demo politician): only the path's own three courses,
which no other test reads."""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from lms.organisation.demo import DEMO_PASSWORD
from lms.organisation.models import Person
from lms.paths import services as path_services
from lms.paths.models import PathCertificate
from tests.badges.conftest import SCHEMA
from tests.badges.helpers import payload_of, verify_with_jwks
from tests.browser.test_learner_journey import answer_rightly

pytestmark = pytest.mark.browser

PATH = "Introduktion för förtroendevalda"
COURSES = ["Det politiska uppdraget", "Att fatta beslut i nämnden", "Medborgardialog och demokratisamtal"]


def take_course(tab, person, step: int, path_url: str) -> None:
    """From the path page: the step's course, its lessons, its quiz; back on the path page. By position:
    a later step's lock note names the course before it."""
    tab.get_by_test_id("path-step").nth(step).get_by_role("link", name=COURSES[step], exact=True).click()
    tab.get_by_role("button", name=re.compile("Starta kursen|Fortsätt där du slutade")).click()
    while (more := tab.get_by_role("button", name="Markera som klar och fortsätt")).count():
        more.click()
    tab.get_by_role("button", name="Markera som klar").click()
    tab.get_by_role("button", name="Starta testet").click()
    answer_rightly(tab, person)
    tab.get_by_role("button", name="Lämna in svaren").click()
    assert tab.get_by_test_id("quiz-result").inner_text() == "Godkänt"
    tab.goto(path_url)


def test_politician_walks_the_path_to_its_certificate(browser, demo_server, demo):
    person = Person.objects.get(user__username="politiker")
    context = browser.new_context(
        locale="sv-SE", base_url=demo_server.url, java_script_enabled=False, accept_downloads=True
    )
    tab = context.new_page()
    tab.goto("/konto/logga-in/?next=/mina-kurser/")
    tab.get_by_label("Användarnamn").fill("politiker")
    tab.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Logga in").click()

    # Mina kurser: the path, and the second course's card says what to do first.
    paths = tab.get_by_test_id("my-paths")
    assert "0 av 3 kurser klara" in paths.inner_text()
    card = tab.locator(".card").filter(has=tab.get_by_role("heading", name=COURSES[1]))
    assert COURSES[0] in card.get_by_test_id("course-locked").inner_text()
    paths.get_by_role("link", name=PATH).click()
    path_url = tab.url

    steps = tab.get_by_test_id("path-step")
    assert [steps.nth(i).get_attribute("data-state") for i in range(3)] == ["not_started", "locked", "locked"]
    # The second course's lesson refuses, naming the way on.
    tab.get_by_test_id("path-step").nth(1).get_by_role("link", name=COURSES[1]).click()
    assert tab.get_by_role("button", name=re.compile("Starta kursen")).count() == 0
    lesson = tab.get_by_role("link", name="Från ärende till beslut")
    assert lesson.count() == 0  # no link into a locked course's lessons
    response = tab.goto(tab.url.rstrip("/") + "/fran-arende-till-beslut/")
    assert response.status == 403
    locked = tab.get_by_test_id("course-locked")
    assert "Gör först" in locked.inner_text() and COURSES[0] in locked.inner_text()
    tab.goto(path_url)

    take_course(tab, person, 0, path_url)
    assert [steps.nth(i).get_attribute("data-state") for i in range(3)] == ["completed", "not_started", "locked"]
    take_course(tab, person, 1, path_url)
    take_course(tab, person, 2, path_url)
    assert [steps.nth(i).get_attribute("data-state") for i in range(3)] == ["completed"] * 3

    # Celery runs eagerly here: the path certificate was rendered when the last completion committed.
    certificate = PathCertificate.objects.get(person=person, path__title=PATH)
    with tab.expect_download() as download_info:
        tab.get_by_test_id("path-certificate").click()
    with open(download_info.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    tab.goto(f"/intyg/verifiera/{certificate.display_code}/")
    assert tab.get_by_role("heading", name="Intyget är giltigt").is_visible()
    assert tab.get_by_text(PATH).is_visible() and tab.get_by_text(person.full_name).is_visible()

    # Its Open Badge, beside the PDF on the path's page.
    tab.goto(path_url)
    shoot(tab, "path-page")
    with tab.expect_download() as download_info:
        tab.get_by_test_id("open-badge").click()
    badge = Path(download_info.value.path())
    assert download_info.value.suggested_filename == f"open-badge-{certificate.display_code}.jwt"
    token = badge.read_text("utf-8")
    check_against_schema(payload_of(token))
    jwks = tab.request.get("/intyg/open-badges/nycklar/").json()
    claims = verify_with_jwks(token, jwks)  # the published key, as anyone offline would
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == person.full_name
    assert claims["credentialSubject"]["achievement"]["name"] == PATH

    verdict = upload_badge(tab, badge)
    assert verdict.get_attribute("data-status") == "valid"
    assert verdict.get_by_role("heading", name="Open Badge-intyget är giltigt").is_visible()
    assert PATH in verdict.inner_text() and person.full_name in verdict.inner_text()
    shoot(tab, "badge-valid")
    tab.goto("/intyg/")
    shoot(tab, "my-certificates")

    path_services.path_certificate_revoke(certificate=certificate, reason="Registrerad av misstag")
    verdict = upload_badge(tab, badge)
    assert verdict.get_attribute("data-status") == "revoked"
    assert verdict.get_by_role("heading", name="Open Badge-intyget har återkallats").is_visible()
    assert "Registrerad av misstag" not in tab.content()
    status = tab.request.get(urlsplit(claims["credentialStatus"]["id"]).path)
    assert status.json()["revokedCredentials"] == [{"id": claims["id"]}]
    shoot(tab, "badge-revoked")
    # The learner is offered no badge for a revoked certificate.
    tab.goto(path_url)
    assert tab.get_by_test_id("open-badge").count() == 0
    context.close()


def check_against_schema(payload: dict) -> None:
    from jsonschema import Draft201909Validator

    validator = Draft201909Validator(json.loads(SCHEMA.read_text("utf-8")))
    assert sorted(validator.iter_errors(payload), key=str) == []


def upload_badge(tab, badge: Path):
    """The public page, signed in or not: the file chosen and sent, without JavaScript."""
    tab.goto("/intyg/open-badges/verifiera/")
    tab.get_by_label("Eller välj filen").set_input_files(str(badge))
    tab.get_by_role("button", name="Kontrollera").click()
    return tab.get_by_test_id("badge-verdict")


def shoot(tab, name: str) -> None:
    """Screenshots of the page at a phone's and a desktop's width, when LMS_SCREENSHOTS names a folder."""
    folder = os.environ.get("LMS_SCREENSHOTS")
    if not folder:
        return
    size = tab.viewport_size
    for width in (390, 1366):
        tab.set_viewport_size({"width": width, "height": 900})
        tab.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    tab.set_viewport_size(size)
