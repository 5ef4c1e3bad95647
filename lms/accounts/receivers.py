"""Accounts' receivers of other apps' signals."""


def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes' ``user_locked_out``: the lockout goes to Wagtail's audit log."""
    from . import services

    services.account_lockout_record(username=username, ip_address=ip_address)
