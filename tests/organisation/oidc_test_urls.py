"""The site's URLs plus the SSO URLs, as config/urls.py will have them (konto/oidc/)."""

from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("konto/oidc/", include("lms.organisation.oidc_urls")), *site_urlpatterns]
