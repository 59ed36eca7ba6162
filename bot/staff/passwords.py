"""Password hashes for staff accounts: scrypt with a per-user random salt.

Stored as "scrypt$n$r$p$salt$hash" (hex), so the cost can be raised later without breaking
accounts that already exist.
"""

import hashlib
import hmac
import secrets

_N, _R, _P = 2 ** 14, 8, 1
_SALT_BYTES, _KEY_BYTES = 16, 32
MIN_PASSWORD_LENGTH = 10


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=64 * 1024 * 1024, dklen=_KEY_BYTES)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _derive(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = _derive(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(derived, bytes.fromhex(key))


# Checked when the account does not exist, so that a wrong name takes as long as a wrong password.
UNKNOWN_USER_HASH = hash_password(secrets.token_urlsafe(16))
