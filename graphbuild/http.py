"""One HTTP client for the metadata services (arXiv, Semantic Scholar, OpenAlex).

:class:`HttpClient` wraps a single :class:`requests.Session` and adds what
every fetcher needs, each from the library that does it best:

* retries with exponential backoff on connection errors, timeouts, HTTP 429
  and 5xx, honouring ``Retry-After`` on 429/503: a :class:`urllib3.util.Retry`
  policy on the session's :class:`requests.adapters.HTTPAdapter`; a host that
  cannot be reached at all (its name does not resolve, it refuses the
  connection, no route leads there: offline, as a rule) is tried once more,
  not through every back-off (:func:`unreachable`);
* an optional on-disk response cache: :mod:`requests_cache` (SQLite, JSON
  serialised, never pickled), keyed without credentials;
* a minimum interval between requests to the same host, timeouts, a cap on
  the size of one answer (:data:`MAX_ANSWER_BYTES`, read in pieces and never
  past it), and graphbuild's own one-line :class:`~graphbuild.errors.FetchError`
  messages;
* API keys read from the environment that never reach logs, cache keys,
  cached responses or error messages.

Environment variables
---------------------
``S2_API_KEY``
    Sent to ``api.semanticscholar.org`` as the ``x-api-key`` header.
``OPENALEX_EMAIL``
    Sent to ``api.openalex.org`` as the ``mailto`` parameter (polite pool).
``OPENALEX_API_KEY``
    Sent to ``api.openalex.org`` as the ``api_key`` parameter.

Tests inject ``sleep``, ``clock`` and ``wall_clock`` (so nothing waits) and
answer requests with the ``responses`` library (so nothing touches the network).
"""

from __future__ import annotations

import email.utils
import errno
import json
import logging
import math
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    DecodeError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util.retry import Retry

from .errors import FetchError, shortened
from .fsutil import path_kind

__all__ = ["CACHE_LOCK_SECONDS", "DEFAULT_INTERVALS", "DEFAULT_USER_AGENT", "MAX_ANSWER_BYTES", "MAX_ANSWER_SECONDS",
           "AnswerStalled", "AnswerTooLarge", "AnswerTooSlow", "CacheLocked", "HttpClient", "PoliteRetry",
           "RetryAfterTooLong", "redact", "unreachable"]

log = logging.getLogger(__name__)

# requests-cache warns of a cached answer it cannot read ("Unable to deserialize response: ...") and then asks
# again, which is all there is to do: with no logging set up, Python printed that as a stray, uncoded line
logging.getLogger("requests_cache").addHandler(logging.NullHandler())

T = TypeVar("T")

DEFAULT_USER_AGENT = "graphbuild/0.1 (research-paper knowledge graph builder; python-requests)"

#: Minimum seconds between two requests to the same host (the services' published courtesy limits).
DEFAULT_INTERVALS: Mapping[str, float] = {
    "export.arxiv.org": 3.0,
    "api.semanticscholar.org": 1.0,
    "api.openalex.org": 0.1,
}

#: Longest single back-off, in seconds, however many attempts were made.
MAX_BACKOFF = 60.0

#: The most bytes one answer may hold (after any gzip is undone): a page of metadata is a few MiB at most,
#: so more is a service gone wrong, refused before it fills the memory.
MAX_ANSWER_BYTES = 64 * 1024 * 1024

#: The most seconds one answer may take to arrive once its headers came: a page of metadata takes seconds,
#: so more is a server trickling it out (each byte within the read timeout, so that never fires).
MAX_ANSWER_SECONDS = 300.0

#: The most seconds a run waits for the response cache's write lock while another process holds it (two
#: ``fetch`` or ``expand`` sharing a cache, one paused or slow): a write takes milliseconds, so longer is a holder
#: stuck; the run then goes on without writing the cache. (requests-cache asked again for ever, silently.)
CACHE_LOCK_SECONDS = 30.0

#: Seconds SQLite's own busy handler waits inside one attempt at the write lock (a short write of another
#: process is waited out here, without a word).
_CACHE_BUSY_SECONDS = 1.0

#: Request parameters and headers that carry credentials: left out of cache keys and cached responses.
CREDENTIAL_PARAMS = ("api_key", "mailto", "x-api-key", "Authorization")

#: Third-party loggers that may print request URLs (with query strings) at DEBUG level.
_URL_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry", "requests_cache.session",
                "requests_cache.policy.actions", "requests_cache.backends.base")


@dataclass(frozen=True, slots=True)
class _Auth:
    """Credentials for one request: extra headers, extra parameters, values to hide."""

    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    hint: str = ""  # what the user can set to get a better service


