#!/usr/bin/python3
"""The README's main command, end to end: ./deploy/run.sh as a user runs it.

First run with --demo: it builds (Release, server only to save time), creates
the private MariaDB and the secrets and certificates, migrates, seeds the demo
and serves health SERVING over TLS; the printed demo admin signs in; SIGTERM
stops cftd and then MariaDB, and the script exits. Second run without --demo:
everything in the var directory is reused (same secrets, same data: the demo
admin still signs in), and Ctrl-C (SIGINT to the process group, as a terminal
sends it) stops it cleanly too.

The only differences from a user's run are the settings run.sh documents:
CFT_VAR_DIR and CFT_BUILD_DIR (so the test leaves the checkout alone),
CFT_LISTEN (a free port) and CFT_BUILD_CLIENTS=OFF.

Environment (set by tests/CMakeLists.txt and deploy/test.sh): CFT_SOURCE_DIR,
RUN_SH_BUILD_DIR, CFT_TEST_TMPDIR.
"""
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cftpy  # noqa: E402

WORK = tempfile.mkdtemp(prefix="cft-run-", dir=os.environ.get("CFT_TEST_TMPDIR"))
cftpy.generate_stubs(WORK)
import grpc  # noqa: E402
from cft.v1 import auth_pb2, auth_pb2_grpc  # noqa: E402
from cftprobe import health_pb2, health_pb2_grpc  # noqa: E402

