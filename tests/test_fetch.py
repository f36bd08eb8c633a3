"""Tests for the HTTP client and the fetchers, replayed from recorded-format answers.

Nothing here touches the network: the ``responses`` library answers every
request, and an autouse fixture makes any real socket connection fail loudly.
"""

from __future__ import annotations

import email.utils
import errno
import io
import json
import logging
import re
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
import responses
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError

from graphbuild import http as http_mod
from graphbuild.errors import FetchError, OutputError
from graphbuild.fetch import (
    ARXIV_API,
    OPENALEX_API,
    S2_API,
    S2_LINK_FIELDS,
    fetch_arxiv,
    fetch_openalex,
    fetch_s2,
    iter_s2_links,
    run_fetch,
)
from graphbuild.http import HttpClient, PoliteRetry, redact
from graphbuild.ingest import detect_format, read_papers
from graphbuild.ingest.metadata import read_arxiv, read_openalex, read_s2
from graphbuild.records import Paper

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"


pytestmark = pytest.mark.usefixtures("no_network")


# -- test doubles ----------------------------------------------------------------------------
# Requests are answered by the ``responses`` library (it replaces the transport of every
# requests session), through a small helper that hands each test handler the URL and the
# query parameters; the clock is fake so no test waits.

@dataclass
class Answer:
    status: int = 200
    text: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def ok_json(data: Any) -> Answer:
    return Answer(200, json.dumps(data))


@dataclass
class Call:
    url: str
    params: dict[str, Any]
    headers: dict[str, str]


def _params(url: str) -> dict[str, Any]:
    return {k: int(v) if v.isdigit() else v for k, v in parse_qsl(urlsplit(url).query)}


class Web:
    """The fake web: answers every GET from a handler ``(url, params) -> Answer`` (or raises)."""

    def __init__(self, mock: responses.RequestsMock):
        self.mock = mock

    def serve(self, handler: Callable[[str, dict[str, Any]], Answer]) -> Web:
        def callback(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
            answer = handler(str(request.url).split("?", 1)[0], _params(str(request.url)))
            return answer.status, answer.headers, answer.text

        self.mock.add_callback(responses.GET, re.compile(r"https?://.*"), callback=callback)
        return self

    def queue(self, *answers: Answer | Exception) -> Web:
        pending = list(answers)

        def handler(url: str, params: dict[str, Any]) -> Answer:
            answer = pending.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer

        return self.serve(handler)

    @property
    def calls(self) -> list[Call]:
        return [Call(str(c.request.url).split("?", 1)[0], _params(str(c.request.url)), dict(c.request.headers))
                for c in self.mock.calls]


@pytest.fixture()
def web() -> Iterator[Web]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield Web(mock)


class FakeClock:
    """Monotonic and wall clocks that only move when ``sleep`` is called."""

    def __init__(self, start: float = 1_700_000_000.0):
        self.now = start
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def make_client(clock: FakeClock | None = None, **kwargs: Any) -> HttpClient:
    clock = clock or FakeClock()
    kwargs.setdefault("env", {})
    kwargs.setdefault("intervals", {})
    return HttpClient(sleep=clock.sleep, clock=clock, wall_clock=clock, **kwargs)


def s2_paper(n: int, **extra: Any) -> dict[str, Any]:
    return {"paperId": f"{n:040x}", "externalIds": {"CorpusId": n}, "title": f"Paper number {n}",
            "year": 2020, **extra}


def atom_page(ids: list[str], total: int) -> str:
    entries = "".join(
        f"<entry><id>http://arxiv.org/abs/{i}v1</id><published>2023-05-0{k % 9 + 1}T00:00:00Z</published>"
        f"<title>Title {i}</title><summary>Abstract of {i}.</summary>"
        f"<author><name>Author {k}</name></author>"
        f"<arxiv:journal_ref>Venue {k}</arxiv:journal_ref></entry>"
        for k, i in enumerate(ids)
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom">'
            f"<title>q</title><opensearch:totalResults>{total}</opensearch:totalResults>{entries}</feed>")


# -- HTTP client ------------------------------------------------------------------------------

def test_http_429_honours_retry_after_seconds(web: Web) -> None:
    web.queue(Answer(429, "slow down", {"Retry-After": "7"}), ok_json({"a": 1}))
    clock = FakeClock()
    client = make_client(clock)
    assert client.get_json("https://api.example.org/x") == {"a": 1}
    assert clock.sleeps == [7.0]
    assert len(web.calls) == 2


def test_http_503_honours_retry_after_http_date(web: Web) -> None:
    clock = FakeClock()
    when = email.utils.formatdate(clock.now + 12, usegmt=True)
    web.queue(Answer(503, "", {"Retry-After": when}), ok_json([1]))
    client = make_client(clock)
    assert client.get_json("https://api.example.org/x") == [1]
    assert clock.sleeps == [12.0]


def test_http_every_wait_before_a_retry_is_told(web: Web) -> None:
    web.queue(Answer(429, "slow down", {"Retry-After": "120"}), Answer(503, ""), ok_json({"a": 1}))
    notices: list[str] = []
    with make_client(env={"S2_API_KEY": "s2-SECRET"}, notice=notices.append) as client:
        assert client.get_json(f"{S2_API}/paper/x", {"fields": "title"}) == {"a": 1}
    assert notices == ["/graph/v1/paper/x: HTTP 429; asking again in 120 s",
                       "/graph/v1/paper/x: HTTP 503; asking again in 2 s"]


def test_fetch_command_says_when_it_waits_out_a_rate_limit(web: Web, tmp_path: Path, capsys) -> None:
    from graphbuild.cli import main

    web.queue(Answer(429, "slow down", {"Retry-After": "0"}),
              ok_json({"meta": {"count": 1, "next_cursor": None}, "results": [{"id": "https://openalex.org/W1"}]}))
    out = tmp_path / "w.openalex.jsonl"
    assert main(["fetch", "openalex", "--search", "graphs", "--max", "1", "-o", str(out)]) == 0
    assert "fetch: /works: HTTP 429; asking again\n" in capsys.readouterr().err
    assert len(out.read_text().splitlines()) == 1


def test_http_500_then_success_backs_off_once(web: Web) -> None:
    web.queue(Answer(500, "oops"), ok_json({"ok": True}))
    clock = FakeClock()
    client = make_client(clock, backoff=1.5)
    assert client.get_json("https://api.example.org/x") == {"ok": True}
    assert clock.sleeps == [1.5]


def test_http_retry_policy_backs_off_on_connection_errors_then_gives_up() -> None:
    # urllib3 drives this policy on the adapter for connection errors and timeouts;
    # `responses` does not retry raised errors, so the policy is exercised directly.
    clock = FakeClock()
    waits: list[tuple[float, Any]] = []

    def on_wait(seconds: float, status: int | None, error: Exception | None, url: str) -> None:
        waits.append((seconds, type(error).__name__))
        clock.sleep(seconds)

    policy = PoliteRetry(total=2, backoff_factor=1.0, on_wait=on_wait, wall_clock=clock)
    error = NewConnectionError(None, "refused")  # type: ignore[arg-type]
    policy = policy.increment("GET", "/x", error=error)
    policy = policy.increment("GET", "/x", error=error)
    with pytest.raises(MaxRetryError):
        policy.increment("GET", "/x", error=error)
    assert waits == [(1.0, "NewConnectionError"), (2.0, "NewConnectionError")]
    assert clock.sleeps == [1.0, 2.0]


@pytest.mark.parametrize("cause, problem, sleeps", [
    # offline: `graphbuild expand` waited 1+2+4+8+16 s for a name that never resolved, then said "could not
    # connect on all 6 attempts"; a host that cannot be reached is tried once more, and the line says why
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
     "cannot find the host api.example.org (its name did not resolve: no network connection, or no DNS), "
     "on 2 attempts", [1.0]),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
     "api.example.org refused the connection (nothing answers there, or a firewall or proxy refuses it), "
     "on 2 attempts", [1.0]),
    (OSError(errno.ENETUNREACH, "Network is unreachable"),
     "no network route to api.example.org (no network connection), on 2 attempts", [1.0]),
    # a timeout is worth the whole back-off, and so is a connection that fails any other way
    (TimeoutError("timed out"), "no answer within 30 s on all 6 attempts", [1.0, 2.0, 4.0, 8.0, 16.0]),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "could not connect on all 6 attempts",
     [1.0, 2.0, 4.0, 8.0, 16.0]),
])
def test_http_a_host_that_cannot_be_reached_is_tried_twice_not_through_every_back_off(
        monkeypatch: pytest.MonkeyPatch, cause: OSError, problem: str, sleeps: list[float]) -> None:
    import urllib3.util.connection

    opened: list[tuple[str, int]] = []

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> None:  # what the socket layer says
        opened.append(address)
        raise cause

    monkeypatch.setattr(urllib3.util.connection, "create_connection", connect)  # nothing leaves the machine
    clock = FakeClock()
    with make_client(clock) as client, pytest.raises(FetchError) as info:
        client.get_text("https://api.example.org/x")
    assert str(info.value) == (f"[E500] https://api.example.org/x: {problem}; "
                               "check your network connection or proxy and try again")
    assert clock.sleeps == sleeps and len(opened) == len(sleeps) + 1


