"""What the apps above add to the certificates' admin: buttons above the list of issued certificates
(lms.reports: the ZIP of the listed certificates). Each is a callable given the request, answering a
Wagtail ``Button`` or None (not for this user); registered from the other app's ``ready()``."""

from collections.abc import Callable

_list_buttons: list[Callable] = []


def register_certificate_list_button(make: Callable) -> None:
    if make not in _list_buttons:
        _list_buttons.append(make)


def certificate_list_buttons(request) -> list:
    return [button for make in _list_buttons if (button := make(request)) is not None]
