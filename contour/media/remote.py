"""Downloads of a task's `remote_files` over HTTP(S), guarded against SSRF, oversized bodies and slow servers.

Each hop's host is resolved once and every address vetted; the connection then goes to a vetted
address while Host, SNI and certificate checks still use the host name, so a DNS answer that changes
between check and connect (rebinding) cannot reach a private address. Redirects are followed by hand
so each hop is vetted again. Limits count the bytes actually received, whatever Content-Length says.

Time is bounded by DownloadClock (contour.media.download_clock): per network operation, for the whole call,
and by a minimum rate, whose checks run even while a server sends nothing.
"""

from __future__ import annotations

import http.client
import ipaddress
import mimetypes
import os
import socket
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from contour.errors import ValidationError
from contour.media.download_clock import DownloadClock, TooSlow, paced_response
from contour.media.filenames import MAX_NAME_BYTES

_CHUNK_BYTES = 1 << 20
_MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 3986 characters that may stay as they are; anything else (spaces, non-ASCII) is percent-encoded.
_URL_SAFE = "/%:@!$&'()*+,;=-._~"
_NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
_USER_AGENT = "Contour"
_FIELD = "remote_files"


class _Refused(Exception):
    """A reason a URL cannot be downloaded; download_files adds the URL and raises ValidationError."""


def download_files(
    urls: Sequence[str],
    destination: Path,
    *,
    allow_private: bool,
    max_file_bytes: int,
    max_total_bytes: int,
    timeout_s: float,
    total_timeout_s: float | None = None,
    min_bytes_per_s: float = 0.0,
    rate_window_s: float = 30.0,
    on_progress: Callable[[int, int], None] | None = None,
    on_transfer: Callable[[int], None] | None = None,
) -> list[Path]:
    """Download every URL into `destination` and return the files, in URL order.

    `on_progress(done, total)` is called after each file with counts of URLs; `on_transfer(received)` about
    once a second while a file is awaited or arriving, with the bytes of file bodies received so far; either
    may raise to stop the call. Raises ValidationError (field `remote_files`) naming the URL on any failure,
    after removing every file this call wrote.
    """
    destination.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    limits = _Limits(max_file_bytes, max_total_bytes)
    clock = DownloadClock(timeout_s, total_timeout_s, min_bytes_per_s, rate_window_s, on_transfer)
    try:
        for number, url in enumerate(urls, start=1):
            try:
                files.append(_download(url, number, destination, limits, allow_private, clock))
            except (_Refused, TooSlow) as reason:
                raise ValidationError(f"Cannot download '{url}': {reason}", field=_FIELD) from reason
            if on_progress is not None:
                on_progress(number, len(urls))
    except BaseException:
        for path in files:
            path.unlink(missing_ok=True)
        raise
    return files


def is_public_address(address: str) -> bool:
    """Whether an IP address is publicly routable: not loopback, private, link-local, multicast, reserved…"""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address):
        # The kernel routes these to the embedded IPv4 address, so that is the one that matters.
        embedded = ip.ipv4_mapped or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64_PREFIX else None)
        if embedded is not None:
            return _is_public(embedded)
        if ip.sixtofour is not None and not _is_public(ip.sixtofour):
            return False
    return _is_public(ip)


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


@dataclass
class _Limits:
    """Byte limits per file and for the whole call, checked against bytes actually received."""

    max_file_bytes: int
    max_total_bytes: int
    used_bytes: int = 0

    def check(self, file_bytes: int) -> None:
        if file_bytes > self.max_file_bytes:
            raise _Refused(f"the file is larger than the limit of {self.max_file_bytes} bytes.")
        if self.used_bytes + file_bytes > self.max_total_bytes:
            raise _Refused(f"the files together are larger than the limit of {self.max_total_bytes} bytes.")


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    path: str  # path and query, percent-encoded


def _parse(url: str) -> _Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise _Refused(f"the URL is malformed ({error}).") from error
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise _Refused(f"the scheme '{scheme or '(none)'}' is not supported; use http or https.")
    if parts.username is not None or parts.password is not None:
        raise _Refused("credentials in URLs are not supported.")
    host = parts.hostname
    if not host:
        raise _Refused("the URL has no host.")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise _Refused(f"the host name '{host}' is invalid.") from error
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE + "?")
    return _Target(scheme, host, port or _DEFAULT_PORTS[scheme], path)


def _vetted_addresses(target: _Target, allow_private: bool) -> list[str]:
    try:
        found = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise _Refused(f"the host '{target.host}' cannot be resolved.") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not allow_private:
        # Every address is checked: the connection may go to any of them.
        for address in addresses:
            if not is_public_address(address):
                raise _Refused(f"the host '{target.host}' resolves to the non-public address {address}.")
    return addresses


