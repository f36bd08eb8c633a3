"""The HTTP client against a real local server and a second process: what the ``responses`` double of
tests/test_fetch.py cannot show (a socket that stops mid-answer, a cache another process holds locked)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graphbuild.errors import FetchError
from graphbuild.http import HttpClient

BODY = json.dumps({"data": [{"title": "A record fetched whole"}]}).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    #: answers still to stall: headers and half the body, then nothing for ``stall_seconds``
    stalls = 0
    stall_seconds = 3.0
    served = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.served += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        if self.server.stalls > 0:
            self.server.stalls -= 1
            self.wfile.write(BODY[: len(BODY) // 2])
            self.wfile.flush()
            time.sleep(self.server.stall_seconds)
            return
        self.wfile.write(BODY)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[_Server]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _url(srv: _Server, path: str = "/paper/x") -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}{path}"


#: a second process that takes the cache's write lock, says so, and holds it (as a run paused mid-write)
_HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


@contextlib.contextmanager
def _held(db: Path, seconds: float = 60) -> Iterator[None]:
    """While in the block, a second process holds the write lock of the SQLite database ``db``."""
    with subprocess.Popen([sys.executable, "-c", _HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE,
                          text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            yield
        finally:
            holder.kill()


def test_http_local_cache_locked_by_another_process_is_waited_for_boundedly_then_left_out(server, tmp_path):
    cache = tmp_path / "cache"
    said: list[str] = []
    with HttpClient(cache_dir=cache, env={}, notice=said.append, cache_lock_seconds=1) as client:
        with _held(cache / "http_cache.sqlite"):  # another run sharing the cache, stopped mid-write
            start = time.monotonic()
            assert client.get_json(_url(server)) == json.loads(BODY)
            assert client.get_json(_url(server, "/paper/y")) == json.loads(BODY)
            assert time.monotonic() - start < 15  # (requests-cache asked for the lock again for ever)
    assert len(said) == 2, said  # one wait, then no more waiting for a holder that is stuck
    assert said[0].startswith(f"the response cache {cache / 'http_cache.sqlite'} is being written by another "
                              "process") and "waiting up to 1 s" in said[0]
    assert said[1].endswith("stayed locked by another process for 1 s; going on without writing to it")
    with HttpClient(cache_dir=cache, env={}) as client:  # the holder gone, the cache works again
        client.get_json(_url(server))
        client.get_json(_url(server))
        assert client.requests_sent == 1


def test_http_local_cache_locked_while_opening_goes_on_without_it(server, tmp_path):
    cache = tmp_path / "cache"
    HttpClient(cache_dir=cache, env={}).close()  # a run made it; another, sharing it, is stopped mid-write
    said: list[str] = []
    with _held(cache / "http_cache.sqlite"), \
            HttpClient(cache_dir=cache, env={}, notice=said.append, cache_lock_seconds=1) as client:
        assert client.get_json(_url(server)) == json.loads(BODY)
    assert [line.rsplit("; ", 1)[-1] for line in said] == ["waiting up to 1 s for it", "going on without the cache"]


def test_http_local_an_answer_stalling_half_way_once_is_fetched_again_whole(server, tmp_path):
    server.stalls = 1  # headers and half the body, then nothing past the client's read timeout
    said: list[str] = []
    with HttpClient(cache_dir=tmp_path / "cache", env={}, notice=said.append, timeout=0.5, backoff=0.01,
                    retries=2) as client:
        assert client.get_json(_url(server)) == json.loads(BODY)
        assert client.get_json(_url(server)) == json.loads(BODY)  # the whole answer, cached
    assert server.served == 2 and client.requests_sent == 2
    assert said == ["/paper/x: ReadTimeoutError; asking again"]


def test_http_local_an_answer_stalling_every_time_fails_after_the_retries_in_one_line(server):
    server.stalls, server.stall_seconds = 3, 1.0
    with HttpClient(env={}, timeout=0.3, backoff=0.01, retries=2) as client, pytest.raises(FetchError) as error:
        client.get_json(_url(server))
    assert server.served == 3
    assert str(error.value).startswith(f"[E500] {_url(server)}: the answer stopped arriving (nothing more within "
                                       "0.3 s) on all 3 attempts;")
