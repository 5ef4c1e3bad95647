"""What the apps above add to certificates, registered from their ``ready()``: buttons above the admin's list
of issued certificates (lms.reports: the ZIP of the listed certificates), each a callable given the request
answering a Wagtail ``Button`` or None (not for this user); and links beside a certificate's download
wherever a learner sees one (lms.badges: its Open Badge), each a callable given the certificate (of any
kind, ``kinds.py``) and the user, answering ``{"url", "label", "description", "testid"}`` or None; and other
ways to verify a certificate, linked from the public verification page (lms.badges: an Open Badge's file),
each a callable answering ``{"url", "label"}``."""

from collections.abc import Callable

_list_buttons: list[Callable] = []


def register_certificate_list_button(make: Callable) -> None:
    if make not in _list_buttons:
        _list_buttons.append(make)


def certificate_list_buttons(request) -> list:
    return [button for make in _list_buttons if (button := make(request)) is not None]


_links: list[Callable] = []


def register_certificate_link(make: Callable) -> None:
    if make not in _links:
        _links.append(make)


def certificate_links(certificate, user) -> list[dict]:
    return [link for make in _links if (link := make(certificate, user)) is not None]


_verification_links: list[Callable] = []


def register_verification_link(make: Callable) -> None:
    if make not in _verification_links:
        _verification_links.append(make)


def verification_links() -> list[dict]:
    return [make() for make in _verification_links]