def redact(text: str, secrets: tuple[str, ...] | list[str]) -> str:
    """Replace every secret value in ``text`` with ``***``."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _hidden(*values: str) -> tuple[str, ...]:
    """The secret ``values`` as they may appear in text: as they are and percent-encoded, as a query string
    or a path carries them (an e-mail's ``@`` is ``%40`` in a URL a service echoes in its error, or a log
    prints), so that :func:`redact` finds each form.

    >>> _hidden("me+x@uni.example")
    ('me+x@uni.example', 'me%2Bx%40uni.example')
    """
    return tuple(dict.fromkeys(form for v in values for form in (v, quote_plus(v), quote(v, safe=""))))


def _auth_for(url: str, env: Mapping[str, str]) -> _Auth:
    host = (urlsplit(url).hostname or "").lower()
    if host == "semanticscholar.org" or host.endswith(".semanticscholar.org"):
        key = env.get("S2_API_KEY", "").strip()
        if key:
            return _Auth(headers={"x-api-key": key}, secrets=_hidden(key))
        return _Auth(hint="set S2_API_KEY for a higher rate limit")
    if host == "openalex.org" or host.endswith(".openalex.org"):
        params: dict[str, str] = {}
        email_ = env.get("OPENALEX_EMAIL", "").strip()
        key = env.get("OPENALEX_API_KEY", "").strip()
        if email_:
            params["mailto"] = email_
        if key:
            params["api_key"] = key
        hint = "" if params else "set OPENALEX_EMAIL to use OpenAlex's polite pool"
        return _Auth(params=params, secrets=_hidden(*params.values()), hint=hint)
    return _Auth()


def _one_line(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return shortened(text, limit)


class RetryAfterTooLong(Exception):
    """The service asked (with ``Retry-After``) to wait longer than the client will."""

    def __init__(self, status: int, seconds: float):
        super().__init__(status, seconds)
        self.status, self.seconds = status, seconds


class AnswerTooLarge(Exception):
    """A service sent (or announced with ``Content-Length``) more than the client reads from one answer."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class AnswerStalled(Exception):
    """An answer began to arrive, then nothing more came within the timeout."""