def test_http_doctests_run() -> None:
    import doctest

    result = doctest.testmod(http_mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_http_retry_policy_stops_at_the_second_unreachable_attempt_whatever_total_allows() -> None:
    clock = FakeClock()
    policy = PoliteRetry(total=5, backoff_factor=1.0, on_wait=lambda s, *_: clock.sleep(s), wall_clock=clock)
    error = NameResolutionError("api.example.org", None, socket.gaierror(-2, "Name or service not known"))
    policy = policy.increment("GET", "/x", error=error)
    with pytest.raises(MaxRetryError) as info:
        policy.increment("GET", "/x", error=error)
    assert info.value.reason is error and clock.sleeps == [1.0]
    assert http_mod.unreachable(NewConnectionError(None, "refused")) is None  # no cause said why: retried


@pytest.mark.parametrize("error, problem", [
    (requests.ConnectionError("refused"), "could not connect"),
    (requests.ReadTimeout("slow"), "no answer within 30 s"),
])
def test_http_connection_failures_are_one_coded_line(web: Web, error: Exception, problem: str) -> None:
    web.queue(error)
    client = make_client(retries=2)
    with pytest.raises(FetchError) as info:
        client.get_text("https://api.example.org/x")
    assert str(info.value) == (f"[E500] https://api.example.org/x: {problem} on all 3 attempts; "
                               "check your network connection or proxy and try again")


def test_http_429_exhausted_is_reported_as_rate_limiting(web: Web) -> None:
    web.serve(lambda url, params: Answer(429, "{}"))
    clock = FakeClock()
    client = make_client(clock, retries=3, backoff=1.0)
    with pytest.raises(FetchError) as info:
        client.get_json(f"{S2_API}/paper/arXiv:2101.00001", {"fields": "title"})
    message = str(info.value)
    assert "rate limited (HTTP 429) on all 4 attempts" in message
    assert "S2_API_KEY" in message  # suggests the fix
    assert "https://api.semanticscholar.org/graph/v1/paper/arXiv:2101.00001?fields=title" in message
    assert "\n" not in message
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert len(web.calls) == 4


def test_http_long_retry_after_fails_at_once(web: Web) -> None:
    web.queue(Answer(429, "", {"Retry-After": "3600"}))
    clock = FakeClock()
    client = make_client(clock, max_retry_after=60)
    with pytest.raises(FetchError, match=r"rate limited .*asks to wait 3600 s \(1 h\), try again later"):
        client.get_json("https://api.example.org/x")
    assert clock.sleeps == []


def test_http_server_error_exhausted_says_service_down(web: Web) -> None:
    web.serve(lambda url, params: Answer(502, "bad gateway"))
    client = make_client(retries=1)
    with pytest.raises(FetchError, match=r"server error \(HTTP 502\) on all 2 attempts; the service may be down"):
        client.get_json("https://api.example.org/x")


@pytest.mark.parametrize("body, said", [
    ("<!DOCTYPE html><html><body>Sign in to continue</body></html>",
     "the answer is an HTML page, not JSON (a proxy, firewall or sign-in page may answer in the service's place); "
     "check your network, or try again later"),
    (" \n", "the answer is empty, not JSON; the service may be having trouble, try again later"),
])
def test_http_an_html_page_or_an_empty_answer_is_said_so_not_a_json_parser_s_column(web: Web, body: str,
                                                                                  said: str) -> None:
    """A 200 answer that is a web page, or nothing, was "not valid JSON (Expecting value: line 1 column 1 (char
    0))": words that say nothing of what came, and advice to wait that does not fit a sign-in page."""
    web.serve(lambda url, params: Answer(200, body, {"Content-Type": "text/html"}))
    with pytest.raises(FetchError) as caught:
        make_client().get_json("https://api.example.org/x", {"q": 1})
    assert str(caught.value) == f"[E500] https://api.example.org/x?q=1: {said}"


def test_http_a_redirect_loop_is_one_line_saying_so(web: Web) -> None:
    """A service redirecting to itself was "request failed (TooManyRedirects); check the URL and your network
    settings": a class name, and advice about the user's network for the service's fault."""
    web.serve(lambda url, params: Answer(302, "", {"Location": "https://api.example.org/x?q=1"}))
    with pytest.raises(FetchError) as caught:
        make_client().get_json("https://api.example.org/x", {"q": 1})
    assert str(caught.value) == ("[E500] https://api.example.org/x?q=1: the service redirects in a loop (more than "
                                 "30 redirects); check the URL, or try again later")


def test_http_a_retry_after_too_large_for_a_number_fails_at_once_in_one_line(web: Web) -> None:
    """``Retry-After: 1000…0`` (400 digits) is infinity as a float: formatting the wait raised OverflowError."""
    web.serve(lambda url, params: Answer(503, "", {"Retry-After": "1" + "0" * 400}))
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        make_client(clock).get_json("https://api.example.org/x")
    assert str(caught.value) == ("[E500] https://api.example.org/x: server error (HTTP 503); the service asks to "
                                 "wait more than 100 days, try again later")
    assert clock.sleeps == []


def test_http_malformed_json_names_the_url_and_is_not_cached(web: Web, tmp_path: Path) -> None:
    web.queue(Answer(200, '{"data": [1, 2'), ok_json({"data": []}))
    client = make_client(cache_dir=tmp_path)
    with pytest.raises(FetchError, match=r"https://api\.example\.org/x\?q=1: the answer is not valid JSON"):
        client.get_json("https://api.example.org/x", {"q": 1})
    # the bad answer was dropped from the cache: the next call asks again, and that answer stays
    assert client.get_json("https://api.example.org/x", {"q": 1}) == {"data": []}
    assert client.get_json("https://api.example.org/x", {"q": 1}) == {"data": []}
    assert len(web.calls) == 2


def test_http_answer_larger_than_the_cap_is_one_line_and_not_cached(web: Web, tmp_path: Path) -> None:
    """A service's answer was read whole into memory, however large."""
    limit = 1000
    web.queue(Answer(200, json.dumps({"data": "x" * limit})), Answer(200, '{"data": "%s"}' % ("y" * (limit - 12))),
              Answer(200, "z" * (limit + 1)))
    client = make_client(cache_dir=tmp_path, max_answer_bytes=limit)
    with pytest.raises(FetchError) as caught:
        client.get_json("https://api.example.org/x", {"q": 1})
    assert str(caught.value) == ("[E500] https://api.example.org/x?q=1: the answer is larger than 1,000 bytes, more "
                                 "than graphbuild reads from one answer; ask for fewer results per request, or try "
                                 "again later")
    assert len(client.get_json("https://api.example.org/x", {"q": 1})["data"]) == limit - 12  # exactly the cap
    assert client.get_json("https://api.example.org/x", {"q": 1})["data"].startswith("y")  # that one was cached
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):  # text too, not only JSON
        client.get_text("https://api.example.org/y")
    assert len(web.calls) == 3
    from graphbuild.http import MAX_ANSWER_BYTES

    assert make_client().max_answer_bytes == MAX_ANSWER_BYTES == 64 * 2**20


