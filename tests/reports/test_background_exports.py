"""Background exports start only by a POST with a CSRF token: a GET (a link, a prefetch) downloads
a short list or offers the background export with a button, and never writes anything."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.core.storage import private_storage
from lms.reports import services, tasks, views
from lms.reports.models import ExportJob
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(client, hr_user, refreshed):
    client.force_login(hr_user)
    return client


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(views, "INLINE_CSV_MAX", 1)
    monkeypatch.setattr(views, "INLINE_XLSX_MAX", 1)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("params", [{"export": "csv", "background": "1"}, {"export": "xlsx", "background": "1"}])
def test_a_get_asking_for_the_background_only_offers_it(hr, refreshed, params, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = hr.get(reverse("reports_enrolments"), params)
    assert response.status_code == 200 and callbacks == []
    assert not ExportJob.objects.exists()
    html = response.content.decode()
    assert '<form method="post"' in html and "csrfmiddlewaretoken" in html
    assert f'name="export" value="{params["export"]}"' in html
    assert f"Ta fram {params['export'].upper()} i bakgrunden" in html
    assert "Listan har fler än" not in html  # a short list, asked for in the background


@pytest.mark.parametrize("name", ["reports_enrolments", "reports_overdue"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_get_of_a_long_list_offers_the_background_and_writes_nothing(
    hr, refreshed, small_limits, name, export_format, django_capture_on_commit_callbacks
):
    params = {"export": export_format, "audience": "staff", "course": "", "date_from": "x"}
    with django_capture_on_commit_callbacks() as callbacks:
        response = hr.get(reverse(name), params)
    assert response.status_code == 200 and callbacks == [] and not ExportJob.objects.exists()
    html = response.content.decode()
    assert "Listan har fler än 1 rader" in html
    # The form posts to the report with its valid filters, and nothing else.
    assert response.context["start_url"] == f"{reverse(name)}?audience=staff"
    assert f'action="{reverse(name)}?audience=staff"' in html


def test_the_report_offers_the_background_export_as_buttons_of_a_post_form(hr, refreshed):
    html = hr.get(reverse("reports_enrolments"), {"audience": "staff"}).content.decode()
    form = html[html.index('<form method="post" action="') :]
    form = form[: form.index("</form>")]
    assert 'action="/admin/reports/completion/courses/?audience=staff"' in form
    assert "csrfmiddlewaretoken" in form
    assert 'name="export" value="xlsx"' in form and 'name="export" value="csv"' in form
    assert "background=1" not in html


def test_the_post_needs_a_csrf_token(hr_user, refreshed, django_capture_on_commit_callbacks):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_user)
    url = reverse("reports_enrolments")
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, {"export": "csv"})
    assert refused.status_code == 403 and not ExportJob.objects.exists()
    token = csrf_token(client.get(url).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url, {"export": "csv", "csrfmiddlewaretoken": token})
    job = ExportJob.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("reports_export_job", args=[job.pk])
    assert (job.user, job.report, job.export_format, job.status) == (hr_user, "enrolments", "csv", "done")


def test_the_post_exports_with_the_filters_of_its_url(hr, refreshed, django_capture_on_commit_callbacks):
    c1, unit = refreshed["courses"]["c1"], refreshed["units"]["A"]
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.post(f"{reverse('reports_overdue')}?course={c1.pk}&unit={unit.pk}", {"export": "xlsx"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert (job.report, job.params["course"], job.params["unit"]) == ("overdue", c1.pk, unit.pk)
    assert job.rows_total == 1  # Carlsson, the only overdue c1 enrolment in unit A


@pytest.mark.parametrize("value", ["", "pdf", "csv;", None])
def test_the_post_refuses_an_unknown_format(hr, refreshed, value):
    data = {} if value is None else {"export": value}
    assert hr.post(reverse("reports_enrolments"), data).status_code == 400
    assert not ExportJob.objects.exists()


def test_the_post_keeps_to_the_scope_and_the_permission(client, scoped_hr_user, refreshed):
    client.force_login(scoped_hr_user)
    outside = refreshed["units"]["C"]
    assert client.post(f"{reverse('reports_enrolments')}?unit={outside.pk}", {"export": "csv"}).status_code == 404
    editor = UserFactory(username="no-reports")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(reverse("reports_enrolments"), {"export": "csv"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ExportJob.objects.exists()


def test_reports_without_background_exports_take_no_post(hr, refreshed):
    for url in (reverse("reports_overview"), reverse("reports_unit", args=[refreshed["units"]["A"].pk])):
        assert hr.post(url, {"export": "csv"}).status_code == 405, url


def test_a_scoped_hr_users_job_holds_only_their_part(
    client, scoped_hr_user, refreshed, django_capture_on_commit_callbacks
):
    """The worker looks the scope up again; a POST from a scoped user exports only their part."""
    client.force_login(scoped_hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports_enrolments"), {"export": "csv"})
    job = ExportJob.objects.get()
    assert job.rows_total == 7  # D's current required enrolments (EXPECTED["D"])


# --- Where the files live, and how long ------------------------------------------------------


def _finished_job(client, django_capture_on_commit_callbacks) -> ExportJob:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports_enrolments"), {"export": "csv"})
    return ExportJob.objects.get()


def test_the_file_is_in_private_storage_not_in_media(hr, media_root, django_capture_on_commit_callbacks):
    """MEDIA_ROOT is served to anyone by the web server; an export lists named people."""
    job = _finished_job(hr, django_capture_on_commit_callbacks)
    path = Path(job.file.path)
    assert path.is_file() and path.is_relative_to((media_root.parent / "private_media").resolve())
    assert not list(Path(media_root).rglob("*.csv"))
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018 - no public URL at all
    download = hr.get(reverse("reports_export_download", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"Efternamn")


def test_the_job_page_says_how_long_the_file_is_kept(hr, settings, django_capture_on_commit_callbacks):
    settings.LMS_REPORTS_EXPORT_KEEP_DAYS = 3
    job = _finished_job(hr, django_capture_on_commit_callbacks)
    page = hr.get(reverse("reports_export_job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    until = timezone.localtime(job.created_at + timedelta(days=3)).strftime("%Y-%m-%d")  # as the page shows it
    assert f"sparas till {until} och raderas sedan" in page


def test_old_exports_and_their_files_are_deleted(hr, settings, django_capture_on_commit_callbacks):
    settings.LMS_REPORTS_EXPORT_KEEP_DAYS = 7
    old = _finished_job(hr, django_capture_on_commit_callbacks)
    old_path = Path(old.file.path)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        hr.post(reverse("reports_overdue"), {"export": "xlsx"})
    recent = ExportJob.objects.get(report="overdue")

    with django_capture_on_commit_callbacks(execute=True):
        deleted = tasks.expire_export_jobs_task()

    assert deleted == 1
    assert list(ExportJob.objects.all()) == [recent] and Path(recent.file.path).is_file()
    assert not old_path.exists() and not old_path.parent.exists()  # its random folder too
    assert hr.get(reverse("reports_export_download", args=[old.pk])).status_code == 404


def test_a_failed_clean_up_keeps_the_files(hr, django_capture_on_commit_callbacks):
    """The files go only once the rows' deletion has committed: a rollback leaves both."""
    job = _finished_job(hr, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.export_jobs_expire() == 1
    assert len(callbacks) == 1 and Path(job.file.path).is_file()


def test_the_clean_up_runs_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["expire-report-exports"]
    assert entry["task"] == tasks.expire_export_jobs_task.name


def test_a_file_gone_from_the_disk_is_404(hr, django_capture_on_commit_callbacks):
    job = _finished_job(hr, django_capture_on_commit_callbacks)
    Path(job.file.path).unlink()
    assert hr.get(reverse("reports_export_download", args=[job.pk])).status_code == 404


def test_the_clean_up_also_removes_old_files_no_job_points_to(hr, settings, django_capture_on_commit_callbacks):
    """A worker that crashed, or a deletion that failed, must not leave a list of people for ever."""
    import os

    from lms.reports.models import export_file_name

    settings.LMS_REPORTS_EXPORT_KEEP_DAYS = 7
    kept = _finished_job(hr, django_capture_on_commit_callbacks)
    storage = private_storage()
    old_stray = storage.save(export_file_name(None, "gammal.csv"), ContentFile(b"Efternamn\nLind\n"))
    new_stray = storage.save(export_file_name(None, "ny.csv"), ContentFile(b"Efternamn\nLind\n"))
    eight_days_ago = (timezone.now() - timedelta(days=8)).timestamp()
    os.utime(storage.path(old_stray), (eight_days_ago, eight_days_ago))
    os.utime(kept.file.path, (eight_days_ago, eight_days_ago))  # an old file, but its job is recent

    with django_capture_on_commit_callbacks(execute=True):
        assert services.export_jobs_expire() == 0

    assert not storage.exists(old_stray) and not Path(storage.path(old_stray)).parent.exists()
    assert storage.exists(new_stray)  # perhaps being written just now
    assert Path(kept.file.path).is_file()


def test_a_folder_removed_during_the_clean_up_is_passed_over(monkeypatch, settings, django_capture_on_commit_callbacks):
    """A worker may delete its own file and folder while the clean-up lists them."""
    from lms.reports.models import export_file_name

    storage = private_storage()
    name = storage.save(export_file_name(None, "gammal.csv"), ContentFile(b"Efternamn\nLind\n"))
    listdir = storage.listdir

    def listdir_racing(path):
        if path.count("/") == 2:  # a job's own folder: gone
            raise FileNotFoundError(path)
        return listdir(path)

    monkeypatch.setattr(storage, "listdir", listdir_racing)
    with django_capture_on_commit_callbacks(execute=True):
        services.export_jobs_expire()
    assert storage.exists(name)  # passed over, not an error; the next night takes it
