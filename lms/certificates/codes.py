"""Verification codes: 80 random bits from ``secrets`` in Crockford base32, stored normalised
(16 characters), shown in groups of four. Guessing one among millions stays hopeless."""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 16  # 16 × 5 bits = 80 bits
GROUP = 4
# Crockford's decoding: letters people confuse with digits read as the digits.
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
CODE_RE = re.compile(f"^[{ALPHABET}]{{{CODE_LENGTH}}}$")


def generate_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str | None:
    """The stored form of a typed code (any case, with or without dashes or spaces); None if it cannot be one."""
    code = _SEPARATORS.sub("", (raw or "").strip().upper()).translate(_CONFUSABLES)
    return code if CODE_RE.match(code) else None


def format_code(code: str) -> str:
    """``7KQ4M2XD9RTFH3PA`` → ``7KQ4-M2XD-9RTF-H3PA``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