VAR = os.path.join(WORK, "var")
# The first run builds a Release tree; later runs of the suite reuse it.
BUILD_TIMEOUT_S = 1500


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def process_alive(pid):
    """True while the process runs. A stopped MariaDB is re-parented away from
    run.sh, so it can linger as a zombie until its new parent reaps it; a zombie
    has finished running."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


class RunShTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        cls.env = dict(os.environ, CFT_VAR_DIR=VAR, CFT_BUILD_DIR=os.environ["RUN_SH_BUILD_DIR"],
                       CFT_BUILD_CLIENTS="OFF", CFT_LISTEN=f"127.0.0.1:{cls.port}")
        cls.proc = None

    @classmethod
    def tearDownClass(cls):
        # A failed test must not leave cftd or MariaDB running.
        if cls.proc is not None and cls.proc.poll() is None:
            os.killpg(cls.proc.pid, signal.SIGTERM)
            cls.proc.wait(timeout=120)
        subprocess.run([os.path.join(cftpy.SOURCE, "deploy", "mariadb.sh"), "stop",
                        os.path.join(VAR, "mariadb")], check=False)

    def start(self, *args, log_name):
        log_path = os.path.join(WORK, log_name)
        log = open(log_path, "w")
        # Its own process group, so the test can send Ctrl-C to it as a terminal does.
        self.__class__.proc = subprocess.Popen([os.path.join(cftpy.SOURCE, "deploy", "run.sh"), *args],
                                               env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                               start_new_session=True)
        log.close()
        return self.proc, log_path

    def wait_until_serving(self, proc, log_path):
        deadline = time.monotonic() + BUILD_TIMEOUT_S
        ca = os.path.join(VAR, "tls", "ca.pem")
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.fail(f"run.sh exited with {proc.returncode}:\n" + open(log_path).read()[-4000:])
            if os.path.exists(ca):
                channel = cftpy.tls_channel(self.port, ca)
                try:
                    reply = health_pb2_grpc.HealthStub(channel).Check(
                        health_pb2.HealthCheckRequest(service=""), timeout=2)
                    return channel, reply.status
                except grpc.RpcError:
                    channel.close()
            time.sleep(1)
        self.fail("run.sh did not serve within the time limit:\n" + open(log_path).read()[-4000:])

    def stop(self, proc, sig, to_group):
        if to_group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
        return proc.wait(timeout=120)

    def assert_database_stopped(self):
        pid_file = os.path.join(VAR, "mariadb", "mysqld.pid")
        self.assertFalse(os.path.exists(pid_file), "MariaDB left its pid file behind")
        self.assertFalse(os.path.exists(os.path.join(VAR, "mariadb", "mysqld.sock")))
        self.assertTrue(self.mariadb_pid is not None and not process_alive(self.mariadb_pid))

    def sign_in(self, channel, email, password):
        auth = auth_pb2_grpc.AuthServiceStub(channel)
        token = auth.Login(auth_pb2.LoginRequest(email=email, password=password), timeout=30).token
        return auth.WhoAmI(auth_pb2.WhoAmIRequest(), metadata=[("authorization", "Bearer " + token)],
                           timeout=30)

    def test_1_first_run_with_demo_serves_over_tls_and_stops_on_sigterm(self):
        proc, log_path = self.start("--demo", log_name="run1.log")
        channel, status = self.wait_until_serving(proc, log_path)
        self.assertEqual(status, health_pb2.HealthCheckResponse.SERVING)

        # Plain text is not served.
        plain = health_pb2_grpc.HealthStub(grpc.insecure_channel(f"127.0.0.1:{self.port}"))
        with self.assertRaises(grpc.RpcError) as err:
            plain.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
        self.assertEqual(err.exception.code(), grpc.StatusCode.UNAVAILABLE)

        # The demo admin printed by --demo signs in over TLS.
        log = open(log_path).read()
        admin = re.search(r"^\s+admin\t(\S+)\t(\S+)$", log, re.MULTILINE)
        self.assertIsNotNone(admin, log)
        me = self.sign_in(channel, admin.group(1), admin.group(2))
        self.assertEqual(me.user.role, auth_pb2.ROLE_ADMIN)
        self.assertEqual(me.organisation_name, "Demo Clinic (sample data)")
        self.__class__.admin = (admin.group(1), admin.group(2))
        channel.close()

        # Secrets and keys are readable by their owner only.
        self.assertEqual(mode(VAR), 0o700)
        for name in ("db-owner.password", "db-app.password"):
            self.assertEqual(mode(os.path.join(VAR, "secrets", name)), 0o600, name)
        self.assertEqual(mode(os.path.join(VAR, "tls", "server.key")), 0o600)
        self.assertEqual(mode(os.path.join(VAR, "tls", "ca.key")), 0o600)
        self.__class__.secrets = {name: open(os.path.join(VAR, "secrets", name)).read()
                                  for name in ("db-owner.password", "db-app.password")}
        self.__class__.ca_pem = open(os.path.join(VAR, "tls", "ca.pem")).read()

        self.__class__.mariadb_pid = int(open(os.path.join(VAR, "mariadb", "mysqld.pid")).read())
        # SIGTERM to the script: it exits with 128+15 once cftd and MariaDB have stopped.
        self.assertEqual(self.stop(proc, signal.SIGTERM, to_group=False), 143)
        log = open(log_path).read()
        self.assertIn("draining in-flight calls", log)
        self.assertIn("cftd stopped", log)
        self.assertIn("stopping MariaDB", log)
        self.assert_database_stopped()

    def test_2_second_run_reuses_var_and_stops_on_ctrl_c(self):
        self.assertTrue(hasattr(self, "admin"), "the first run did not complete")
        proc, log_path = self.start(log_name="run2.log")
        channel, status = self.wait_until_serving(proc, log_path)
        self.assertEqual(status, health_pb2.HealthCheckResponse.SERVING)

        for name, content in self.secrets.items():
            self.assertEqual(open(os.path.join(VAR, "secrets", name)).read(), content, name)
        self.assertEqual(open(os.path.join(VAR, "tls", "ca.pem")).read(), self.ca_pem)
        # The data of the first run is still there.
        me = self.sign_in(channel, *self.admin)
        self.assertEqual(me.organisation_name, "Demo Clinic (sample data)")
        channel.close()
        self.assertNotIn("seeding the demo", open(log_path).read())

        self.__class__.mariadb_pid = int(open(os.path.join(VAR, "mariadb", "mysqld.pid")).read())
        # Ctrl-C in a terminal signals the whole foreground process group.
        self.assertEqual(self.stop(proc, signal.SIGINT, to_group=True), 130)
        log = open(log_path).read()
        self.assertIn("cftd stopped", log)
        self.assert_database_stopped()


if __name__ == "__main__":
    unittest.main(verbosity=2)