def test_http_answer_cap_counts_bytes_after_gzip_and_trusts_a_declared_length(web: Web) -> None:
    import gzip

    web.mock.add(responses.GET, "https://api.example.org/bomb", body=gzip.compress(b"0" * 100_000),
                 headers={"Content-Encoding": "gzip"})  # 100 kB in a few hundred bytes
    web.mock.add(responses.GET, "https://api.example.org/small", body=gzip.compress(b'{"ok": 1}'),
                 headers={"Content-Encoding": "gzip"})
    client = make_client(max_answer_bytes=10_000)
    with pytest.raises(FetchError, match="larger than 10,000 bytes"):
        client.get_text("https://api.example.org/bomb")
    assert client.get_json("https://api.example.org/small") == {"ok": 1}
    response = requests.Response()
    response.headers["Content-Length"] = str(10**12)
    response.raw = _Unread()
    with pytest.raises(http_mod.AnswerTooLarge):
        http_mod._read_capped(response, 10_000)  # refused on the header: not one byte read


class _Unread:
    def read(self, *args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("the body was read")

    stream = read

    def close(self) -> None:
        pass


class Trickle(io.RawIOBase):
    """An answer's body arriving one byte per read, each read taking ``per_read`` seconds of ``clock``;
    after ``stall_after`` bytes a read times out, as a socket's does.
    """

    def __init__(self, data: bytes, clock: FakeClock, per_read: float = 1.0, stall_after: int | None = None):
        self.data, self.clock, self.per_read, self.stall_after, self.at = data, clock, per_read, stall_after, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.stall_after is not None and self.at >= self.stall_after:
            raise TimeoutError("timed out")
        self.clock.now += self.per_read
        piece = self.data[self.at: self.at + 1]
        buffer[: len(piece)] = piece
        self.at += len(piece)
        return len(piece)


def serve_body(web: Web, body: io.BufferedReader) -> None:
    web.mock.add_callback(responses.GET, re.compile(r"https?://.*"),
                          callback=lambda request: (200, {"Content-Type": "application/json"}, body))


def test_http_an_answer_that_stops_arriving_is_asked_again_then_says_so_not_could_not_connect(web: Web) -> None:
    clock = FakeClock()  # every answer stops after 5 bytes: asked for again whole, with the back-off of any retry
    web.mock.add_callback(responses.GET, re.compile(r"https?://.*"), callback=lambda request: (
        200, {"Content-Type": "application/json"},
        io.BufferedReader(Trickle(b'{"data": [1, 2, 3]}', clock, stall_after=5), buffer_size=1)))
    with make_client(clock, timeout=30, retries=2) as client, pytest.raises(FetchError) as error:
        client.get_json(f"{S2_API}/paper/x")
    assert "the answer stopped arriving (nothing more within 30 s) on all 3 attempts" in str(error.value)
    assert "connect" not in str(error.value)
    assert len(web.calls) == 3 and clock.sleeps == [1.0, 2.0]


def test_http_an_answer_trickling_in_is_given_up_after_max_answer_seconds(web: Web, tmp_path: Path) -> None:
    clock = FakeClock()  # a byte every 10 s: each read is within the 30 s timeout, the whole would take 2 hours
    body = json.dumps({"data": [1] * 300}).encode()
    serve_body(web, io.BufferedReader(Trickle(body, clock, per_read=10.0), buffer_size=1))
    with make_client(clock, timeout=30, max_answer_seconds=120, cache_dir=tmp_path / "cache") as client, \
            pytest.raises(FetchError, match=r"the answer was still arriving after 120 s, too slowly to wait for"):
        client.get_json(f"{S2_API}/paper/x")
    assert 120 < clock.now - FakeClock().now <= 140
    assert b'"status_code": 200' not in (tmp_path / "cache" / "http_cache.sqlite").read_bytes()


def test_http_client_errors_are_not_retried_and_explain(web: Web) -> None:
    web.queue(Answer(404, json.dumps({"error": "Paper not found"})))
    clock = FakeClock()
    client = make_client(clock)
    with pytest.raises(FetchError, match=r"not found \(HTTP 404\) \(Paper not found\); check the paper id"):
        client.get_json(f"{S2_API}/paper/nope")
    assert clock.sleeps == [] and len(web.calls) == 1


def test_http_api_keys_sent_but_never_in_errors_or_cache(web: Web, tmp_path: Path) -> None:
    secret, email_, oa_key = "s2-SECRET-key-123", "me@example.org", "oa-SECRET-456"
    env = {"S2_API_KEY": secret, "OPENALEX_EMAIL": email_, "OPENALEX_API_KEY": oa_key}

    def handler(url: str, params: dict[str, Any]) -> Answer:
        if "semanticscholar" in url and params.get("fields") == "bad":
            return Answer(403, json.dumps({"message": f"key {secret} is not allowed"}))
        if "openalex" in url and params.get("search") == "bad":
            return Answer(400, f"bad param api_key={oa_key}&mailto={email_}")
        return ok_json({"ok": 1})

    web.serve(handler)
    client = make_client(cache_dir=tmp_path / "cache", env=env)
    client.get_json(f"{S2_API}/paper/x", {"fields": "title"})
    client.get_json(OPENALEX_API, {"search": "graphs"})
    assert web.calls[0].headers["x-api-key"] == secret
    assert web.calls[1].params["mailto"] == email_ and web.calls[1].params["api_key"] == oa_key
    with pytest.raises(FetchError) as s2_error:
        client.get_json(f"{S2_API}/paper/x", {"fields": "bad"})
    with pytest.raises(FetchError) as oa_error:
        client.get_json(OPENALEX_API, {"search": "bad"})
    for message in (str(s2_error.value), str(oa_error.value)):
        assert secret not in message and oa_key not in message and email_ not in message
    assert "check S2_API_KEY" in str(s2_error.value)
    client.close()
    stored = (tmp_path / "cache" / "http_cache.sqlite").read_bytes()
    assert stored.count(b'"status_code": 200') == 2  # both good answers, nothing else
    for value in (secret, oa_key, email_):
        assert value.encode() not in stored
    # the cache key is the same with or without credentials in the environment
    keyless = make_client(cache_dir=tmp_path / "cache")
    assert keyless.get_json(OPENALEX_API, {"search": "graphs"}) == {"ok": 1}
    assert keyless.requests_sent == 0
    keyless.close()


def test_http_api_keys_never_follow_a_redirect_to_another_host(web: Web) -> None:
    env = {"S2_API_KEY": "s2-SECRET-key-123", "OPENALEX_API_KEY": "oa-SECRET-456"}

    def handler(url: str, params: dict[str, Any]) -> Answer:
        if url.endswith("/paper/moved"):  # a redirect within the service keeps the key
            return Answer(301, "", {"Location": f"{S2_API}/paper/here"})
        if url.startswith("https:") and url.endswith("/paper/downgraded"):  # ... unless it is to plain HTTP
            return Answer(301, "", {"Location": url.replace("https:", "http:")})
        if url.startswith("http:"):
            return ok_json({"paperId": "x"})
        if "semanticscholar" in url and not url.endswith("/here"):
            return Answer(302, "", {"Location": "https://elsewhere.example/grab"})
        if "openalex" in url:
            return Answer(302, "", {"Location": "https://elsewhere.example/grab?api_key=oa-SECRET-456&q=1"})
        return ok_json({"paperId": "x"})

    web.serve(handler)
    with make_client(env=env) as client:
        client.get_json(f"{S2_API}/paper/x")
        client.get_json(OPENALEX_API, {"search": "graphs"})
        client.get_json(f"{S2_API}/paper/moved")
        client.get_json(f"{S2_API}/paper/downgraded")
    away = [c for c in web.calls if "elsewhere" in c.url or c.url.startswith("http:")]
    assert len(away) == 3 and all("x-api-key" not in c.headers and "api_key" not in c.params for c in away)
    assert away[1].params == {"q": 1}
    here = next(c for c in web.calls if c.url.endswith("/paper/here"))
    assert here.headers["x-api-key"] == "s2-SECRET-key-123"


def test_http_api_keys_never_logged(web: Web, caplog: pytest.LogCaptureFixture) -> None:
    env = {"OPENALEX_EMAIL": "me@example.org", "OPENALEX_API_KEY": "oa-SECRET-456"}
    web.queue(Answer(503, ""), ok_json({"results": []}))
    caplog.set_level(logging.DEBUG)
    with make_client(env=env) as client:
        client.get_json(OPENALEX_API, {"search": "graphs"})
        # a third-party library logging a full URL is redacted too
        logging.getLogger("urllib3.connectionpool").debug("GET %s", web.mock.calls[0].request.url)
    assert "api_key=" in caplog.text and "retrying in 1.0 s" in caplog.text
    assert "oa-SECRET-456" not in caplog.text and "me@example.org" not in caplog.text


def test_http_api_keys_are_hidden_in_their_url_encoded_form_too(web: Web, caplog: pytest.LogCaptureFixture) -> None:
    env = {"OPENALEX_EMAIL": "me+graphs@uni.example", "OPENALEX_API_KEY": "oa/SECRET=456"}
    caplog.set_level(logging.DEBUG)

    def handler(url: str, params: dict[str, Any]) -> Answer:  # the service echoes the URL it was sent
        return Answer(400, json.dumps({"error": f"cannot read {url}?{urlencode(params)}"}))

    web.serve(handler)
    with make_client(env=env) as client, pytest.raises(FetchError) as error:
        logging.getLogger("urllib3.connectionpool").debug("GET %s", "/works?mailto=me%2Bgraphs%40uni.example")
        client.get_json(OPENALEX_API, {"search": "graphs"})
    assert "api_key=" in str(error.value) and "mailto=" in caplog.text
    for hidden in ("me%2Bgraphs%40uni.example", "oa%2FSECRET%3D456", "SECRET"):
        assert hidden not in str(error.value) and hidden not in caplog.text


def test_http_redact_replaces_every_secret() -> None:
    assert redact("a=abc&b=abcdef", ["abcdef", "abc"]) == "a=***&b=***"
    assert redact("nothing", ["", "zzz"]) == "nothing"


def counting(web: Web) -> None:
    """Answer every request with ``{"n": <how many requests reached the server so far>}``."""
    served: list[int] = []

    def handler(url: str, params: dict[str, Any]) -> Answer:
        served.append(1)
        return ok_json({"n": len(served)})

    web.serve(handler)


def test_http_cache_hit_avoids_second_request(web: Web, tmp_path: Path) -> None:
    counting(web)
    client = make_client(cache_dir=tmp_path)
    assert client.get_json("https://api.example.org/x", {"a": 1, "b": 2}) == {"n": 1}
    # same URL and parameters in another order: served from disk
    assert client.get_json("https://api.example.org/x", {"b": 2, "a": 1}) == {"n": 1}
    assert len(web.calls) == 1 and client.requests_sent == 1
    assert client.get_json("https://api.example.org/x", {"a": 1, "b": 3}) == {"n": 2}
    client.close()
    # a new client (a new run) reads the same cache
    again = make_client(cache_dir=tmp_path)
    assert again.get_json("https://api.example.org/x", {"a": 1, "b": 2}) == {"n": 1}
    assert again.requests_sent == 0 and len(web.calls) == 2
    again.close()


def test_http_a_damaged_cache_entry_is_asked_again_without_a_stray_line(web: Web, tmp_path: Path,
                                                                        monkeypatch) -> None:
    printed = io.StringIO()  # where Python prints a warning when logging is not set up, as in the command
    monkeypatch.setattr(logging, "lastResort", logging.StreamHandler(printed))
    monkeypatch.setattr(logging.root, "handlers", [])
    web.serve(lambda url, params: ok_json({"n": 1}))
    with make_client(cache_dir=tmp_path) as client:
        client.get_json(OPENALEX_API, {"q": "x"})
    with sqlite3.connect(tmp_path / "http_cache.sqlite") as db:
        db.execute("UPDATE responses SET value = ?", (b'{"status_code": 200, "_con',))  # cut short on disk
    with make_client(cache_dir=tmp_path) as client:
        assert client.get_json(OPENALEX_API, {"q": "x"}) == {"n": 1} and client.requests_sent == 1
    with make_client(cache_dir=tmp_path) as client:  # and the entry is whole again
        assert client.get_json(OPENALEX_API, {"q": "x"}) == {"n": 1} and client.requests_sent == 0
    assert printed.getvalue() == ""  # was "Unable to deserialize response: Unterminated string ..."


def test_http_cache_ttl_expires(web: Web, tmp_path: Path) -> None:
    counting(web)
    client = make_client(cache_dir=tmp_path, cache_ttl=1)  # requests-cache keeps real time
    assert client.get_json("https://api.example.org/x") == {"n": 1}
    assert client.get_json("https://api.example.org/x") == {"n": 1}
    time.sleep(1.1)
    assert client.get_json("https://api.example.org/x") == {"n": 2}
    client.close()


def test_http_cache_is_read_while_another_run_writes_to_it(web: Web, tmp_path: Path) -> None:
    web.serve(lambda url, params: ok_json({"n": params["n"]}))
    with make_client(cache_dir=tmp_path) as first:
        first.get_json(OPENALEX_API, {"n": 1})
    other = sqlite3.connect(tmp_path / "http_cache.sqlite", timeout=0.1, isolation_level=None)
    with make_client(cache_dir=tmp_path) as second:
        other.execute("BEGIN EXCLUSIVE")  # another run in the middle of writing (rollback journal: readers blocked)
        try:
            assert second.get_json(OPENALEX_API, {"n": 1}) == {"n": 1} and second.requests_sent == 0
        finally:
            other.rollback()
            other.close()


def test_http_a_cache_that_fails_mid_run_is_one_line(web: Web, tmp_path: Path, monkeypatch) -> None:
    web.serve(lambda url, params: ok_json({"n": 1}))
    with make_client(cache_dir=tmp_path / "c") as client:
        def locked(*args: Any, **kwargs: Any) -> None:
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(client._session.cache, "get_response", locked)
        with pytest.raises(FetchError, match=r"works\?n=1: the response cache .*/c could not be used \(database is "
                           r"locked\); another graphbuild may be using it: try again, or choose another cache folder"):
            client.get_json(OPENALEX_API, {"n": 1})


@pytest.mark.parametrize("make, words", [
    (lambda root: (root / "c").write_text("x"), "the cache folder {root}/c is a file; choose a folder"),
    (lambda root: (root / "c").mkdir() or (root / "c" / "http_cache.sqlite").write_bytes(b"\x93" * 4096),
     "cannot open the response cache {root}/c/http_cache.sqlite: file is not a database; delete the damaged file"),
    (lambda root: (root / "c").mkdir() or (root / "c" / "http_cache.sqlite").mkdir(),
     "cannot open the response cache {root}/c/http_cache.sqlite: unable to open database file; choose another"),
    (lambda root: (root / "c").symlink_to(root / ("c" * 300)),
     "cannot open the response cache {root}/c/http_cache.sqlite: File name too long; choose another"),
])
def test_http_a_cache_that_cannot_be_opened_is_one_line(tmp_path: Path, make, words: str) -> None:
    make(tmp_path)  # each was a traceback (FileExistsError, sqlite3.DatabaseError, sqlite3.OperationalError)
    with pytest.raises(FetchError) as info:
        make_client(cache_dir=tmp_path / "c")
    assert str(info.value).startswith("[E500] " + words.format(root=tmp_path))


def test_fetch_arxiv_output_that_is_a_folder_fails_before_any_request(web: Web, tmp_path: Path) -> None:
    web.serve(lambda url, params: Answer(200, atom_page(["2301.00001"], 1)))
    with pytest.raises(OutputError, match=r"cannot write .*: it is a folder; name a file"):
        fetch_arxiv("all:x", 5, tmp_path, make_client())
    assert web.calls == []  # the whole answer was fetched, then the write failed


def test_http_cache_is_json_not_pickle(web: Web, tmp_path: Path) -> None:
    web.queue(ok_json({"title": "Ünïcode ✓"}))
    with make_client(cache_dir=tmp_path) as client:
        client.get_json("https://api.example.org/x")
    rows = sqlite3.connect(tmp_path / "http_cache.sqlite").execute("SELECT value FROM responses").fetchall()
    assert len(rows) == 1
    stored = json.loads(rows[0][0])  # readable JSON: nothing in the cache can run code when loaded
    assert stored["status_code"] == 200


def test_http_rate_limit_keeps_min_interval_per_host(web: Web) -> None:
    web.serve(lambda url, params: Answer(200, "ok"))
    clock = FakeClock()
    client = make_client(clock, intervals={"export.arxiv.org": 3.0}, rate_limit_per_s=2)
    client.get_text("https://export.arxiv.org/api/query", {"start": 0})
    clock.now += 1.0
    client.get_text("https://export.arxiv.org/api/query", {"start": 1})
    client.get_text("https://api.example.org/a")  # other host: its own (0.5 s) interval
    client.get_text("https://api.example.org/b")
    assert clock.sleeps == [2.0, 0.5]


# -- fetchers ---------------------------------------------------------------------------------

def test_fetch_s2_pages_references_by_next_offset_and_reads_back(web: Web, tmp_path: Path) -> None:
    seed = s2_paper(1, referenceCount=3, citationCount=2, externalIds={"ArXiv": "2106.09685", "CorpusId": 1})
    refs = [s2_paper(n) for n in (10, 11, 12)]
    cites = [s2_paper(n) for n in (20, 21)]

    def handler(url: str, params: dict[str, Any]) -> Answer:
        offset, limit = int(params.get("offset", 0)), int(params.get("limit", 0))
        if url.endswith("/references"):
            chunk = refs[offset:offset + 2]  # the server pages by two whatever we ask
            page: dict[str, Any] = {"offset": offset, "data": [{"citedPaper": p} for p in chunk]}
            if offset + 2 < len(refs):
                page["next"] = offset + 2
            return ok_json(page)
        if url.endswith("/citations"):
            return ok_json({"offset": offset, "data": [{"citingPaper": p} for p in cites[:limit]]})
        return ok_json(seed)

    web.serve(handler)
    out = tmp_path / "seed.s2.jsonl"
    seen: list[tuple[str, int, int | None]] = []
    n = fetch_s2("arXiv:2106.09685", out, make_client(), citations=True,
                 progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert n == 1
    assert [c.url for c in web.calls] == [
        f"{S2_API}/paper/arXiv:2106.09685",
        f"{S2_API}/paper/arXiv:2106.09685/references",
        f"{S2_API}/paper/arXiv:2106.09685/references",
        f"{S2_API}/paper/arXiv:2106.09685/citations",
    ]
    assert [c.params.get("offset") for c in web.calls[1:3]] == [0, 2]
    assert seen == [("s2 references", 2, 5), ("s2 references", 3, 5), ("s2 citations", 5, 5)]
    assert detect_format(out) == "s2"
    papers = [p for p in read_s2(out) if isinstance(p, Paper)]
    assert papers[0].arxiv_id == "2106.09685"
    assert [r.title for r in papers[0].references] == ["Paper number 10", "Paper number 11", "Paper number 12"]
    assert [(p.title, p.external) for p in papers[1:]] == [("Paper number 20", True), ("Paper number 21", True)]
    assert all(p.references == (papers[0].ref(),) for p in papers[1:])


def test_fetch_s2_links_stop_at_limit(web: Web) -> None:
    web.serve(lambda url, params: ok_json(
        {"offset": params["offset"], "next": params["offset"] + params["limit"],
         "data": [{"citedPaper": s2_paper(params["offset"] + k)} for k in range(params["limit"])]}))
    links = list(iter_s2_links(make_client(), "CorpusId:5", "references", limit=5, page_size=2))
    assert [p["title"] for p in links] == [f"Paper number {k}" for k in range(5)]
    assert [(c.params["offset"], c.params["limit"]) for c in web.calls] == [(0, 2), (2, 2), (4, 1)]


def test_fetch_s2_without_links_writes_only_the_paper(web: Web, tmp_path: Path) -> None:
    web.queue(ok_json(s2_paper(7)))
    out = tmp_path / "one.jsonl"
    assert fetch_s2(["CorpusId:7"], out, make_client(), references=False) == 1
    assert len(web.calls) == 1
    assert json.loads(out.read_text())["title"] == "Paper number 7"


def test_fetch_openalex_follows_cursor_and_stops_at_max(web: Web, tmp_path: Path) -> None:
    works = [{"id": f"https://openalex.org/W{n}", "display_name": f"Work {n}", "publication_year": 2020,
              "abstract_inverted_index": {"hello": [0], "world": [1]}, "referenced_works": []}
             for n in range(1, 6)]
    pages = {"*": (works[0:2], "c2"), "c2": (works[2:4], "c3"), "c3": (works[4:5], None)}

    def handler(url: str, params: dict[str, Any]) -> Answer:
        results, nxt = pages[params["cursor"]]
        return ok_json({"meta": {"count": 5, "per_page": 2, "next_cursor": nxt}, "results": results})

    web.serve(handler)
    out = tmp_path / "works.openalex.jsonl"
    seen: list[tuple[int, int | None]] = []
    n = fetch_openalex("knowledge graphs", 3, out, make_client(),
                       progress=lambda s, d, t: seen.append((d, t)))
    assert n == 3
    assert [c.params["cursor"] for c in web.calls] == ["*", "c2"]
    assert web.calls[0].params["search"] == "knowledge graphs"
    assert web.calls[0].params["per-page"] == 3
    assert seen == [(2, 3), (3, 3)]
    assert detect_format(out) == "openalex"
    papers = [p for p in read_openalex(out) if isinstance(p, Paper)]
    assert [(p.title, p.abstract, p.ids) for p in papers] == [
        (f"Work {k}", "hello world", (("openalex", f"W{k}"),)) for k in (1, 2, 3)]


def test_fetch_openalex_all_pages_until_cursor_is_null(web: Web, tmp_path: Path) -> None:
    web.queue(
        ok_json({"meta": {"count": 3, "next_cursor": "abc"}, "results": [{"id": "W1", "title": "A"}]}),
        ok_json({"meta": {"count": 3, "next_cursor": None}, "results": [{"id": "W2", "title": "B"}]}),
    )
    assert fetch_openalex("x", 100, tmp_path / "o.jsonl", make_client()) == 2
    assert len(web.calls) == 2


@pytest.mark.parametrize("results, cursor", [([], "next"), ([{"id": "W1", "title": "A"}], "*")])
def test_fetch_openalex_stops_when_a_page_holds_no_work_or_the_cursor_stays(web: Web, tmp_path: Path,
                                                                           results: list, cursor: str) -> None:
    web.serve(lambda url, params: ok_json({"meta": {"count": 10, "next_cursor": cursor}, "results": results}))
    written = fetch_openalex("x", 100, tmp_path / "o.jsonl", make_client())
    assert written == sum(isinstance(r, dict) for r in results)
    assert len(web.calls) == 1  # paged forever before


def test_fetch_openalex_stops_when_the_cursor_loops_back(web: Web, tmp_path: Path) -> None:
    following = {"*": "c1", "c1": "c2", "c2": "c1"}  # c1, c2, c1, c2...: the same two pages, over and over

    def page(url: str, params: dict[str, Any]) -> Answer:
        cursor = str(params["cursor"])
        return ok_json({"meta": {"count": 1000, "next_cursor": following[cursor]},
                        "results": [{"id": f"https://openalex.org/W{cursor}{n}", "title": "A"} for n in range(2)]})

    web.serve(page)
    assert fetch_openalex("x", 1000, tmp_path / "o.jsonl", make_client()) == 6
    assert [c.params["cursor"] for c in web.calls] == ["*", "c1", "c2"]  # 500 pages, 994 works repeated before


@pytest.mark.parametrize("page, words", [
    # each was passed over without a word (0 works written), or sent on as a cursor
    ({"results": [{"id": "W1", "title": "A"}, 1, "two", None]}, "result 2 is 1, not a work object"),
    ({"results": [{"id": "W1", "title": "A"}], "meta": {"next_cursor": ["a"]}}, 'meta.next_cursor is ["a"], not text'),
])
def test_fetch_openalex_a_page_of_what_is_no_work_is_one_line_and_writes_nothing(web: Web, tmp_path: Path,
                                                                                page: dict, words: str) -> None:
    web.serve(lambda url, params: ok_json(page))
    out = tmp_path / "o.jsonl"
    with pytest.raises(FetchError) as info:
        fetch_openalex("x", 100, out, make_client())
    assert str(info.value) == (f"[E500] {OPENALEX_API}?cursor=%2A&per-page=100&search=x: unexpected answer "
                               f"({words}); the API may have changed, please report this")  # no filter=None
    assert not out.exists()


def test_fetch_arxiv_negative_total_does_not_stop_the_paging(web: Web, tmp_path: Path) -> None:
    pages = [atom_page(["2301.00001", "2301.00002"], 4), atom_page(["2301.00003", "2301.00004"], 4), atom_page([], 4)]
    web.queue(*(Answer(200, page.replace(">4<", ">-7<")) for page in pages))
    seen: list[tuple[int, int | None]] = []
    assert fetch_arxiv("all:x", 10, tmp_path / "a.atom", make_client(), page_size=2,
                       progress=lambda stage, done, total: seen.append((done, total))) == 4  # 2: it stopped
    assert seen == [(2, None), (4, None)]


@pytest.mark.parametrize("count", [-5, True, "lots", 2.5])
def test_fetch_openalex_a_count_that_is_no_count_is_no_total(web: Web, tmp_path: Path, count: Any) -> None:
    web.queue(ok_json({"meta": {"count": count, "next_cursor": None}, "results": [{"id": "W1", "title": "A"}]}))
    seen: list[tuple[int, int | None]] = []
    fetch_openalex("x", 3, tmp_path / "o.jsonl", make_client(),
                   progress=lambda stage, done, total: seen.append((done, total)))
    assert seen == [(1, None)]  # shown as "1/-5 papers", "1/True papers"


def test_fetch_s2_next_offset_of_infinity_ends_the_paging(web: Web) -> None:
    web.serve(lambda url, params: Answer(200, '{"next": Infinity, "data": [{"citedPaper": {"paperId": "r"}}]}'))
    assert list(iter_s2_links(make_client(), "CorpusId:5", "references")) == [{"paperId": "r"}]  # an OverflowError


_BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;'
                   '&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                   '<feed xmlns="http://www.w3.org/2005/Atom"><title>&c;</title></feed>')
_EXTERNAL = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
             '<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>')


@pytest.mark.parametrize("body, words", [
    (_BILLION_LAUGHS, "not valid Atom XML (the answer declares a DOCTYPE or ENTITY; refusing to parse it"),
    (_EXTERNAL, "not valid Atom XML (the answer declares a DOCTYPE or ENTITY; refusing to parse it"),
    (atom_page(["2301.00001"], 1)[:-40], "not valid Atom XML (the answer is not well-formed XML"),
    # a web page or nothing is said so (they were a DOCTYPE refused, a root element, XML not well-formed)
    ("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "the answer is an HTML page, not Atom XML"),
    ("<html><body>Rate exceeded.</body></html>", "the answer is an HTML page, not Atom XML"),
    ("", "the answer is empty, not Atom XML"),
])
def test_fetch_arxiv_hostile_answers_are_one_line_and_write_nothing(web: Web, tmp_path: Path, body: str,
                                                                    words: str) -> None:
    web.queue(Answer(200, body, {"Content-Type": "text/html"}))
    out = tmp_path / "a.atom"
    with pytest.raises(FetchError) as info:
        fetch_arxiv("all:x", 5, out, make_client())
    message = str(info.value)
    assert message.startswith(f"[E500] {ARXIV_API}?")
    assert words in message and "\n" not in message and not out.exists()


@pytest.mark.parametrize("status", [200, 400])
def test_http_json_nested_too_deeply_is_one_line(web: Web, status: int) -> None:
    web.queue(Answer(status, "[" * 100_000 + "]" * 100_000))  # a RecursionError traceback before
    with pytest.raises(FetchError) as info:
        make_client().get_json("https://api.example.org/x")
    assert ("the answer is not valid JSON (nested too deeply to read)" if status == 200 else
            "bad request (HTTP 400) ([[[[") in str(info.value)


def test_http_json_and_atom_answers_are_read_in_their_own_encoding_whatever_the_content_type(
        web: Web, tmp_path: Path) -> None:
    # HTTP's default for text/* is Latin-1: a UTF-8 answer without a charset came back as "CafÃ©"
    latin1_feed = atom_page(["2301.00001"], 1).replace("UTF-8", "ISO-8859-1").replace("Title ", "Caf\u00e9 ")
    web.queue(Answer(200, json.dumps({"title": "Caf\u00e9"}, ensure_ascii=False), {"Content-Type": "text/plain"}),
              Answer(200, json.dumps({"title": "Caf\u00e9"}, ensure_ascii=False), {"Content-Type": ""}))
    client = make_client()
    assert client.get_json("https://api.example.org/x") == client.get_json("https://api.example.org/y") == {
        "title": "Caf\u00e9"}
    web.mock.reset()
    web.mock.add(responses.GET, re.compile(r"https://.*"), body=latin1_feed.encode("latin-1"),
                 content_type="application/atom+xml; charset=UTF-8")  # the header is wrong, the document right
    out = tmp_path / "a.atom"
    assert fetch_arxiv("all:x", 1, out, client) == 1
    assert [p.title for p in read_arxiv(out)] == ["Caf\u00e9 2301.00001"]


def test_fetch_arxiv_pages_by_start_with_polite_interval(web: Web, tmp_path: Path) -> None:
    ids = [f"2301.0000{k}" for k in range(1, 6)]

    def handler(url: str, params: dict[str, Any]) -> Answer:
        start, size = params["start"], params["max_results"]
        return Answer(200, atom_page(ids[start:start + size], total=5))

    web.serve(handler)
    clock = FakeClock()
    client = make_client(clock, intervals={"export.arxiv.org": 3.0})
    out = tmp_path / "q.atom"
    seen: list[tuple[int, int | None]] = []
    n = fetch_arxiv("cat:cs.CL", 5, out, client, page_size=2, progress=lambda s, d, t: seen.append((d, t)))
    assert n == 5
    assert all(c.url == ARXIV_API for c in web.calls)
    assert [(c.params["start"], c.params["max_results"]) for c in web.calls] == [(0, 2), (2, 2), (4, 1)]
    assert web.calls[0].params["search_query"] == "cat:cs.CL"
    assert clock.sleeps == [3.0, 3.0]
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert detect_format(out) == "arxiv"
    papers = [p for p in read_arxiv(out) if isinstance(p, Paper)]
    assert [p.arxiv_id for p in papers] == ids
    assert papers[2].venue == "Venue 0" and papers[2].authors == ("Author 0",)


def test_fetch_arxiv_plain_words_search_all_fields(web: Web, tmp_path: Path) -> None:
    web.queue(Answer(200, atom_page(["2301.00001"], total=1)))
    assert fetch_arxiv("  state space\tmodels ", 5, tmp_path / "a.atom", make_client()) == 1
    assert web.calls[0].params["search_query"] == "all:state AND all:space AND all:models"


def test_fetch_arxiv_stops_when_total_reached(web: Web, tmp_path: Path) -> None:
    web.queue(Answer(200, atom_page(["2301.00001", "2301.00002"], total=2)))
    assert fetch_arxiv("all:rare", 50, tmp_path / "a.atom", make_client()) == 2
    assert len(web.calls) == 1


def test_fetch_arxiv_empty_result_is_still_an_arxiv_feed(web: Web, tmp_path: Path) -> None:
    web.queue(Answer(200, atom_page([], total=0)))
    out = tmp_path / "none.xml"
    assert fetch_arxiv("all:nothing", 5, out, make_client()) == 0
    assert detect_format(out) == "arxiv"
    assert list(read_arxiv(out)) == []


def test_fetch_arxiv_api_error_entry_is_fetch_error(web: Web, tmp_path: Path) -> None:
    error_feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#bad</id>'
                  '<title>Error</title><summary>malformed query</summary></entry></feed>')
    web.queue(Answer(200, error_feed))
    with pytest.raises(FetchError, match=r"refused the query \(malformed query\)"):
        fetch_arxiv("ti:(", 5, tmp_path / "a.atom", make_client())
    assert not (tmp_path / "a.atom").exists()


def test_fetch_arxiv_malformed_xml_is_fetch_error(web: Web, tmp_path: Path) -> None:
    web.queue(Answer(200, "<feed><entry>"))
    with pytest.raises(FetchError, match=r"export\.arxiv\.org/api/query\?.*not valid Atom XML"):
        fetch_arxiv("all:x", 5, tmp_path / "a.atom", make_client())


def test_fetch_failure_leaves_previous_output_untouched(web: Web, tmp_path: Path) -> None:
    out = tmp_path / "works.jsonl"
    out.write_text("previous\n")
    web.queue(
        ok_json({"meta": {"count": 4, "next_cursor": "n"}, "results": [{"id": "W1", "title": "A"}]}),
        Answer(500, "down"), Answer(500, "down"),
    )
    with pytest.raises(FetchError, match=r"server error .*; the 1 record\(s\) fetched before it were not written "
                       r"\(.*works.jsonl is as it was\)$"):
        fetch_openalex("x", 4, out, make_client(retries=1))
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["works.jsonl"]


def test_fetch_command_failing_after_some_pages_says_what_was_lost_and_how_to_keep_it(web: Web, tmp_path: Path,
                                                                                      capsys) -> None:
    from graphbuild.cli import main

    page = {"meta": {"count": 9, "next_cursor": "n"}, "results": [{"id": "https://openalex.org/W1", "title": "A"}]}
    web.queue(ok_json(page), Answer(404, "{}"), ok_json(page), Answer(404, "{}"))
    out = tmp_path / "w.openalex.jsonl"
    assert main(["fetch", "openalex", "--search", "graphs", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.endswith("; the 1 record(s) fetched before it were not written "
                        f"({out} is as it was); with --cache FOLDER a run keeps the pages it fetched for the next")
    assert main(["fetch", "openalex", "--search", "graphs", "-o", str(out), "--cache", str(tmp_path / "c")]) == 1
    assert capsys.readouterr().err.strip().endswith(f"({out} is as it was)") and not out.exists()


def test_fetch_run_fetch_dispatches_and_validates(web: Web, tmp_path: Path) -> None:
    web.queue(ok_json(s2_paper(3)))
    out = tmp_path / "s.jsonl"
    assert run_fetch("s2", out=out, client=make_client(), paper_ids=["CorpusId:3"],
                     references=False) == 1
    with pytest.raises(FetchError, match="unknown source 'dblp'; choose one of arxiv, s2, openalex"):
        run_fetch("dblp", out=out, client=make_client())
    with pytest.raises(FetchError, match="at least 1"):
        run_fetch("openalex", out=out, client=make_client(), query="x", max_results=0)
    with pytest.raises(FetchError, match="paper id is empty"):
        run_fetch("s2", out=out, client=make_client(), paper_ids=[" "])


def test_fetch_outputs_build_together(web: Web, tmp_path: Path) -> None:
    def handler(url: str, params: dict[str, Any]) -> Answer:
        if url == ARXIV_API:
            return Answer(200, atom_page(["2301.00001"], total=1))
        if url.endswith("/references"):
            return ok_json({"offset": 0, "data": [{"citedPaper": s2_paper(10)}]})
        return ok_json(s2_paper(9, externalIds={"ArXiv": "2301.00001"}))

    web.serve(handler)
    fetch_arxiv("all:x", 1, tmp_path / "a.atom", make_client())
    fetch_s2("CorpusId:9", tmp_path / "b.jsonl", make_client())
    result = read_papers([tmp_path])
    assert result.files == 2
    assert {p.id for p in result.papers} == {"arxiv:2301.00001"}
    assert len(result.papers) == 2


def test_fetch_socket_guard_blocks_a_real_client() -> None:
    # A client used outside `responses` must not reach the network in these tests.
    with HttpClient(retries=0, env={}, intervals={}) as client:
        with pytest.raises(RuntimeError, match="must not open network connections"):
            client.get_text("http://127.0.0.1:9/never")


@pytest.mark.parametrize("answer, said", [({"message": "Internal Server Error"}, " (it says 'Internal Server Error')"),
                                          ({}, "")])
def test_fetch_s2_links_page_without_data_is_one_warning_and_the_other_seeds_go_on(web: Web, tmp_path: Path,
                                                                                    answer, said) -> None:
    """A page with no 'data' (an error object, {}) was read as "no references", without a word."""
    def handler(url: str, params: dict[str, Any]) -> Answer:
        if url.endswith("CorpusId:1/references"):
            return ok_json(answer)
        if url.endswith("/references"):
            return ok_json({"offset": 0, "data": [{"citedPaper": s2_paper(30)}]})
        return ok_json(s2_paper(int(url.rsplit(":", 1)[1])))

    web.serve(handler)
    out, warnings = tmp_path / "two.s2.jsonl", []
    assert fetch_s2(["CorpusId:1", "CorpusId:2"], out, make_client(), warn=warnings.append) == 2
    asked = f"{S2_API}/paper/CorpusId:1/references?" + urlencode(
        sorted({"fields": S2_LINK_FIELDS, "limit": "500", "offset": "0"}.items()))
    assert warnings == [f"warning: [E500] {asked}: Semantic Scholar's answer for the references of 'CorpusId:1' has "
                        f"no 'data' list{said}; they are left out: ask again later"]
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [len(line["references"]) for line in lines] == [0, 1]
    with pytest.raises(FetchError, match=re.escape(f"[E500] {asked}: Semantic Scholar's answer")):
        list(iter_s2_links(make_client(), "CorpusId:1", "references"))  # no one to tell: an error, not silence
