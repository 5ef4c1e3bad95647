"""Static files are served by whitenoise ahead of every middleware but SecurityMiddleware (a middleware in front
of it cost every static file 10-20 % of its throughput, bench/load.py), and still carry the site's
Content-Security-Policy and the Permissions-Policy, which whitenoise adds from lms/core/static_headers.py."""

from django.conf import settings
from django.test import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware


def test_whitenoise_comes_right_after_the_security_middleware():
    assert settings.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_a_static_file_carries_the_sites_policies(rf):
    whitenoise = WhiteNoiseMiddleware(get_response=lambda request: None)
    response = whitenoise(rf.get(settings.STATIC_URL + "css/site.css"))
    assert response.status_code == 200
    csp = dict((part.split(" ", 1) + [""])[:2] for part in response.headers["Content-Security-Policy"].split("; "))
    assert csp["default-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in csp["script-src"]
    assert response.headers["Permissions-Policy"] == settings.LMS_PERMISSIONS_POLICY
