"""What the Python suites share: stubs generated from proto/ during the test,
and a TLS channel to a cftd."""
import os
import subprocess
import sys

SOURCE = os.environ["CFT_SOURCE_DIR"]
HEALTH_PROTO_DIR = os.path.join(SOURCE, "tests", "python", "protos")


def generate_stubs(work):
    """Generates Python stubs for every proto under proto/ (and the health and
    reflection probes) into WORK/stubs and puts them on sys.path. Generated in
    the test, not checked in, so the stubs can never drift from the protos."""
    stubs = os.path.join(work, "stubs")
    os.makedirs(stubs, exist_ok=True)
    protos = [os.path.relpath(os.path.join(d, f), os.path.join(SOURCE, "proto"))
              for d, _, files in os.walk(os.path.join(SOURCE, "proto")) for f in files if f.endswith(".proto")]
    subprocess.run(["protoc", "-I", os.path.join(SOURCE, "proto"), "-I", HEALTH_PROTO_DIR,
                    "--python_out=" + stubs, "--grpc_python_out=" + stubs,
                    "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin"]
                   + protos + ["cftprobe/health.proto", "cftprobe/reflection.proto"],
                   check=True)
    sys.path.insert(0, stubs)


def tls_channel(port, ca_pem_path):
    """A channel that trusts only the given CA and checks the server's name is
    localhost, as the desktop clients do."""
    import grpc
    with open(ca_pem_path, "rb") as f:
        creds = grpc.ssl_channel_credentials(root_certificates=f.read())
    return grpc.secure_channel(f"localhost:{port}", creds)