def _connect_any(addresses: Sequence[str], port: int, timeout: float | None) -> socket.socket:
    last_error: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as error:
            last_error = error
    raise last_error or OSError("no address to connect to")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to already vetted addresses; Host still names the original host."""

    def __init__(self, host: str, port: int, addresses: Sequence[str], clock: DownloadClock) -> None:
        super().__init__(host, port, timeout=clock.operation_timeout())
        self._addresses = addresses
        self.response_class = paced_response(clock)

    def connect(self) -> None:
        self.sock = _connect_any(self._addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to already vetted addresses; SNI and the certificate check use the host name."""

    def __init__(self, host: str, port: int, addresses: Sequence[str], clock: DownloadClock) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=clock.operation_timeout(), context=self._tls)
        self._addresses = addresses
        self.response_class = paced_response(clock)

    def connect(self) -> None:
        sock = _connect_any(self._addresses, self.port, self.timeout)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _network_error(error: Exception, clock: DownloadClock) -> _Refused | TooSlow:
    if isinstance(error, TimeoutError):
        return clock.timed_out()
    if isinstance(error, ssl.SSLError):
        return _Refused(f"the TLS connection failed ({error}).")
    return _Refused(f"the connection failed ({error or type(error).__name__}).")


def _send(connection: http.client.HTTPConnection, target: _Target, clock: DownloadClock) -> http.client.HTTPResponse:
    try:
        connection.request("GET", target.path, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
        return connection.getresponse()
    except (OSError, http.client.HTTPException, ValueError) as error:
        connection.close()
        raise _network_error(error, clock) from error
    except BaseException:
        connection.close()  # a limit, or a stop from on_transfer, while the headers were awaited
        raise


@contextmanager
def _get(url: str, allow_private: bool, clock: DownloadClock) -> Iterator[http.client.HTTPResponse]:
    """The final (non-redirect) response for `url`, following and re-vetting up to five redirects."""
    current = url
    for _hop in range(_MAX_REDIRECTS + 1):
        target = _parse(current)
        addresses = _vetted_addresses(target, allow_private)
        clock.touch()  # resolving is no silence of the server's
        clock.check()  # but the deadline may have passed, on an earlier hop or file
        kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
        connection = kind(target.host, target.port, addresses, clock)
        # The response is closed too: once the server says it will close, http.client hands the
        # socket over to the response and the connection no longer tracks it.
        with closing(connection), closing(_send(connection, target, clock)) as response:
            if response.status in _REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise _Refused(f"the server redirected (HTTP {response.status}) without a Location.")
                current = urljoin(current, location)
                continue
            if not 200 <= response.status < 300:
                raise _Refused(f"the server answered HTTP {response.status} {response.reason}.")
            yield response
            return
    raise _Refused(f"more than {_MAX_REDIRECTS} redirects.")


def _download(url: str, number: int, destination: Path, limits: _Limits, allow_private: bool, clock: DownloadClock) -> Path:
    with _get(url, allow_private, clock) as response:
        declared = response.getheader("Content-Length", "")
        if declared.isdigit():
            limits.check(int(declared))
        path = _claim(destination, _file_name(url, response, number))
        clock.begin_body()
        try:
            with path.open("wb") as output:
                received = 0
                while True:
                    try:
                        # read1: what one wait brought, so the rate counts bytes as they come, those that came
                        # with the headers included.
                        chunk = response.read1(_CHUNK_BYTES)
                    except (OSError, http.client.HTTPException) as error:
                        raise _network_error(error, clock) from error
                    if not chunk:
                        break
                    clock.body_received(len(chunk))
                    received += len(chunk)
                    limits.check(received)
                    output.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        finally:
            clock.end_body()
        limits.used_bytes += received
    return path


def _file_name(url: str, response: http.client.HTTPResponse, number: int) -> str:
    disposition = response.getheader("Content-Disposition")
    if disposition:
        header = Message()
        header["Content-Disposition"] = disposition
        name = _safe_name(header.get_filename() or "")
        if name:
            return name
    name = _safe_name(unquote(urlsplit(url.strip()).path.rsplit("/", 1)[-1]))
    if name:
        return name
    content_type = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
    return f"file_{number}{mimetypes.guess_extension(content_type) or ''}"


def _safe_name(name: str) -> str | None:
    """A plain file name from an untrusted one: last path segment, no control characters or leading dots."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".").strip()
    if not name:
        return None
    stem, suffix = os.path.splitext(name)
    # Room is left for a "_<n>" de-duplication suffix within the usual 255-byte file name limit.
    while stem and len((stem + suffix).encode("utf-8", "replace")) > MAX_NAME_BYTES - 8:
        stem = stem[:-1]
    return stem + suffix if stem else None


def _claim(destination: Path, name: str) -> Path:
    """Create `name` in `destination`, or name_1, name_2… if taken, atomically so no file is overwritten."""
    stem, suffix = os.path.splitext(name)
    for attempt in range(10_000):
        path = destination / (name if attempt == 0 else f"{stem}_{attempt}{suffix}")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        return path
    raise _Refused(f"too many files named '{name}'.")
