"""The report to the council as a PDF, through the certificates' WeasyPrint pipeline
(lms/certificates/rendering.py): the same fonts, the same fetcher that reaches no network, and the
same tagged PDF/A-2a file that also declares PDF/UA-1."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from lms.certificates.rendering import (
    PDF_VARIANT,
    declare_pdf_ua,
    html_to_pdf,
    image_data_uri,
    pdf_language,
    site_logo,
    stylesheet,
)

from .selectors import CouncilReportData

PDF_TEMPLATE = "plans/pdf/council_report.html"
PDF_STYLESHEET = "plans/pdf/council_report.css"


def written_text(text: str) -> str:
    """A text written in the admin as paragraphs, escaped; empty stays empty."""
    return mark_safe(linebreaks(text, autoescape=True)) if text.strip() else ""  # noqa: S308 escaped here


def report_html(template: str, context: dict) -> str:
    """A made report's markup in the organisation's language, with its logo, name and language."""
    with translation.override(pdf_language()):
        return render_to_string(
            template,
            {
                **context,
                "logo": image_data_uri(site_logo()),
                "organisation": organisation_name(),
                "language": pdf_language(),
            },
        )


def report_pdf(html: str, *stylesheets: str) -> bytes:
    """The tagged PDF/A-2a (declaring PDF/UA-1) of a made report: the council report's stylesheet, then
    ``stylesheets`` (templates) of its own."""
    css = [stylesheet(render_to_string(name)) for name in (PDF_STYLESHEET, *stylesheets)]
    return html_to_pdf(html, stylesheets=css, pdf_variant=PDF_VARIANT, finisher=declare_pdf_ua)


def council_report_html(*, report, data: CouncilReportData) -> str:
    return report_html(
        PDF_TEMPLATE,
        {
            "report": report,
            "data": data,
            "introduction": written_text(report.introduction),
            "conclusion": written_text(report.conclusion),
        },
    )


def organisation_name() -> str:
    from lms.core.models import SiteSettings

    site_settings = SiteSettings.objects.filter(site__is_default_site=True).first()
    return site_settings.organisation_name if site_settings else ""


def council_report_pdf(*, report, data: CouncilReportData) -> bytes:
    return report_pdf(council_report_html(report=report, data=data))
