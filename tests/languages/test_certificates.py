"""The certificate is issued in the language the learner chose: the course's title and the template's words
in that language where translated (else the source's), the labels in our interface language nearest it
(else Swedish), and the PDF declares that language. One certificate per enrolment, whatever the language."""

import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lms.badges import credentials
from lms.badges.sources import COURSE
from lms.certificates import rendering, services
from lms.certificates.models import Certificate, CertificateTemplate
from lms.completions.services import completion_mark
from lms.courses.models import Enrolment
from tests.badges.helpers import payload_of
from tests.certificates.factories import CertificateTemplateFactory, make_certificate_course, make_learner
from tests.factories import UserFactory
from tests.languages.factories import translate

pytestmark = pytest.mark.django_db

ENGLISH_TEMPLATE = {
    "Intyg": "Certificate",
    "{name} har genomfört {course} den {completed_on}. Giltigt till {valid_until}. Utfärdat av {organisation}, "
    "kod {code}.": "{name} has completed {course} on {completed_on}. Valid until {valid_until}. Issued by "
    "{organisation}, code {code}.",
    "HR-direktör": "Director of Human Resources",
}


def pdf_text(certificate) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(certificate.pdf.read()))
    return str(reader.trailer["/Root"]["/Lang"]), reader.pages[0].extract_text()


@pytest.fixture
def course(home_page):
    template = CertificateTemplateFactory(name="Standardintyg")
    course, lessons = make_certificate_course(title="Demokrati i vardagen", template=template, validity_months=None)
    course.test_lessons = lessons
    return course


def complete_in(client, person, lessons, language: str, captured):
    """As the learner does it: choose the language, then mark each lesson done through the site."""
    client.force_login(person.user)
    assert client.post("/kurssprak/", {"language": language, "next": "/"}).status_code == 302
    with captured(execute=True):  # the certificate is issued and rendered on commit
        for lesson in lessons:
            assert client.post(f"/kurser/lektion/{lesson.pk}/klar/").status_code == 302
    return Enrolment.objects.get(person=person)


def test_an_english_certificate_prints_the_english_title_text_and_labels(
    client, course, django_capture_on_commit_callbacks
):
    translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    translate(CertificateTemplate.objects.get(), "en", ENGLISH_TEMPLATE)
    person = make_learner(email="anna@example.se")

    enrolment = complete_in(client, person, course.test_lessons, "en", django_capture_on_commit_callbacks)

    assert enrolment.completed_language == "en" and Enrolment.objects.count() == 1
    certificate = Certificate.objects.get()
    assert (certificate.course_id, certificate.language, certificate.enrolment_id) == (course.pk, "en", enrolment.pk)
    lang, text = pdf_text(certificate)
    assert lang == "en"
    assert "Democracy every day" in text and "Demokrati i vardagen" not in text
    assert "Certificate" in text and "Director of Human Resources" in text and "until further notice" in text
    assert "Valid until" in text and "Giltigt till" not in text and "Verify the certificate:" in text
    # The verification page names the course as printed, in its language.
    page = BeautifulSoup(
        client.get(reverse("certificates:verify_code", args=[certificate.display_code])).content, "html.parser"
    )
    title = next(dd for dd in page.select(".verify-facts dd") if dd.text == "Democracy every day")
    assert title["lang"] == "en"


def test_without_translations_the_source_words_say_they_are_swedish(course):
    """A Finnish certificate of a course and template not translated into Finnish: the document is Finnish
    (/Lang fi), the title and text Swedish, and the labels Swedish too (our interface has no Finnish), each
    marked lang="sv"."""
    person = make_learner()
    person.content_language = "fi"
    person.save()
    enrolment = completion_mark(
        person=person, course=course, completed_on=timezone.localdate(), reason="Papperslista", by=None
    ).enrolment
    assert enrolment.completed_language == ""  # marked by hand: not recorded
    certificate = services.certificate_issue(enrolment=enrolment)
    assert certificate.language == "fi"  # the person's chosen language, as no completing request said one

    template = certificate.template.in_language("fi")
    html = rendering.certificate_html(template=template, data=services.certificate_data(certificate))
    page = BeautifulSoup(html, "html.parser")
    assert (page.html["lang"], page.html["dir"]) == ("fi", "ltr")
    assert page.select_one(".course")["lang"] == "sv" and page.select_one(".course").text == "Demokrati i vardagen"
    assert page.h1["lang"] == "sv" and page.select_one(".body")["lang"] == "sv"
    assert page.select_one(".dates")["lang"] == "sv" and "Giltigt till" in page.select_one(".dates").text

    lang, text = pdf_text(services.certificate_render(certificate=certificate))
    assert lang == "fi" and "Intyg" in text


def test_a_template_is_printed_in_its_translation_else_its_source(course):
    source = CertificateTemplate.objects.get()
    english = translate(source, "en", ENGLISH_TEMPLATE)
    assert english.translation_key == source.translation_key and english.pk != source.pk
    assert english.name == source.name and english.signatory_name == source.signatory_name  # synchronised
    assert source.in_language("en") == english and english.in_language("en") == english
    assert source.in_language("fi") == source and english.in_language("sv") == source
    # Courses and new courses name the source.
    assert CertificateTemplate.default_for_new_courses() == source


def test_swedish_certificates_print_as_before(client, course, django_capture_on_commit_callbacks):
    person = make_learner(email="sven@example.se")
    complete_in(client, person, course.test_lessons, "sv", django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    lang, text = pdf_text(certificate)
    assert (certificate.language, lang) == ("sv", "sv")
    assert "Demokrati i vardagen" in text and "Giltigt till" in text and "tills vidare" in text


def test_the_open_badge_names_the_course_as_the_certificate_prints_it(
    client, course, django_capture_on_commit_callbacks
):
    translate(course, "en", {"Demokrati i vardagen": "Democracy every day", "Om Demokrati i vardagen.": "About it."})
    person = make_learner(email="anna@example.se")
    complete_in(client, person, course.test_lessons, "en", django_capture_on_commit_callbacks)

    payload = payload_of(credentials.badge_for(COURSE, Certificate.objects.get()))
    achievement = payload["credentialSubject"]["achievement"]
    assert (achievement["name"], achievement["description"], achievement["inLanguage"]) == (
        "Democracy every day",
        "About it.",
        "en",
    )
    assert achievement["criteria"]["narrative"].startswith("Course completed on the training platform of")
    assert achievement["id"].endswith(course.url)  # the course itself, not its translation


def test_editors_translate_templates_in_the_admin(client, course):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    source = CertificateTemplate.objects.get()
    response = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list"))
    assert response.status_code == 200
    translate_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["certificates", "certificatetemplate", source.pk]
    )
    assert translate_url in response.content.decode()
    assert client.get(translate_url).status_code == 200
    english = translate(source, "en", ENGLISH_TEMPLATE)
    response = client.get(reverse("certificates_template_preview", args=[english.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "en" and "Certificate" in reader.pages[0].extract_text()


def test_a_second_template_of_the_same_name_is_refused_in_the_form(client, course):
    """Names are unique per locale (translations share their source's): a clear form error, not a 500."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_certificates_certificatetemplate:add")
    data = {"name": "Standardintyg", "heading": "Intyg", "body": "{name}", "accent_colour": "#00507a"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Det finns redan en intygsmall med det namnet."]
    assert CertificateTemplate.objects.count() == 1
    assert client.post(url, {**data, "name": "Kortintyg"}).status_code == 302
    assert CertificateTemplate.objects.get(name="Kortintyg").locale.language_code == "sv"
