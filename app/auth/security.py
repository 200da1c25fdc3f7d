"""Password hashing (argon2id) and signed, expiring API bearer tokens (itsdangerous)."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.config import get_settings

# argon2-cffi's defaults (RFC 9106 low-memory profile) everywhere but the test suite, where a cheap
# profile keeps hundreds of logins from costing minutes; the hash records its own parameters.
_hasher = (PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1) if get_settings().env == "test"
           else PasswordHasher())
# Verified against when the account does not exist, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("timing-equalizer")

MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt="api-bearer-token")


def issue_token(*, user_id: int, auth_version: int) -> str:
    return _serializer().dumps({"uid": user_id, "v": auth_version})


def read_token(token: str) -> tuple[int, int] | None:
    """(user id, auth version) of a valid, unexpired token; None otherwise."""
    try:
        data = _serializer().loads(token, max_age=get_settings().token_max_age_s)
        return int(data["uid"]), int(data["v"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