class AnswerTooSlow(Exception):
    """An answer kept arriving, too slowly to be whole within the client's time for one answer."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


def _wait(seconds: float) -> str:
    """A wait a service asks for, in seconds and, past two minutes, in hours and minutes as a person reads it.

    >>> _wait(90), _wait(3600), _wait(86400), _wait(5430), _wait(float("inf"))
    ('90 s', '3600 s (1 h)', '86400 s (24 h)', '5430 s (1 h 30 min)', 'more than 100 days')
    """
    if not seconds < 100 * 86400:  # (infinity too: a Retry-After of 400 digits)
        return "more than 100 days"
    shown = f"{seconds:.0f} s"
    if seconds < 120:
        return shown
    hours, minutes = divmod(round(seconds / 60), 60)
    return shown + " (" + " ".join(part for part in (f"{hours} h" if hours else "",
                                                      f"{minutes} min" if minutes else "") if part) + ")"


def _size(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n:,} bytes"


def _pieces(response: requests.Response, size: int = 1 << 16) -> Iterator[bytes]:
    """The (decoded) body of a streamed ``response`` in the pieces one read of the connection gives.

    Not ``iter_content``: it waits until its piece is full, so a server sending a byte every few
    seconds kept one call waiting for hours, every byte inside the read timeout. Errors are the ones
    ``iter_content`` raises, a read timeout :class:`AnswerStalled`.
    """
    try:
        while piece := response.raw.read1(size, decode_content=True):
            yield piece
    except ReadTimeoutError:
        raise AnswerStalled() from None
    except ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from None
    except DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from None


def _read_capped(response: requests.Response, limit: int, seconds: float = math.inf,
                 clock: Callable[[], float] = time.monotonic) -> None:
    """Read the body of a streamed ``response`` into it, as ``response.content`` would, but never past
    ``limit`` bytes nor ``seconds`` (by ``clock``): :class:`AnswerTooLarge` or :class:`AnswerTooSlow`
    (and the connection closed) when there is more, :class:`AnswerStalled` when the rest does not come
    within the read timeout.
    """
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit and "Content-Encoding" not in response.headers:
        response.close()
        raise AnswerTooLarge(limit)
    chunks, size, start = [], 0, clock()
    try:
        for chunk in _pieces(response):
            size += len(chunk)
            if size > limit:
                raise AnswerTooLarge(limit)
            if clock() - start > seconds:
                raise AnswerTooSlow(seconds)
            chunks.append(chunk)
    except BaseException:
        response.close()
        raise
    response._content = b"".join(chunks)
    response._content_consumed = True


#: How often a host that cannot be reached at all is tried (:func:`unreachable`): once more, in case the
#: network was just coming up, never through the whole back-off (5 retries waited 31 s offline).
UNREACHABLE_ATTEMPTS = 2

def unreachable(error: BaseException | None) -> str | None:
    """Why no request can reach the host, asking again seconds later as well: ``"resolve"`` (its name does not
    resolve: offline, or no DNS), ``"refused"`` (nothing listens there), ``"route"`` (no network route to it);
    None for any other failure (a timeout, a reset, an HTTP status), which is worth the back-off.

    >>> import errno, socket
    >>> unreachable(NameResolutionError("api.example.org", None, socket.gaierror(-2, "Name or service not known")))
    'resolve'
    >>> refused = NewConnectionError(None, "Failed to establish a new connection")
    >>> refused.__cause__ = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    >>> unreachable(refused), unreachable(NewConnectionError(None, "reset")), unreachable(None)
    ('refused', None, None)
    """
    if isinstance(error, NameResolutionError):
        return "resolve"
    if not isinstance(error, NewConnectionError):
        return None
    cause = error.__cause__
    if isinstance(cause, ConnectionRefusedError):
        return "refused"
    if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "route"
    return None


#: what each kind of :func:`unreachable` host is, in the one line that reports it
_UNREACHABLE_LINES = {
    "resolve": "cannot find the host {host} (its name did not resolve: no network connection, or no DNS)",
    "refused": "{host} refused the connection (nothing answers there, or a firewall or proxy refuses it)",
    "route": "no network route to {host} (no network connection)",
}


#: ``on_wait(seconds, status, error, url)``: called once per granted retry, before it is sent.
OnWait = Callable[[float, "int | None", "Exception | None", str], None]


class PoliteRetry(Retry):
    """urllib3's :class:`~urllib3.util.Retry` with graphbuild's waiting rules.

    * ``Retry-After`` is honoured on 429 and 503 only (seconds or an HTTP
      date, measured against ``wall_clock``); one longer than
      ``max_retry_after`` raises :class:`RetryAfterTooLong` at once.
    * Otherwise the wait is ``backoff_factor * 2**(n-1)`` for the n-th retry,
      capped at ``backoff_max`` (the first retry waits too).
    * A host that cannot be reached at all (:func:`unreachable`) is tried
      :data:`UNREACHABLE_ATTEMPTS` times, whatever ``total`` allows.
    * The wait happens when a retry is granted (in :meth:`increment`) through
      ``on_wait``, which sleeps; :meth:`sleep` does nothing. So the same
      policy waits exactly once per retry whether urllib3 drives it or a test
      double of the adapter does.
    """

    RETRY_AFTER_STATUS_CODES = frozenset({429, 503})

    def __init__(self, *args: Any, on_wait: OnWait | None = None,
                 wall_clock: Callable[[], float] = time.time, max_retry_after: float = 300.0,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_wait = on_wait
        self.wall_clock = wall_clock
        self.max_retry_after = max_retry_after

    def new(self, **kw: Any) -> PoliteRetry:
        """A copy with ``kw`` changed, keeping graphbuild's settings."""
        kw.setdefault("on_wait", self.on_wait)
        kw.setdefault("wall_clock", self.wall_clock)
        kw.setdefault("max_retry_after", self.max_retry_after)
        return super().new(**kw)

    def parse_retry_after(self, retry_after: str) -> float:
        """Seconds to wait for a ``Retry-After`` value; a bad value means no wait hint (``-1``)."""
        value = str(retry_after).strip()
        if re.fullmatch(r"\d+(\.\d+)?", value):
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return -1.0
        return max(0.0, when.timestamp() - self.wall_clock())

    def get_retry_after(self, response: Any) -> float | None:
        """The ``Retry-After`` wait of a response, or ``None`` when it gives none."""
        value = response.headers.get("Retry-After") if response is not None else None
        if not value:
            return None
        seconds = self.parse_retry_after(value)
        return seconds if seconds >= 0 else None

    def get_backoff_time(self) -> float:
        """Back-off before the next attempt: doubles with every failure so far, capped."""
        failures = len(self.history)
        if failures < 1:
            return 0.0
        return float(min(self.backoff_max, self.backoff_factor * (2 ** (failures - 1))))

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> PoliteRetry:
        """Count a failed attempt and wait before the next one (see the class notes)."""
        status = getattr(response, "status", None)
        hint = self.get_retry_after(response) if status in self.RETRY_AFTER_STATUS_CODES else None
        if status is not None and hint is not None and hint > self.max_retry_after:
            raise RetryAfterTooLong(int(status), hint)
        if unreachable(error) and sum(1 for h in self.history if unreachable(h.error)) + 1 >= UNREACHABLE_ATTEMPTS:
            raise MaxRetryError(_pool, url or "", error) from error  # asking again finds the same: no back-off
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        wait = hint if hint is not None else new.get_backoff_time()
        if self.on_wait is not None:
            self.on_wait(wait, status, error, url or "")
        return new

    def sleep(self, response: Any = None) -> None:
        """Nothing: the wait already happened in :meth:`increment`."""


