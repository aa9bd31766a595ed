"""Remote downloads: only public http(s) hosts, every redirect re-vetted, limits on real bytes, tidy failures."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from contour.errors import ValidationError
from contour.media.remote import download_files, is_public_address

Route = Callable[[BaseHTTPRequestHandler], None]
_PUBLIC_HOST = "files.example.com"
_PUBLIC_ADDRESS = "93.184.215.14"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    hits: list[tuple[str, str]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up early (limits, timeouts) are expected here


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.hits.append((self.path, self.headers.get("Host", "")))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Server:
    port: int
    routes: dict[str, Route]
    hits: list[tuple[str, str]]
    httpd: _Server
    release: threading.Event = field(default_factory=threading.Event)

    def wrap(self, context: ssl.SSLContext) -> None:
        """Serve TLS from now on (the listening socket keeps its descriptor, so the serving loop goes on)."""
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.routes, httpd.hits = {}, []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    running = Server(httpd.server_address[1], httpd.routes, httpd.hits, httpd)
    yield running
    running.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def public(server: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The local server posing as a public host: DNS gives a public address, connections to it land locally."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host == _PUBLIC_HOST:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (_PUBLIC_ADDRESS, port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if address[0] == _PUBLIC_ADDRESS:
            address = ("127.0.0.1", server.port)
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return server


def _body(data: bytes, headers: dict[str, str] | None = None, *, length: bool = True) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        if length:
            handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()  # without a length, HTTP/1.0 ends the body by closing
        handler.wfile.write(data)

    return route


def _redirect(location: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _download(urls: list[str], destination: Path, **options: Any) -> list[Path]:
    defaults: dict[str, Any] = {
        "allow_private": True,
        "max_file_bytes": 10**6,
        "max_total_bytes": 10**7,
        "timeout_s": 5.0,
    }
    return download_files(urls, destination, **{**defaults, **options})


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _refuse_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    def create_connection(*args: Any, **kwargs: Any) -> socket.socket:
        raise AssertionError("a refused address must never be connected to")

    monkeypatch.setattr(socket, "create_connection", create_connection)


def test_downloads_a_file_named_after_the_url_path(server: Server, tmp_path: Path) -> None:
    server.routes["/set/photo%20one.jpg?size=full"] = _body(b"jpeg bytes")
    [path] = _download([server.url("/set/photo%20one.jpg?size=full")], tmp_path)
    assert path == tmp_path / "photo one.jpg"
    assert path.read_bytes() == b"jpeg bytes"


def test_downloads_from_a_public_host_with_its_name_in_the_host_header(public: Server, tmp_path: Path) -> None:
    public.routes["/a.jpg"] = _body(b"1")
    [path] = _download([public.url("/a.jpg", _PUBLIC_HOST)], tmp_path, allow_private=False)
    assert path.read_bytes() == b"1"
    assert public.hits == [("/a.jpg", f"{_PUBLIC_HOST}:{public.port}")]


def test_reports_progress_after_each_file(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = server.routes["/b.jpg"] = _body(b"1")
    progress: list[tuple[int, int]] = []
    _download([server.url("/a.jpg"), server.url("/b.jpg")], tmp_path, on_progress=lambda *p: progress.append(p))
    assert progress == [(1, 2), (2, 2)]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_hosts_are_refused(server: Server, tmp_path: Path, host: str) -> None:
    server.routes["/a.jpg"] = _body(b"1")
    url = server.url("/a.jpg", host)
    with pytest.raises(ValidationError, match="non-public address") as refused:
        _download([url], tmp_path, allow_private=False)
    assert url in str(refused.value) and refused.value.fields.keys() == {"remote_files"}
    assert server.hits == []


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.169.254", "[fd00::1]", "[::ffff:10.0.0.1]", "0.0.0.0"])
def test_private_addresses_are_refused_without_connecting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    _refuse_connections(monkeypatch)
    with pytest.raises(ValidationError, match="non-public address"):
        _download([f"http://{host}/latest/meta-data"], tmp_path, allow_private=False)


def test_host_with_any_private_address_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in (_PUBLIC_ADDRESS, "10.1.2.3")]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    _refuse_connections(monkeypatch)
    with pytest.raises(ValidationError, match=r"non-public address 10\.1\.2\.3"):
        _download(["https://rebind.example.com/a.jpg"], tmp_path, allow_private=False)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("::1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),
        ("169.254.169.254", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("ff02::1", False),
        ("0.0.0.0", False),
        ("::", False),
        ("240.0.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::a00:1", False),
        ("2002:a00:1::", False),
    ],
)
def test_only_public_addresses_pass_vetting(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/a.jpg", "gopher://example.com/", "example.com/a.jpg"]
)
def test_unsupported_schemes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    _refuse_connections(monkeypatch)
    with pytest.raises(ValidationError, match="is not supported; use http or https"):
        _download([url], tmp_path)


def test_urls_with_credentials_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_connections(monkeypatch)
    with pytest.raises(ValidationError, match="credentials"):
        _download(["https://user:secret@example.com/a.jpg"], tmp_path)


def test_file_over_the_limit_by_content_length_is_refused(server: Server, tmp_path: Path) -> None:
    server.routes["/big.bin"] = _body(bytes(5000))
    with pytest.raises(ValidationError, match="larger than the limit of 1000 bytes"):
        _download([server.url("/big.bin")], tmp_path, max_file_bytes=1000)
    assert _files(tmp_path) == []


def test_file_over_the_limit_without_content_length_is_refused(server: Server, tmp_path: Path) -> None:
    server.routes["/big.bin"] = _body(bytes(5000), length=False)
    with pytest.raises(ValidationError, match="larger than the limit of 1000 bytes"):
        _download([server.url("/big.bin")], tmp_path, max_file_bytes=1000)
    assert _files(tmp_path) == []


def test_files_over_the_total_limit_are_refused_and_earlier_files_removed(server: Server, tmp_path: Path) -> None:
    server.routes["/a.bin"] = server.routes["/b.bin"] = _body(bytes(600), length=False)
    with pytest.raises(ValidationError, match=r"b\.bin.*together are larger than the limit of 1000 bytes"):
        _download([server.url("/a.bin"), server.url("/b.bin")], tmp_path, max_total_bytes=1000)
    assert _files(tmp_path) == []


def test_redirects_are_followed(server: Server, tmp_path: Path) -> None:
    server.routes["/old.jpg"] = _redirect("/moved/new.jpg")
    server.routes["/moved/new.jpg"] = _body(b"moved")
    [path] = _download([server.url("/old.jpg")], tmp_path)
    assert path.read_bytes() == b"moved"


def test_redirect_to_a_private_address_is_refused(public: Server, tmp_path: Path) -> None:
    public.routes["/a.jpg"] = _redirect(public.url("/secret"))
    public.routes["/secret"] = _body(b"internal")
    with pytest.raises(ValidationError, match=r"non-public address 127\.0\.0\.1"):
        _download([public.url("/a.jpg", _PUBLIC_HOST)], tmp_path, allow_private=False)
    assert [path for path, _host in public.hits] == ["/a.jpg"]
    assert _files(tmp_path) == []


def test_endless_redirects_are_refused(server: Server, tmp_path: Path) -> None:
    server.routes["/loop"] = _redirect("/loop")
    with pytest.raises(ValidationError, match="more than 5 redirects"):
        _download([server.url("/loop")], tmp_path)
    assert len(server.hits) == 6


def test_http_error_status_is_refused(server: Server, tmp_path: Path) -> None:
    url = server.url("/missing.jpg")
    with pytest.raises(ValidationError, match="HTTP 404") as refused:
        _download([url], tmp_path)
    assert url in str(refused.value)
    assert _files(tmp_path) == []


def test_slow_server_times_out(server: Server, tmp_path: Path) -> None:
    def stall(handler: BaseHTTPRequestHandler) -> None:
        server.release.wait(10)

    server.routes["/slow.jpg"] = stall
    with pytest.raises(ValidationError, match="did not answer within 0.2 s"):
        _download([server.url("/slow.jpg")], tmp_path, timeout_s=0.2)
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    ("disposition", "name"),
    [
        ('attachment; filename="report.png"', "report.png"),
        ("attachment; filename*=UTF-8''%E6%B5%8B%E8%AF%95.png", "测试.png"),
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ('attachment; filename="..\\\\evil.jpg"', "evil.jpg"),
        ('attachment; filename=".hidden.jpg"', "hidden.jpg"),
        ('attachment; filename=".."', "download"),
    ],
)
def test_content_disposition_names_the_file_when_safe(
    server: Server, tmp_path: Path, disposition: str, name: str
) -> None:
    server.routes["/download"] = _body(b"1", {"Content-Disposition": disposition})
    [path] = _download([server.url("/download")], tmp_path)
    assert path == tmp_path / name


def test_colliding_names_are_numbered(server: Server, tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"mine")
    server.routes["/x/a.jpg"] = _body(b"x")
    server.routes["/y/a.jpg"] = _body(b"y")
    paths = _download([server.url("/x/a.jpg"), server.url("/y/a.jpg")], tmp_path)
    assert [p.name for p in paths] == ["a_1.jpg", "a_2.jpg"]
    assert [p.read_bytes() for p in paths] == [b"x", b"y"]
    assert (tmp_path / "a.jpg").read_bytes() == b"mine"


def test_nameless_url_is_named_from_its_content_type(server: Server, tmp_path: Path) -> None:
    server.routes["/"] = _body(b"png", {"Content-Type": "image/png; charset=binary"})
    [path] = _download([server.url("/")], tmp_path)
    assert path.name == "file_1.png"


def test_tls_failure_is_refused_and_names_the_url(server: Server, tmp_path: Path) -> None:
    url = f"https://127.0.0.1:{server.port}/a.jpg"
    with pytest.raises(ValidationError, match="TLS connection failed") as refused:
        _download([url], tmp_path)
    assert url in str(refused.value)


# --- slow servers: the deadline of a call, the minimum rate of a body, and stopping a download -------------


def _trickle(count: int, every_s: float, release: threading.Event, piece: bytes = b"x") -> Route:
    """Headers at once, then `count` pieces, one every `every_s` seconds (until the test releases it)."""
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(count * len(piece)))
        handler.end_headers()
        for _ in range(count):
            if release.wait(every_s):
                return
            handler.wfile.write(piece)

    return route


def _stall_after_headers(release: threading.Event) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.write(b"12345")
        release.wait(30)

    return route


def _timed_refusal(urls: list[str], destination: Path, **options: Any) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        _download(urls, destination, **options)
    return str(refused.value), time.monotonic() - started


def test_a_trickle_is_refused_at_the_total_deadline(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _trickle(1000, 0.05, server.release)
    message, elapsed = _timed_refusal([server.url("/a.jpg")], tmp_path, total_timeout_s=1.0)
    assert "longer than the limit of 1 s" in message and server.url("/a.jpg") in message
    assert 0.9 < elapsed < 2.0
    assert _files(tmp_path) == []


def test_the_deadline_cuts_a_silence_shorter_than_the_per_operation_timeout(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _stall_after_headers(server.release)
    message, elapsed = _timed_refusal([server.url("/a.jpg")], tmp_path, timeout_s=30.0, total_timeout_s=1.0)
    assert "longer than the limit of 1 s" in message
    assert elapsed < 2.0


def test_the_deadline_covers_all_the_files_of_a_call(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _trickle(12, 0.05, server.release)
    server.routes["/b.jpg"] = _trickle(12, 0.05, server.release)
    message, _elapsed = _timed_refusal([server.url("/a.jpg"), server.url("/b.jpg")], tmp_path, total_timeout_s=1.0)
    assert server.url("/b.jpg") in message and "limit of 1 s" in message
    assert _files(tmp_path) == []


def test_a_body_below_the_minimum_rate_is_refused(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _trickle(1000, 0.05, server.release)  # 20 bytes/s
    message, elapsed = _timed_refusal([server.url("/a.jpg")], tmp_path, min_bytes_per_s=100, rate_window_s=0.5)
    assert "below the minimum rate of 100 bytes/s" in message and server.url("/a.jpg") in message
    assert 0.4 < elapsed < 1.5
    assert _files(tmp_path) == []


def test_a_silent_body_is_refused_at_the_end_of_its_rate_window(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _stall_after_headers(server.release)
    message, elapsed = _timed_refusal([server.url("/a.jpg")], tmp_path, min_bytes_per_s=100, rate_window_s=0.5)
    assert "sent 5 bytes in 0.5 s" in message
    assert elapsed < 1.5


def test_a_steady_body_above_the_minimum_rate_is_downloaded(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _trickle(30, 0.02, server.release, piece=b"y" * 100)  # about 5,000 bytes/s
    [path] = _download([server.url("/a.jpg")], tmp_path, min_bytes_per_s=1000, rate_window_s=0.2, total_timeout_s=10)
    assert path.read_bytes() == b"y" * 3000


def test_a_file_that_arrives_within_the_first_window_is_never_judged(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _body(b"small")
    [path] = _download([server.url("/a.jpg")], tmp_path, min_bytes_per_s=10**9, rate_window_s=5.0)
    assert path.read_bytes() == b"small"


class _Stop(Exception):
    pass


def test_on_transfer_hears_the_bytes_and_can_stop_a_silent_download(server: Server, tmp_path: Path) -> None:
    server.routes["/a.jpg"] = _stall_after_headers(server.release)
    heard: list[int] = []

    def on_transfer(received: int) -> None:
        heard.append(received)
        if len(heard) == 2:
            raise _Stop()

    started = time.monotonic()
    with pytest.raises(_Stop):
        _download([server.url("/a.jpg")], tmp_path, on_transfer=on_transfer)
    assert time.monotonic() - started < 3.0
    assert heard == [5, 5]
    assert _files(tmp_path) == []


@pytest.fixture
def tls_server(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The local server behind TLS, with a certificate for 127.0.0.1 that the downloader is made to trust."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    serving = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    serving.load_cert_chain(cert, key)
    server.wrap(serving)
    real_context = ssl.create_default_context

    def trusting_context(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        context = real_context(*args, **kwargs)
        context.load_verify_locations(cert)
        return context

    monkeypatch.setattr(ssl, "create_default_context", trusting_context)
    return server


def test_a_tls_download_is_paced_like_a_plain_one(tls_server: Server, tmp_path: Path) -> None:
    tls_server.routes["/ok.jpg"] = _trickle(20, 0.01, tls_server.release, piece=b"z" * 100)
    tls_server.routes["/slow.jpg"] = _trickle(1000, 0.05, tls_server.release)
    url = tls_server.url("/ok.jpg").replace("http:", "https:")
    [path] = _download([url], tmp_path / "ok", min_bytes_per_s=1000, rate_window_s=0.2)
    assert path.read_bytes() == b"z" * 2000
    slow = tls_server.url("/slow.jpg").replace("http:", "https:")
    message, elapsed = _timed_refusal([slow], tmp_path / "slow", min_bytes_per_s=100, rate_window_s=0.5)
    assert "below the minimum rate" in message and elapsed < 1.5
