"""Two machines behind a load balancer, as a large group's IT runs the platform: Debian's nginx in front of
two gunicorn nodes, each with its own empty local folders, a Celery worker as a third machine, PostgreSQL
and Redis shared, every file in an S3 bucket (SeaweedFS, tests/s3.py).

A learner completes a course through nginx on one node, the worker renders the certificate, and the learner
downloads it through the other node. Every folder of every machine is empty afterwards: a view that read a
file from its own disk would find nothing on the other node, and fail here."""

import hashlib
import http.client
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from config.env import next_redis_database
from lms.certificates.models import Certificate, RenderStatus
from tests.certificates.factories import make_certificate_course, make_learner
from tests.config.test_settings import BADGE_KEY
from tests.conftest import service_missing

from .conftest import breaking_cache, free_port, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.redis]

NGINX = "/usr/sbin/nginx"
PASSWORD = "ett-bra-losenord-42"
SECRET = "two-nodes-test-only-" + "x" * 40

NGINX_CONF = """
daemon off;
master_process off;  # one process as the user who starts it: no switch to another user, no root needed
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log {tmp}/access.log;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  upstream nodes {{ server 127.0.0.1:{a}; server 127.0.0.1:{b}; }}
  # The test may pin a request to a node (X-Test-Node: a or b) to know where it landed; else round robin.
  map $http_x_test_node $node {{ a 127.0.0.1:{a}; b 127.0.0.1:{b}; default nodes; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://$node;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""


class Browser:
    """Plain HTTP through nginx with a cookie jar; ``node`` pins a request to one machine."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, *, node: str = "", form: dict | None = None):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if node:
            headers["X-Test-Node"] = node
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urlencode(form) if form is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), content
        finally:
            conn.close()

    def post_form(self, page: str, action: str, *, node: str, fields: dict | None = None):
        status, _headers, content = self.request("GET", page, node=node)
        assert status == 200, (page, status)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
        return self.request("POST", action, node=node, form={"csrfmiddlewaretoken": token, **(fields or {})})


def files_in(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def machines(tmp_path, seaweedfs, redis_server, require_postgres, worker_processes, settings):
    """nginx, two gunicorn nodes and a worker, each with folders of its own; files in a fresh bucket.
    The test itself is a machine too: it shares the nodes' cache, as every process does in production, so
    that what it changes (the site, a course) retires what the nodes cached, as an editor's save would."""
    if not Path(NGINX).exists():
        service_missing(f"needs Debian's nginx at {NGINX} (apt-get install nginx)")
    bucket = seaweedfs.new_bucket("nodes")
    settings.CACHES = breaking_cache(next_redis_database(redis_server.url))
    db = connection.settings_dict
    folders = {name: tmp_path / name for name in ("a", "b", "worker")}
    for folder in folders.values():
        (folder / "media").mkdir(parents=True)
        (folder / "private").mkdir()
    started = []
    ports = {}
    for name in ("a", "b"):
        port = ports[name] = free_port()
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.operations.site_settings",
            "SECRET_KEY": SECRET,
            "LMS_OPEN_BADGE_KEYS": BADGE_KEY,  # production signs Open Badges with its own key
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": redis_server.url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "MEDIA_ROOT": str(folders[name] / "media"),
            "LMS_PRIVATE_MEDIA_ROOT": str(folders[name] / "private"),
            **seaweedfs.environment(bucket),
        }
        log = open(tmp_path / f"gunicorn-{name}.log", "wb")  # noqa: SIM115 - for the life of the process
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
        started.append(
            subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        )
    nginx_dir = tmp_path / "nginx"
    nginx_dir.mkdir()
    port = free_port()
    (nginx_dir / "nginx.conf").write_text(NGINX_CONF.format(tmp=nginx_dir, a=ports["a"], b=ports["b"], port=port))
    nginx = subprocess.Popen(  # noqa: S603 - Debian's nginx with the test's own config
        [NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf"), "-e", str(nginx_dir / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    started.append(nginx)
    worker = worker_processes(
        redis_server.url,
        **{"LMS_TEST_MEDIA_ROOT": str(folders["worker"] / "media")},
        LMS_PRIVATE_MEDIA_ROOT=str(folders["worker"] / "private"),
        **seaweedfs.environment(bucket),
    )
    browser = Browser(port)

    def answers(node: str) -> bool:
        try:
            return browser.request("GET", "/healthz", node=node)[0] == 200
        except OSError:
            return False

    try:
        assert wait_for(lambda: answers("a") and answers("b"), seconds=120), (tmp_path / "gunicorn-a.log").read_text()
        yield browser, bucket, folders, worker
    finally:
        for process in started:
            process.terminate()
        for process in started:
            process.wait(30)
        shutil.rmtree(nginx_dir, ignore_errors=True)


def test_a_certificate_made_on_one_node_downloads_from_the_other(machines, seaweedfs, home_page):
    browser, bucket, folders, worker = machines
    course, lessons = make_certificate_course(title="Demokrati på två maskiner", lessons=1)
    person = make_learner(username="tva-noder", email="tva@example.se")
    person.user.set_password(PASSWORD)
    person.user.save()

    login = reverse("accounts:login")
    status, headers, _ = browser.post_form(
        login, login, node="a", fields={"username": "tva-noder", "password": PASSWORD}
    )
    assert status == 302, "could not sign in"
    status, headers, _ = browser.post_form(
        lessons[0].url, reverse("courses:lesson_mark_done", args=[lessons[0].pk]), node="a"
    )
    assert status == 302
    # The worker (a third machine) renders the certificate into the bucket.
    assert wait_for(
        lambda: Certificate.objects.filter(person=person, render_status=RenderStatus.RENDERED).exists(), seconds=120
    ), worker.output()
    certificate = Certificate.objects.get(person=person)

    status, headers, pdf = browser.request("GET", reverse("certificates:download", args=[certificate.pk]), node="b")
    assert status == 200, pdf[:500]
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256
    assert headers["Content-Type"] == "application/pdf"

    # Unpinned, nginx sends requests to both nodes in turn, and both hand it out.
    upstreams = set()
    for _ in range(4):
        status, headers, body = browser.request("GET", reverse("certificates:download", args=[certificate.pk]))
        assert status == 200 and body == pdf
        upstreams.add(headers["X-Upstream"])
    assert len(upstreams) == 2

    assert f"private/{certificate.pdf.name}" in seaweedfs.keys(bucket)
    for name, folder in folders.items():
        assert files_in(folder) == [], f"{name} wrote to its own disk"