def _credentials_for_host(request: requests.PreparedRequest, auth_for: Callable[[str], _Auth]) -> None:
    """Drop from ``request`` every credential header and parameter its host is not owed: requests keeps
    custom headers (``x-api-key``) on a redirect, so a service redirecting to another host handed it the key.
    Nothing is owed over plain HTTP, where anyone on the way reads it (a redirect from https to http).
    """
    url = request.url or ""
    owed = auth_for(url) if urlsplit(url).scheme == "https" else _Auth()
    for name in CREDENTIAL_PARAMS:
        if name in request.headers and name.lower() not in {k.lower() for k in owed.headers}:
            del request.headers[name]
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k not in CREDENTIAL_PARAMS or k in owed.params]
    if len(kept) != len(query):
        request.url = urlunsplit(parts._replace(query=urlencode(kept)))


class _PoliteAdapter(HTTPAdapter):
    """An HTTP adapter that waits its turn for the host before each request it really sends, sends a host
    only the credentials meant for it (a redirect may lead elsewhere), and reads the answer (unless
    streamed) in pieces up to ``max_bytes`` and ``max_seconds`` (by ``clock``): below the response cache,
    so an answer too large or too slow is neither held whole nor cached.
    """

    def __init__(self, before_send: Callable[[str], None], max_bytes: int = MAX_ANSWER_BYTES, *,
                 auth_for: Callable[[str], _Auth] = lambda url: _Auth(), max_seconds: float = MAX_ANSWER_SECONDS,
                 clock: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._before_send = before_send
        self._max_bytes = max_bytes
        self._auth_for = auth_for
        self._max_seconds = max_seconds
        self._clock = clock

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        """Send ``request`` and read its answer whole; an answer that stops arriving half-way is asked for
        again, whole, as a connection error is, under the same count of retries (:meth:`_retry_stalled`).
        """
        _credentials_for_host(request, self._auth_for)
        streamed = kwargs.get("stream", False)
        policy = self.max_retries
        self._before_send(request.url or "")  # (once: a retry waits, and is counted, as urllib3's retries are)
        while True:
            response = self._send_under(policy, request, *args, **{**kwargs, "stream": True})
            if streamed:
                return response
            try:
                _read_capped(response, self._max_bytes, self._max_seconds, self._clock)
                return response
            except AnswerStalled:
                policy = self._retry_stalled(getattr(response.raw, "retries", None) or policy, request)

    def _send_under(self, policy: Retry, request: requests.PreparedRequest, *args: Any,
                    **kwargs: Any) -> requests.Response:
        """``HTTPAdapter.send`` with the retries left in ``policy`` (it reads them from ``max_retries``; the
        client sends one request at a time).
        """
        self.max_retries, base = policy, self.max_retries
        try:
            return super().send(request, *args, **kwargs)
        finally:
            self.max_retries = base

    @staticmethod
    def _retry_stalled(policy: Retry, request: requests.PreparedRequest) -> Retry:
        """``policy`` with a stalled answer counted as the read timeout it is (waiting as for any retry), or
        :class:`AnswerStalled` when it allows no more. (A stall after the headers was not asked again: one
        slow moment of a service failed a whole ``fetch``.)
        """
        url = request.url or ""
        stalled = ReadTimeoutError(None, url, "the answer stalled")  # type: ignore[arg-type]  # (no pool: it was read)
        try:
            return policy.increment(request.method, url, error=stalled)
        except (MaxRetryError, ReadTimeoutError):
            raise AnswerStalled() from None


class _RedactFilter(logging.Filter):
    """Rewrites log records so that no secret value appears in them."""

    def __init__(self, secrets: tuple[str, ...]):
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self.secrets)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _cache_key(request: requests.PreparedRequest, **kwargs: Any) -> str:
    """requests-cache's key for ``request`` with credential parameters left out entirely.

    (Its ``ignored_parameters`` keep a placeholder, so a key would still depend on
    whether a key was set; here the same request has one key with or without.)
    """
    from requests_cache import create_key

    parts = urlsplit(request.url or "")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in CREDENTIAL_PARAMS]
    public = request.copy()
    public.url = urlunsplit(parts._replace(query=urlencode(query)))
    return create_key(public, **kwargs)


class CacheLocked(sqlite3.OperationalError):
    """Another process held the response cache's write lock longer than :data:`CACHE_LOCK_SECONDS`."""


