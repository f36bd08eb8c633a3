"""One HTTP client for the metadata services (arXiv, Semantic Scholar, OpenAlex).

:class:`HttpClient` wraps a single :class:`requests.Session` and adds what
every fetcher needs: retries with exponential backoff on connection errors,
timeouts, HTTP 429 and 5xx (honouring ``Retry-After``), a minimum interval
between requests to the same host, an optional on-disk response cache, and
API keys read from the environment that never reach logs, cache keys or
error messages.

Environment variables
---------------------
``S2_API_KEY``
    Sent to ``api.semanticscholar.org`` as the ``x-api-key`` header.
``OPENALEX_EMAIL``
    Sent to ``api.openalex.org`` as the ``mailto`` parameter (polite pool).
``OPENALEX_API_KEY``
    Sent to ``api.openalex.org`` as the ``api_key`` parameter.

Tests inject ``session`` (any object with a ``get(url, params=, headers=,
timeout=)`` method returning something with ``status_code``, ``text`` and
``headers``), ``sleep`` and ``clock`` so nothing touches the network or waits.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar
from urllib.parse import urlencode, urlsplit

import requests

from .fsutil import atomic_write_text
from .errors import FetchError

__all__ = ["DEFAULT_INTERVALS", "DEFAULT_USER_AGENT", "HttpClient", "redact"]

log = logging.getLogger(__name__)

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


def _auth_for(url: str, env: Mapping[str, str]) -> _Auth:
    host = (urlsplit(url).hostname or "").lower()
    if host == "semanticscholar.org" or host.endswith(".semanticscholar.org"):
        key = env.get("S2_API_KEY", "").strip()
        if key:
            return _Auth(headers={"x-api-key": key}, secrets=(key,))
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
        return _Auth(params=params, secrets=tuple(params.values()), hint=hint)
    return _Auth()


def _one_line(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        Directory for cached responses (one JSON file per URL + parameters);
        ``None`` disables the cache.
    cache_ttl
        Seconds a cached response stays valid; ``None`` keeps it forever.
    user_agent
        ``User-Agent`` header sent with every request.
    session
        An existing session (or a test double); a new :class:`requests.Session` otherwise.
    sleep, clock, wall_clock
        Injected ``time.sleep``, ``time.monotonic`` and ``time.time`` (for tests).
    env
        Where API keys are read from; ``os.environ`` by default.
    intervals
        Per-host minimum intervals replacing :data:`DEFAULT_INTERVALS`.
    max_retry_after
        A ``Retry-After`` longer than this many seconds is not waited for;
        the request fails at once with a message saying when to try again.
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
        session: Any = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        env: Mapping[str, str] | None = None,
        intervals: Mapping[str, float] | None = None,
        max_retry_after: float = 300.0,
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
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._wall = wall_clock
        self._env = env if env is not None else os.environ
        self._intervals = dict(DEFAULT_INTERVALS if intervals is None else intervals)
        self._last_request: dict[str, float] = {}
        #: Number of requests actually sent (cache hits excluded); handy for progress and tests.
        self.requests_sent = 0

    # -- public API ---------------------------------------------------------------

    def get_json(self, url: str, params: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> Any:
        """GET ``url`` and decode the JSON body; :class:`FetchError` if it is not JSON."""
        return self.get(url, params, headers, parse=json.loads, what="JSON")

    def get_text(self, url: str, params: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> str:
        """GET ``url`` and return the body as text."""
        return self.get(url, params, headers)

    def get(self, url: str, params: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None, *,
            parse: Callable[[str], T] | None = None, what: str = "the expected format") -> Any:
        """GET ``url``, parse the body with ``parse`` and cache it if parsing succeeded.

        ``parse`` raises :class:`ValueError` (or :class:`SyntaxError`) on a bad
        body; that becomes a :class:`FetchError` naming the URL and ``what``
        was expected. Bad bodies are never cached.
        """
        params = {k: v for k, v in (params or {}).items() if v is not None}
        auth = _auth_for(url, self._env)
        shown = self.display_url(url, params, auth.secrets)
        cache_file = self.cache_path(url, params)
        if cache_file is not None:
            cached = self._cache_read(cache_file)
            if cached is not None:
                try:
                    return parse(cached) if parse else cached
                except (ValueError, SyntaxError):
                    log.debug("%s: ignoring an unparsable cached response", shown)
        text = self._fetch(url, params, headers, auth, shown)
        try:
            value = parse(text) if parse else text
        except (ValueError, SyntaxError) as exc:
            detail = redact(_one_line(str(exc), 120), auth.secrets)
            raise FetchError(f"{shown}: the answer is not valid {what} ({detail}); "
                             "the service may be having trouble, try again later") from None
        if cache_file is not None:
            self._cache_write(cache_file, shown, text)
        return value

    def display_url(self, url: str, params: Mapping[str, Any] | None = None,
                    secrets: tuple[str, ...] = ()) -> str:
        """The URL with its public parameters, safe to print (credentials are never in it)."""
        query = urlencode(sorted((str(k), str(v)) for k, v in (params or {}).items()))
        full = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
        return redact(full, secrets or _auth_for(url, self._env).secrets)

    def cache_path(self, url: str, params: Mapping[str, Any] | None = None) -> Path | None:
        """Cache file for ``url`` + public ``params`` (``None`` when caching is off).

        The key is built before credentials are added, so it never holds an API key.
        """
        if self.cache_dir is None:
            return None
        key = json.dumps([url, sorted((str(k), str(v)) for k, v in (params or {}).items())],
                         ensure_ascii=False)
        return self.cache_dir / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:40] + ".json")

    def close(self) -> None:
        """Close the session if this client created it."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> "HttpClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------

    def _interval(self, host: str) -> float:
        interval = self._intervals.get(host, 0.0)
        if self.rate_limit_per_s:
            interval = max(interval, 1.0 / self.rate_limit_per_s)
        return interval

    def _wait_turn(self, host: str) -> None:
        interval = self._interval(host)
        last = self._last_request.get(host)
        if interval > 0 and last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _backoff_for(self, attempt: int) -> float:
        return min(self.backoff * (2 ** attempt), MAX_BACKOFF)

    def _retry_after(self, response: Any) -> float | None:
        headers = getattr(response, "headers", None) or {}
        value = headers.get("Retry-After") or headers.get("retry-after")
        if not value:
            return None
        value = str(value).strip()
        if re.fullmatch(r"\d+(\.\d+)?", value):
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        return max(0.0, when.timestamp() - self._wall())

    def _fetch(self, url: str, params: Mapping[str, Any], headers: Mapping[str, str] | None,
               auth: _Auth, shown: str) -> str:
        host = (urlsplit(url).hostname or "").lower()
        send_params = {**params, **auth.params}
        send_headers = {"User-Agent": self.user_agent, **(headers or {}), **auth.headers}
        attempts = self.retries + 1
        hint = f"; {auth.hint}" if auth.hint else ""
        status: int | None = None
        problem = ""
        for attempt in range(attempts):
            self._wait_turn(host)
            self.requests_sent += 1
            try:
                response = self._session.get(url, params=send_params, headers=send_headers,
                                             timeout=self.timeout)
            except requests.Timeout:
                status, problem = None, f"no answer within {self.timeout:g} s"
                wait = self._backoff_for(attempt)
            except requests.ConnectionError:
                status, problem = None, "could not connect"
                wait = self._backoff_for(attempt)
            except requests.RequestException as exc:
                raise FetchError(f"{shown}: request failed ({type(exc).__name__}); "
                                 "check the URL and your network settings") from None
            else:
                status = int(response.status_code)
                if 200 <= status < 300:
                    return response.text
                if status != 429 and status < 500:
                    raise FetchError(self._client_error(shown, status, response, auth)) from None
                wait_hint = self._retry_after(response) if status in (429, 503) else None
                problem = "rate limited" if status == 429 else "server error"
                if wait_hint is not None and wait_hint > self.max_retry_after:
                    raise FetchError(
                        f"{shown}: {problem} (HTTP {status}); the service asks to wait "
                        f"{wait_hint:.0f} s, try again later{hint if status == 429 else ''}")
                wait = wait_hint if wait_hint is not None else self._backoff_for(attempt)
            if attempt + 1 < attempts:
                log.info("%s: %s%s; retrying in %.1f s (attempt %d of %d)", shown, problem,
                         f" (HTTP {status})" if status else "", wait, attempt + 2, attempts)
                self._sleep(wait)
        if status == 429:
            raise FetchError(f"{shown}: rate limited (HTTP 429) on all {attempts} attempts; "
                             f"wait a few minutes and retry, or lower the request rate{hint}")
        if status is not None:
            raise FetchError(f"{shown}: server error (HTTP {status}) on all {attempts} attempts; "
                             "the service may be down, try again later")
        raise FetchError(f"{shown}: {problem} on all {attempts} attempts; "
                         "check your network connection or proxy and try again")

    def _client_error(self, shown: str, status: int, response: Any, auth: _Auth) -> str:
        detail = ""
        body = getattr(response, "text", "") or ""
        try:
            data = json.loads(body)
        except ValueError:
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

    def _cache_read(self, path: Path) -> str | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return None
        if self.cache_ttl is not None:
            fetched = data.get("fetched_at")
            if not isinstance(fetched, (int, float)) or self._wall() - fetched > self.cache_ttl:
                return None
        return data["text"]

    def _cache_write(self, path: Path, shown: str, text: str) -> None:
        record = {"url": shown, "fetched_at": self._wall(), "text": text}
        try:
            atomic_write_text(path, json.dumps(record, ensure_ascii=False))
        except OSError as exc:  # a cache that cannot be written is not fatal
            log.warning("cannot write the response cache in %s (%s); continuing without it",
                        path.parent, exc.strerror)
