#!/usr/bin/env python3
"""Small helpers for scripts/stack/up.sh (stdlib only; loopback addresses only).

  probe.py free-port                      print a TCP port that is free on 127.0.0.1
  probe.py wait-tcp HOST PORT TIMEOUT     wait until HOST:PORT accepts a connection
  probe.py wait-dynamodb URL TIMEOUT      wait until DynamoDB (Local) answers ListTables
  probe.py wait-s3 URL TIMEOUT            wait until an S3 endpoint answers GET / (ListBuckets)
  probe.py s3-create-bucket URL BUCKET    create BUCKET (ok if it already exists)

Every wait exits 0 when ready, 1 on timeout (printing the last error), and gives up early
when the PID in $PROBE_PID (the server being waited for) has died.
"""

import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

LOOPBACK = ("127.0.0.1", "localhost", "::1")

# DynamoDB Local parses (but does not verify) the SigV4 Authorization header; S3Proxy runs with
# s3proxy.authorization=none. Unsigned requests keep this helper free of any AWS SDK.
FAKE_SIGV4 = (
    "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=00"
)


def _loopback_only(url: str) -> None:
    host = urllib.parse.urlparse(url).hostname
    if host not in LOOPBACK:
        sys.exit(f"probe.py: refusing non-loopback URL {url}")


def _server_alive() -> bool:
    pid = os.environ.get("PROBE_PID")
    if not pid:
        return True
    try:
        os.kill(int(pid), 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _wait(check, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    last = "not tried"
    while True:
        try:
            check()
            return 0
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"
            last = f"{type(exc).__name__}: {exc}"
        if not _server_alive():
            print(f"server process exited while waiting ({last})", file=sys.stderr)
            return 1
        if time.monotonic() >= deadline:
            print(f"timed out after {timeout:.0f}s ({last})", file=sys.stderr)
            return 1
        time.sleep(0.2)


def free_port() -> int:
    # Port 0 lets the kernel choose; the socket is closed again at once, so there is a small race
    # with other processes. up.sh detects a lost race because the server then fails to start.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_tcp(host: str, port: int, timeout: float) -> int:
    if host not in LOOPBACK:
        sys.exit(f"probe.py: refusing non-loopback host {host}")

    def check() -> None:
        with socket.create_connection((host, port), timeout=1):
            pass

    return _wait(check, timeout)


def wait_dynamodb(url: str, timeout: float) -> int:
    _loopback_only(url)

    def check() -> None:
        req = urllib.request.Request(
            url,
            data=b"{}",
            headers={
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": "DynamoDB_20120810.ListTables",
                "Authorization": FAKE_SIGV4,
            },
        )
        with urllib.request.urlopen(req, timeout=2) as resp:
            body = resp.read()
            if b"TableNames" not in body:
                raise RuntimeError(f"unexpected ListTables answer {body[:200]!r}")

    return _wait(check, timeout)


def wait_s3(url: str, timeout: float) -> int:
    _loopback_only(url)

    def check() -> None:
        with urllib.request.urlopen(url.rstrip("/") + "/", timeout=2) as resp:
            body = resp.read()
            if b"ListAllMyBucketsResult" not in body:
                raise RuntimeError(f"unexpected ListBuckets answer {body[:200]!r}")

    return _wait(check, timeout)


def s3_create_bucket(url: str, bucket: str) -> int:
    _loopback_only(url)
    req = urllib.request.Request(f"{url.rstrip('/')}/{bucket}", data=b"", method="PUT")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        if exc.code == 409 and b"BucketAlreadyOwnedByYou" in body:
            return 0
        print(f"CreateBucket {bucket} failed: HTTP {exc.code} {body[:300]!r}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 64
    cmd, args = argv[0], argv[1:]
    if cmd == "free-port" and not args:
        print(free_port())
        return 0
    if cmd == "wait-tcp" and len(args) == 3:
        return wait_tcp(args[0], int(args[1]), float(args[2]))
    if cmd == "wait-dynamodb" and len(args) == 2:
        return wait_dynamodb(args[0], float(args[1]))
    if cmd == "wait-s3" and len(args) == 2:
        return wait_s3(args[0], float(args[1]))
    if cmd == "s3-create-bucket" and len(args) == 2:
        return s3_create_bucket(args[0], args[1])
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