@dataclass(slots=True)
class _CacheWait:
    """How long the writes to one response cache wait for its lock, what they say, and whether they gave up
    (then every later write is skipped at once: the holder is stuck, waiting again for each answer is no use).
    """

    path: Path
    seconds: float
    say: Callable[[str], None]
    gave_up: bool = False
    told: bool = False  # that the run goes on without writing the cache (said once, not for every answer)

    def waiting(self) -> None:
        self.say(f"the response cache {self.path} is being written by another process (a graphbuild sharing it, "
                 f"paused or slow?); waiting up to {self.seconds:g} s for it")

    def give_up(self) -> CacheLocked:
        self.gave_up = True
        return CacheLocked(f"the response cache {self.path} stayed locked by another process for {self.seconds:g} s")


@contextmanager
def _bounded_write(table: Any, wait: _CacheWait) -> Iterator[None]:
    """requests-cache's write transaction on ``table`` (an ``SQLiteDict``), waiting for the write lock no longer
    than ``wait`` allows: :class:`CacheLocked` then. (Its own loop asked again for ever.)
    """
    with table._lock:
        deadline = None
        while True:
            if wait.gave_up:
                raise CacheLocked(f"the response cache {wait.path} is locked by another process")
            try:
                table._connection.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if deadline is None:
                    deadline = time.monotonic() + wait.seconds
                    wait.waiting()
                elif time.monotonic() >= deadline:
                    raise wait.give_up() from None
        table._active_transaction = True
        try:
            yield
            table._connection.commit()
        except sqlite3.OperationalError:  # (as requests-cache does: a write that fails is not kept)
            table._connection.rollback()
        finally:
            table._active_transaction = False


def _bounded_cache(path: Path, wait: _CacheWait, **settings: Any) -> Any:
    """requests-cache's SQLite cache at ``path`` whose writes wait for the lock as ``wait`` says
    (:func:`_bounded_write`), and whose answers are used, only not kept, when the wait runs out.
    """
    from requests_cache.backends.sqlite import SQLiteCache, SQLiteDict

    class Table(SQLiteDict):
        def _acquire_sqlite_lock(self) -> Any:
            return _bounded_write(self, wait)

    class Cache(SQLiteCache):
        def __init__(self) -> None:  # (SQLiteCache's, with Table for SQLiteDict)
            super(SQLiteCache, self).__init__(cache_name=str(path), **settings)
            self.responses = Table(path, table_name="responses", **settings)
            self.redirects = Table(path, table_name="redirects", lock=self.responses._lock,
                                   **{**settings, "serializer": None})

        def save_response(self, *args: Any, **kwargs: Any) -> None:
            try:
                super().save_response(*args, **kwargs)
            except CacheLocked as exc:
                if not wait.told:
                    wait.told = True
                    wait.say(f"{exc}; going on without writing to it")

        def delete(self, *args: Any, **kwargs: Any) -> None:
            try:
                super().delete(*args, **kwargs)
            except CacheLocked:  # (a damaged answer left in it is dropped by the next run that reads it)
                pass

    return Cache()


def _cached_session(cache_dir: Path, ttl: float | None, lock_seconds: float = CACHE_LOCK_SECONDS,
                    say: Callable[[str], None] = log.warning) -> requests.Session:
    """A session caching in ``cache_dir/http_cache.sqlite``; a :class:`FetchError` when that cannot be
    opened (the folder is a file or not writable, the database is damaged), which was a traceback.

    The database is in write-ahead-log mode, so that runs sharing it (two ``expand`` on one workspace)
    read while another writes: a reader of the default journal waited 5 s, then failed ("database is locked").
    A writer waits for another's write up to ``lock_seconds``, saying so with ``say``, then goes on without
    writing the cache (a session without one, when even opening it had to write).
    """
    import requests_cache

    path = cache_dir / "http_cache.sqlite"
    if path_kind(cache_dir) not in (None, "dir"):  # (a name too long is no error here: opening it says so)
        raise FetchError(f"the cache folder {cache_dir} is a file; choose a folder for the response cache")
    wait = _CacheWait(path, lock_seconds, say)
    try:
        backend = _bounded_cache(path, wait, serializer="json", wal=True, timeout=_CACHE_BUSY_SECONDS)
        return requests_cache.CachedSession(
            backend=backend, expire_after=requests_cache.NEVER_EXPIRE if ttl is None else ttl,
            allowable_codes=(200,), allowable_methods=("GET",), key_fn=_cache_key,
            ignored_parameters=list(CREDENTIAL_PARAMS), stale_if_error=False)
    except sqlite3.OperationalError as exc:
        if not isinstance(exc, CacheLocked) and "locked" not in str(exc):
            raise _cache_unusable(path, exc) from None
        locked = str(exc) if isinstance(exc, CacheLocked) else f"the response cache {path} is locked by another process"
        say(f"{locked}; going on without the cache")
        return requests.Session()
    except (OSError, sqlite3.Error) as exc:
        raise _cache_unusable(path, exc) from None


