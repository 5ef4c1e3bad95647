"""Logging filters (settings.LOGGING)."""

import logging


class OncePerProcess(logging.Filter):
    """Lets a message that starts with ``prefix`` through once per process, and drops its repeats.

    For WeasyPrint without HarfBuzz's subsetter (libharfbuzz-subset0): it warns for every font of every
    PDF, hundreds of lines while the demo renders its certificates, though nothing is wrong with any of
    them. scripts/check_system.py has already said what is missing; the first warning still shows."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(self.prefix):
            return True
        if self.seen:
            return False
        self.seen = True
        return True
