#!/usr/bin/python3
"""An outside client in Python over TLS against the real cftd binary.

Set-up as an operator would do it: cftctl migrate, create-org, create-user;
deploy/tls.sh for certificates; cftd with TLS on a free port. Then, from
Python's grpcio with stubs generated from proto/ during the test: log in, call
WhoAmI, compare the wrong-password and unknown-account answers, hit the lockout,
check health and reflection, and stop cftd with SIGTERM.

Environment (set by tests/CMakeLists.txt and deploy/test.sh): CFTD, CFTCTL,
CFT_SOURCE_DIR, CFT_TEST_DB_HOST/PORT/USER/PASSWORD, CFT_TEST_TMPDIR.
"""
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cftpy  # noqa: E402

SOURCE = cftpy.SOURCE
CFTD = os.environ["CFTD"]
CFTCTL = os.environ["CFTCTL"]
DB_HOST = os.environ["CFT_TEST_DB_HOST"]
DB_PORT = os.environ["CFT_TEST_DB_PORT"]
DB_USER = os.environ["CFT_TEST_DB_USER"]
DB_PASSWORD = os.environ["CFT_TEST_DB_PASSWORD"]

WORK = tempfile.mkdtemp(prefix="cft-py-", dir=os.environ.get("CFT_TEST_TMPDIR"))
cftpy.generate_stubs(WORK)
import grpc  # noqa: E402
from cft.v1 import auth_pb2, auth_pb2_grpc  # noqa: E402
from cftprobe import health_pb2, health_pb2_grpc  # noqa: E402
from cftprobe import reflection_pb2, reflection_pb2_grpc  # noqa: E402


def sql(statement):
    subprocess.run(["mariadb", "--no-defaults", "-h", DB_HOST, "-P", DB_PORT, "-u", DB_USER,
                    "-p" + DB_PASSWORD, "-e", statement], check=True)


class OutsideClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        suffix = secrets.token_hex(4)
        cls.db = "cft_py_" + suffix
        app_user, app_pw = "py_app_" + suffix, secrets.token_urlsafe(18)
        sql(f"CREATE DATABASE {cls.db}; CREATE USER '{app_user}'@'%' IDENTIFIED BY '{app_pw}';")
        owner_pw_file = os.path.join(WORK, "owner.pw")
        app_pw_file = os.path.join(WORK, "app.pw")
        for path, value in ((owner_pw_file, DB_PASSWORD), (app_pw_file, app_pw)):
            with open(path, "w") as f:
                f.write(value + "\n")
            os.chmod(path, 0o600)
        db_flags = [f"--db_host={DB_HOST}", f"--db_port={DB_PORT}", f"--db_name={cls.db}"]
        cls.app_flags = db_flags + [f"--db_user={app_user}", f"--db_password_file={app_pw_file}"]
        subprocess.run([CFTCTL, "migrate"] + db_flags + [f"--db_user={DB_USER}",
                       f"--db_password_file={owner_pw_file}", f"--app_user={app_user}", "--app_host=%"],
                       check=True)
        org = subprocess.run([CFTCTL, "create-org", "--name=Python Test Clinic"] + cls.app_flags,
                             check=True, capture_output=True, text=True).stdout.strip()
        cls.org = org
        cls.owner_pw_file = owner_pw_file
        cls.email = "python.user@test.example"
        cls.password = "a python client passphrase"
        subprocess.run([CFTCTL, "create-user", f"--org={org}", "--role=clinician", f"--email={cls.email}",
                        "--name=Py Thon", "--password_stdin"] + cls.app_flags,
                       input=cls.password + "\n", check=True, text=True, capture_output=True)

        tls = os.path.join(WORK, "tls")
        subprocess.run([os.path.join(SOURCE, "deploy", "tls.sh"), tls], check=True)
        port_file = os.path.join(WORK, "port")
        cls.log_path = os.path.join(WORK, "cftd.log")
        cls.log = open(cls.log_path, "w")
        cls.cftd = subprocess.Popen([CFTD, "--listen=127.0.0.1:0", f"--port_file={port_file}",
                                     f"--tls_cert={tls}/server.pem", f"--tls_key={tls}/server.key",
                                     "--password_hash_profile=minimum"] + cls.app_flags,
                                    stdout=cls.log, stderr=subprocess.STDOUT)
        for _ in range(600):
            if os.path.exists(port_file):
                break
            if cls.cftd.poll() is not None:
                raise RuntimeError("cftd exited: " + open(cls.log_path).read())
            time.sleep(0.05)
        cls.port = int(open(port_file).read())
        cls.channel = cftpy.tls_channel(cls.port, os.path.join(tls, "ca.pem"))
        cls.auth = auth_pb2_grpc.AuthServiceStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        if cls.cftd.poll() is None:
            cls.cftd.kill()
        cls.log.close()
        sql(f"DROP DATABASE IF EXISTS {cls.db}")

    def login(self, email, password):
        return self.auth.Login(auth_pb2.LoginRequest(email=email, password=password), timeout=30)

    def test_1_login_and_whoami_over_tls(self):
        resp = self.login(self.email, self.password)
        self.assertEqual(len(resp.token), 43)
        me = self.auth.WhoAmI(auth_pb2.WhoAmIRequest(), metadata=[("authorization", "Bearer " + resp.token)],
                              timeout=30)
        self.assertEqual(me.user.email, self.email)
        self.assertEqual(me.user.role, auth_pb2.ROLE_CLINICIAN)
        self.assertEqual(me.organisation_name, "Python Test Clinic")
        self.__class__.token = resp.token

    def test_2_plaintext_is_refused(self):
        plain = auth_pb2_grpc.AuthServiceStub(grpc.insecure_channel(f"127.0.0.1:{self.port}"))
        with self.assertRaises(grpc.RpcError) as err:
            plain.Login(auth_pb2.LoginRequest(email=self.email, password=self.password), timeout=5)
        self.assertEqual(err.exception.code(), grpc.StatusCode.UNAVAILABLE)

    def test_3_wrong_password_and_unknown_account_look_the_same(self):
        answers = []
        for email in (self.email, "nobody@test.example"):
            with self.assertRaises(grpc.RpcError) as err:
                self.login(email, "not the right one")
            answers.append((err.exception.code(), err.exception.details()))
        self.assertEqual(answers[0], answers[1])
        self.assertEqual(answers[0][0], grpc.StatusCode.UNAUTHENTICATED)

    def test_4_rapid_failures_are_throttled(self):
        codes = []
        for _ in range(6):
            try:
                self.login(self.email, "still not it")
                codes.append(grpc.StatusCode.OK)
            except grpc.RpcError as e:
                codes.append(e.code())
        self.assertIn(grpc.StatusCode.RESOURCE_EXHAUSTED, codes)
        with self.assertRaises(grpc.RpcError) as err:
            self.login(self.email, self.password)
        self.assertEqual(err.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)

    def test_5_health_and_reflection(self):
        health = health_pb2_grpc.HealthStub(self.channel)
        resp = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=10)
        self.assertEqual(resp.status, health_pb2.HealthCheckResponse.SERVING)
        resp = health.Check(health_pb2.HealthCheckRequest(service="cft.v1.AuthService"), timeout=10)
        self.assertEqual(resp.status, health_pb2.HealthCheckResponse.SERVING)
        reflection = reflection_pb2_grpc.ServerReflectionStub(self.channel)
        replies = reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]),
                                                  timeout=10)
        names = {s.name for r in replies for s in r.list_services_response.service}
        self.assertIn("cft.v1.AuthService", names)

    def test_6_logs_name_failures_without_secrets(self):
        self.log.flush()
        text = open(self.log_path).read()
        self.assertIn("rpc failed method=/cft.v1.AuthService/Login code=UNAUTHENTICATED", text)
        self.assertIn("rpc failed method=/cft.v1.AuthService/Login code=RESOURCE_EXHAUSTED", text)
        for secret in ("not the right one", "still not it", self.password, getattr(self, "token", "x" * 43)):
            self.assertNotIn(secret, text)
        self.assertNotIn("SELECT", text)
        self.assertNotIn("INSERT", text)

    def cftctl(self, *args, stdin=None):
        return subprocess.run([CFTCTL, *args] + self.app_flags, input=stdin, capture_output=True, text=True,
                              timeout=120)

    def test_6a_cftctl_generated_and_reset_passwords(self):
        email = "generated.user@test.example"
        made = self.cftctl("create-user", f"--org={self.org}", "--role=clinician", f"--email={email}",
                           "--name=Gen Erated")
        self.assertEqual(made.returncode, 0, made.stderr)
        first = re.search(r"^temporary password \(shown once\): (\S+)$", made.stdout, re.MULTILINE).group(1)
        self.assertTrue(self.login(email, first).user.password_change_required)

        reset = self.cftctl("reset-password", f"--email={email}")
        self.assertEqual(reset.returncode, 0, reset.stderr)
        second = re.search(r"^temporary password \(shown once\): (\S+)$", reset.stdout, re.MULTILINE).group(1)
        self.assertNotEqual(first, second)
        with self.assertRaises(grpc.RpcError) as err:
            self.login(email, first)
        self.assertEqual(err.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        self.assertTrue(self.login(email, second).user.password_change_required)

        unknown = self.cftctl("reset-password", "--email=nobody.here@test.example")
        self.assertNotEqual(unknown.returncode, 0)

    def test_6b_cftctl_status(self):
        status = self.cftctl("status")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertIn("database: reachable", status.stdout)
        self.assertRegex(status.stdout, r"schema version: [1-9]")
        self.assertRegex(status.stdout, r"organisations: [1-9]")
        self.assertRegex(status.stdout, r"users: [1-9]")
        unreachable = subprocess.run([CFTCTL, "status", f"--db_host={DB_HOST}", "--db_port=1", f"--db_name={self.db}",
                                      f"--db_user={DB_USER}", f"--db_password_file={self.owner_pw_file}"],
                                     capture_output=True, text=True, timeout=120)
        self.assertEqual(unreachable.returncode, 1)
        self.assertIn("database: unreachable", unreachable.stdout)

    def test_6c_cftd_refuses_to_serve_plain_text_unless_asked(self):
        started = subprocess.run([CFTD, "--listen=127.0.0.1:0"] + self.app_flags, capture_output=True, text=True,
                                 timeout=120)
        self.assertNotEqual(started.returncode, 0)
        self.assertIn("--tls_cert", started.stderr)

    def test_6d_cftd_migrates_at_start_up_and_grants_its_own_account(self):
        # A fresh database and an application account with no grants at all:
        # cftd --migrate_user must create the schema and grant the tables.
        suffix = secrets.token_hex(4)
        db, app_user, app_pw = "cft_py_mig_" + suffix, "py_mig_" + suffix, secrets.token_urlsafe(18)
        sql(f"CREATE DATABASE {db}; CREATE USER '{app_user}'@'%' IDENTIFIED BY '{app_pw}';")
        app_pw_file = os.path.join(WORK, "mig_app.pw")
        with open(app_pw_file, "w") as f:
            f.write(app_pw + "\n")
        port_file = os.path.join(WORK, "mig_port")
        log_path = os.path.join(WORK, "cftd_mig.log")
        tls = os.path.join(WORK, "tls")
        with open(log_path, "w") as log:
            cftd = subprocess.Popen([CFTD, "--listen=127.0.0.1:0", f"--port_file={port_file}",
                                     f"--tls_cert={tls}/server.pem", f"--tls_key={tls}/server.key",
                                     f"--db_host={DB_HOST}", f"--db_port={DB_PORT}", f"--db_name={db}",
                                     f"--db_user={app_user}", f"--db_password_file={app_pw_file}",
                                     f"--migrate_user={DB_USER}", f"--migrate_password_file={self.owner_pw_file}",
                                     "--app_host=%", "--password_hash_profile=minimum"],
                                    stdout=log, stderr=subprocess.STDOUT)
        try:
            for _ in range(1200):
                if os.path.exists(port_file) or cftd.poll() is not None:
                    break
                time.sleep(0.05)
            self.assertIsNone(cftd.poll(), open(log_path).read())
            channel = cftpy.tls_channel(int(open(port_file).read()), os.path.join(tls, "ca.pem"))
            auth = auth_pb2_grpc.AuthServiceStub(channel)
            # Reaching the answer for an unknown account reads users and writes
            # the throttle: both need the grants.
            with self.assertRaises(grpc.RpcError) as err:
                auth.Login(auth_pb2.LoginRequest(email="nobody@test.example", password="whatever it is"),
                           timeout=30)
            self.assertEqual(err.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
            channel.close()
            self.assertIn("migrations applied=", open(log_path).read())
        finally:
            cftd.terminate()
            cftd.wait(timeout=60)
            sql(f"DROP DATABASE IF EXISTS {db}; DROP USER IF EXISTS '{app_user}'@'%';")

    def test_7_sigterm_drains_and_exits_zero(self):
        self.cftd.send_signal(signal.SIGTERM)
        self.assertEqual(self.cftd.wait(timeout=60), 0)
        self.log.flush()
        self.assertIn("cftd stopped", open(self.log_path).read())


if __name__ == "__main__":
    unittest.main(verbosity=2)