def _cache_unusable(path: Path, exc: OSError | sqlite3.Error) -> FetchError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    return FetchError(f"cannot open the response cache {path}: {reason}; "
                      + ("delete the damaged file or " if damaged else "") + "choose another cache folder")


class HttpClient:
    """A polite, retrying, caching HTTP GET client shared by all fetchers.

    Parameters
    ----------
    timeout
        Seconds to wait for a response before counting the attempt as failed.
    retries
        Extra attempts after the first on connection errors, timeouts, 429 and 5xx.
    backoff
        First back-off in seconds; doubles on every retry (capped at 60 s).
    rate_limit_per_s
        Maximum requests per second to any one host; the per-host courtesy
        intervals in :data:`DEFAULT_INTERVALS` (or ``intervals``) apply too,
        whichever is slower.
    cache_dir
        Directory for the response cache (``http_cache.sqlite``, kept by
        requests-cache); ``None`` disables the cache. Only successful answers
        that parse are kept.
    cache_ttl
        Seconds a cached response stays valid; ``None`` keeps it forever.
    user_agent
        ``User-Agent`` header sent with every request.
    session
        An existing :class:`requests.Session`; the client mounts its retrying
        adapter on it and leaves closing it to the caller.
    sleep, clock, wall_clock
        Injected ``time.sleep``, ``time.monotonic`` and ``time.time`` (for tests).
    env
        Where API keys are read from; ``os.environ`` by default.
    intervals
        Per-host minimum intervals replacing :data:`DEFAULT_INTERVALS`.
    max_retry_after
        A ``Retry-After`` longer than this many seconds is not waited for;
        the request fails at once with a message saying when to try again.
    max_answer_bytes
        An answer larger than this (:data:`MAX_ANSWER_BYTES` by default) is a
        :class:`FetchError`, read no further than the limit.
    max_answer_seconds
        An answer still arriving this many seconds after its headers
        (:data:`MAX_ANSWER_SECONDS` by default) is a :class:`FetchError`: the
        read timeout bounds each wait for a byte, this the whole answer.
    notice
        Called with one line (no secrets: the path, never the query) before
        each retry waits, such as ``/graph/v1/paper/x: HTTP 429; asking again
        in 120 s``; the commands print it, so a run waiting out a rate limit
        (up to ``retries`` waits of ``max_retry_after``) is not silent; and
        with a line when the cache is locked by another process (see below).
    cache_lock_seconds
        A write to the cache waits this long for another process sharing it
        (a run paused or slow) to finish its write, saying so through
        ``notice``; then the run goes on without writing the cache.
    """

    def __init__(
        self,
        *,
        timeout: float = 30,
        retries: int = 5,
        backoff: float = 1.0,
        rate_limit_per_s: float | None = None,
        cache_dir: str | Path | None = None,
        cache_ttl: float | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        env: Mapping[str, str] | None = None,
        intervals: Mapping[str, float] | None = None,
        max_retry_after: float = 300.0,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        max_answer_seconds: float = MAX_ANSWER_SECONDS,
        notice: Callable[[str], None] | None = None,
        cache_lock_seconds: float = CACHE_LOCK_SECONDS,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must be >= 0")
        if rate_limit_per_s is not None and rate_limit_per_s <= 0:
            raise ValueError("rate_limit_per_s must be positive")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.rate_limit_per_s = rate_limit_per_s
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.cache_ttl = cache_ttl
        self.user_agent = user_agent
        self.max_retry_after = max_retry_after
        self._notice = notice
        self._sleep = sleep
        self._clock = clock
        self._env = env if env is not None else os.environ
        self._intervals = dict(DEFAULT_INTERVALS if intervals is None else intervals)
        self._last_request: dict[str, float] = {}
        #: Number of requests actually sent, retries included (cache hits excluded).
        self.requests_sent = 0
        self._owns_session = session is None
        if session is None:
            session = (_cached_session(self.cache_dir, cache_ttl, cache_lock_seconds, self._say) if self.cache_dir
                       else requests.Session())
        self._session = session
        policy = PoliteRetry(total=retries, backoff_factor=backoff, backoff_max=MAX_BACKOFF,
                             status_forcelist=[429, *range(500, 600)], allowed_methods=["GET"],
                             raise_on_status=False, respect_retry_after_header=True,
                             on_wait=self._on_retry, wall_clock=wall_clock, max_retry_after=max_retry_after)
        self.max_answer_bytes = max_answer_bytes
        adapter = _PoliteAdapter(self._wait_turn, max_answer_bytes, max_retries=policy,
                                 auth_for=lambda url: _auth_for(url, self._env),
                                 max_seconds=max_answer_seconds, clock=clock)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        secrets = _auth_for("https://api.openalex.org", self._env).secrets + \
            _auth_for("https://api.semanticscholar.org", self._env).secrets
        self._log_filter = _RedactFilter(secrets) if secrets else None
        if self._log_filter is not None:
            for name in _URL_LOGGERS:
                logging.getLogger(name).addFilter(self._log_filter)

    # -- public API ---------------------------------------------------------------

    def get_json(self, url: str, params: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> Any:
        """GET ``url`` and decode the JSON body; :class:`FetchError` if it is not JSON.

        The body's bytes are decoded as JSON says (UTF-8, or UTF-16/32 by its first bytes), whatever
        the ``Content-Type``: a JSON answer sent as ``text/plain`` without a charset is UTF-8, not the
        Latin-1 that HTTP's default for text would make of it.
        """
        return self.get(url, params, headers, parse=json.loads, what="JSON", raw=True)

    def get_text(self, url: str, params: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> str:
        """GET ``url`` and return the body as text."""
        return self.get(url, params, headers)

    def get(self, url: str, params: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None, *,
            parse: Callable[[Any], T] | None = None, what: str = "the expected format", raw: bool = False) -> Any:
        """GET ``url`` and parse the body with ``parse``: its text, or with ``raw`` its bytes (for a format
        that says its own encoding, as JSON and XML do).

        ``parse`` raises :class:`ValueError` (or :class:`SyntaxError`, or :class:`RecursionError` for
        nesting too deep to read) on a bad body; that becomes a :class:`FetchError` naming the URL and
        ``what`` was expected, and the answer is dropped from the cache.
        """
        params = {k: v for k, v in (params or {}).items() if v is not None}
        auth = _auth_for(url, self._env)
        shown = self.display_url(url, params, auth.secrets)
        response = self._fetch(url, params, headers, auth, shown)
        try:
            body = response.content if raw else response.text
            return parse(body) if parse else body
        except (ValueError, SyntaxError, RecursionError) as exc:
            self._forget(response)
            if getattr(response, "from_cache", False):  # a damaged cache entry: ask again
                log.debug("%s: ignoring an unparsable cached response", shown)
                return self.get(url, params, headers, parse=parse, what=what, raw=raw)
            head = (body[:512].decode("latin-1") if isinstance(body, bytes) else body[:512]).lstrip("\ufeff \t\r\n")
            if not head:
                raise FetchError(f"{shown}: the answer is empty, not {what}; "
                                 "the service may be having trouble, try again later") from None
            if re.match(r"<(!doctype\s+html|html[\s>])", head, re.IGNORECASE):  # a proxy's or portal's page
                raise FetchError(f"{shown}: the answer is an HTML page, not {what} (a proxy, firewall or sign-in "
                                 "page may answer in the service's place); check your network, or try again "
                                 "later") from None
            reason = "nested too deeply to read" if isinstance(exc, RecursionError) else str(exc)
            detail = redact(_one_line(reason, 120), auth.secrets)
            raise FetchError(f"{shown}: the answer is not valid {what} ({detail}); "
                             "the service may be having trouble, try again later") from None

    def display_url(self, url: str, params: Mapping[str, Any] | None = None,
                    secrets: tuple[str, ...] = ()) -> str:
        """The URL with its public parameters, safe to print (credentials are never in it)."""
        query = urlencode(sorted((str(k), str(v)) for k, v in (params or {}).items() if v is not None))
        full = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
        return redact(full, secrets or _auth_for(url, self._env).secrets)

    def close(self) -> None:
        """Close the session if this client created it, and stop redacting third-party logs."""
        if self._log_filter is not None:
            for name in _URL_LOGGERS:
                logging.getLogger(name).removeFilter(self._log_filter)
            self._log_filter = None
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------

    def _interval(self, host: str) -> float:
        interval = self._intervals.get(host, 0.0)
        if self.rate_limit_per_s:
            interval = max(interval, 1.0 / self.rate_limit_per_s)
        return interval

    def _wait_turn(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        interval = self._interval(host)
        last = self._last_request.get(host)
        if interval > 0 and last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()
        self.requests_sent += 1

    def _say(self, line: str) -> None:
        """Tell the user ``line`` (``notice``), or log it when nobody listens."""
        if self._notice is not None:
            self._notice(line)
        else:
            log.warning("%s", line)

    def _on_retry(self, wait: float, status: int | None, error: Exception | None, url: str) -> None:
        problem = f"HTTP {status}" if status else type(error).__name__ if error else "failed"
        where = urlsplit(url).path or url.split("?", 1)[0]  # never the query: it may hold a key
        log.info("%s: %s; retrying in %.1f s", where, problem, wait)
        if self._notice is not None:
            self._notice(f"{where}: {problem}; asking again" + (f" in {wait:.0f} s" if wait >= 1 else ""))
        if wait > 0:
            self._sleep(wait)
        self.requests_sent += 1

    def _forget(self, response: requests.Response) -> None:
        cache = getattr(self._session, "cache", None)
        if cache is not None and response.request is not None:
            cache.delete(requests=[response.request])

    def _fetch(self, url: str, params: Mapping[str, Any], headers: Mapping[str, str] | None,
               auth: _Auth, shown: str) -> requests.Response:
        send_params = {**params, **auth.params}
        send_headers = {"User-Agent": self.user_agent, **(headers or {}), **auth.headers}
        attempts = self.retries + 1
        hint = f"; {auth.hint}" if auth.hint else ""
        try:
            response = self._session.get(url, params=send_params, headers=send_headers, timeout=self.timeout)
        except sqlite3.Error as exc:  # (a traceback: "database is locked" when another graphbuild held it)
            raise FetchError(f"{shown}: the response cache {self.cache_dir} could not be used ({exc}); another "
                             "graphbuild may be using it: try again, or choose another cache folder") from None
        except RetryAfterTooLong as exc:
            problem = "rate limited" if exc.status == 429 else "server error"
            raise FetchError(f"{shown}: {problem} (HTTP {exc.status}); the service asks to wait "
                             f"{_wait(exc.seconds)}, try again later{hint if exc.status == 429 else ''}") from None
        except AnswerTooLarge as exc:
            raise FetchError(f"{shown}: the answer is larger than {_size(exc.limit)}, more than graphbuild reads "
                             "from one answer; ask for fewer results per request, or try again later") from None
        except AnswerStalled:  # (it was "could not connect on all 6 attempts": it connected, each time)
            raise FetchError(f"{shown}: the answer stopped arriving (nothing more within {self.timeout:g} s) on all "
                             f"{attempts} attempts; "
                             "the service may be having trouble, try again later") from None
        except AnswerTooSlow as exc:
            raise FetchError(f"{shown}: the answer was still arriving after {exc.seconds:g} s, too slowly to wait "
                             "for; the service may be having trouble, try again later") from None
        except (requests.Timeout, requests.ConnectionError) as exc:
            reason = getattr(exc.args[0], "reason", None) if exc.args else None
            kind = unreachable(reason)
            if kind:
                tries = min(attempts, UNREACHABLE_ATTEMPTS)
                problem = _UNREACHABLE_LINES[kind].format(host=urlsplit(url).hostname or url)
                raise FetchError(f"{shown}: {problem}, on {tries} attempt{'s' if tries > 1 else ''}; "
                                 "check your network connection or proxy and try again") from None
            timed_out = isinstance(exc, requests.Timeout) or isinstance(reason, ReadTimeoutError)
            problem = f"no answer within {self.timeout:g} s" if timed_out else "could not connect"
            raise FetchError(f"{shown}: {problem} on all {attempts} attempts; "
                             "check your network connection or proxy and try again") from None
        except requests.TooManyRedirects:  # the service's fault, not the user's network
            raise FetchError(f"{shown}: the service redirects in a loop (more than {self._session.max_redirects} "
                             "redirects); check the URL, or try again later") from None
        except requests.RequestException as exc:
            raise FetchError(f"{shown}: request failed ({type(exc).__name__}); "
                             "check the URL and your network settings") from None
        status = int(response.status_code)
        if 200 <= status < 300:
            return response
        if status == 429:
            raise FetchError(f"{shown}: rate limited (HTTP 429) on all {attempts} attempts; "
                             f"wait a few minutes and retry, or lower the request rate{hint}")
        if status >= 500:
            raise FetchError(f"{shown}: server error (HTTP {status}) on all {attempts} attempts; "
                             "the service may be down, try again later")
        raise FetchError(self._client_error(shown, status, response, auth))

    def _client_error(self, shown: str, status: int, response: requests.Response, auth: _Auth) -> str:
        detail = ""
        body = response.text or ""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            detail = str(data.get("error") or data.get("message") or data.get("description") or "")
        elif not body.lstrip().startswith("<"):
            detail = body
        detail = redact(_one_line(detail, 160), auth.secrets)
        detail = f" ({detail})" if detail else ""
        if status in (401, 403):
            keys = "S2_API_KEY" if "semanticscholar" in shown else (
                "OPENALEX_API_KEY" if "openalex" in shown else "your credentials")
            return f"{shown}: access refused (HTTP {status}){detail}; check {keys}"
        if status == 404:
            return f"{shown}: not found (HTTP 404){detail}; check the paper id or query"
        if status == 400:
            return f"{shown}: bad request (HTTP 400){detail}; check the query, ids and parameters"
        return f"{shown}: HTTP {status}{detail}; check the request"
