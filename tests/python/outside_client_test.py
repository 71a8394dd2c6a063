#!/usr/bin/python3
"""An outside client in Python over TLS against the real cftd binary.

Set-up as an operator would do it: cftctl migrate, create-org, create-user;
deploy/tls.sh for certificates; cftd with TLS on a free port. Then, from
Python's grpcio with stubs generated from proto/ during the test: log in, call
WhoAmI, compare the wrong-password and unknown-account answers, hit the lockout,
check health and reflection, read a field violation from the status details,
read a schedule from CalendarService, log out on one cftd and see a second
cftd on the same database refuse the session within 2 s, kill that second
cftd after a burst of audited reads and find every read's record, and stop
the first with SIGTERM, its queued audit records written.

Environment (set by tests/CMakeLists.txt and deploy/test.sh): CFTD, CFTCTL,
CFT_SOURCE_DIR, CFT_TEST_DB_HOST/PORT/USER/PASSWORD, CFT_TEST_TMPDIR.
"""
import datetime
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
from cft.v1 import calendar_pb2, calendar_pb2_grpc  # noqa: E402
from cft.v1 import cohort_pb2, cohort_pb2_grpc  # noqa: E402
from cft.v1 import common_pb2  # noqa: E402
from cft.v1 import programme_pb2, programme_pb2_grpc  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from cftprobe import health_pb2, health_pb2_grpc  # noqa: E402
from cftprobe import reflection_pb2, reflection_pb2_grpc  # noqa: E402


def sql(statement):
    subprocess.run(["mariadb", "--no-defaults", "-h", DB_HOST, "-P", DB_PORT, "-u", DB_USER,
                    "-p" + DB_PASSWORD, "-e", statement], check=True)


def sql_value(statement):
    out = subprocess.run(["mariadb", "--no-defaults", "-h", DB_HOST, "-P", DB_PORT, "-u", DB_USER,
                          "-p" + DB_PASSWORD, "-N", "-B", "-e", statement], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def start_cftd(flags, label):
    """Starts cftd on a free port with `flags`; returns (process, port, log path, log file)."""
    port_file = os.path.join(WORK, label + ".port")
    log_path = os.path.join(WORK, label + ".log")
    log = open(log_path, "w")
    tls = os.path.join(WORK, "tls")
    proc = subprocess.Popen([CFTD, "--listen=127.0.0.1:0", f"--port_file={port_file}",
                             f"--tls_cert={tls}/server.pem", f"--tls_key={tls}/server.key",
                             "--password_hash_profile=minimum"] + flags,
                            stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        if os.path.exists(port_file):
            break
        if proc.poll() is not None:
            raise RuntimeError("cftd exited: " + open(log_path).read())
        time.sleep(0.05)
    return proc, int(open(port_file).read()), log_path, log


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
        cls.ca = os.path.join(tls, "ca.pem")
        cls.cftd, cls.port, cls.log_path, cls.log = start_cftd(cls.app_flags, "cftd")
        # A second user for the calendar, error-detail and replica tests (test 4 locks the first out).
        cls.email2 = "python.second@test.example"
        subprocess.run([CFTCTL, "create-user", f"--org={org}", "--role=clinician", f"--email={cls.email2}",
                        "--name=Second Clinician", "--password_stdin"] + cls.app_flags,
                       input=cls.password + "\n", check=True, text=True, capture_output=True)
        cls.channel = cftpy.tls_channel(cls.port, os.path.join(tls, "ca.pem"))
        cls.auth = auth_pb2_grpc.AuthServiceStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        for proc in (cls.cftd, getattr(cls, "replica", None)):
            if proc is not None and proc.poll() is None:
                proc.kill()
        cls.log.close()
        if getattr(cls, "replica_log", None) is not None:
            cls.replica_log.close()
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

    def bearer(self, token):
        return [("authorization", "Bearer " + token)]

    def test_5a_invalid_argument_carries_a_bad_request_detail(self):
        with self.assertRaises(grpc.RpcError) as err:
            self.login("", "whatever it is")
        self.assertEqual(err.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(err.exception.details(), "email: is required")
        trailers = dict(err.exception.trailing_metadata())
        details = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
        self.assertEqual(details.code, grpc.StatusCode.INVALID_ARGUMENT.value[0])
        bad = error_details_pb2.BadRequest()
        self.assertTrue(details.details[0].Unpack(bad))
        self.assertEqual([(v.field, v.description) for v in bad.field_violations], [("email", "is required")])

    def test_5b_calendar_service_serves_the_schedule(self):
        token = self.login(self.email2, self.password).token
        templates = programme_pb2_grpc.ProgrammeServiceStub(self.channel).ListProgrammeTemplates(
            programme_pb2.ListProgrammeTemplatesRequest(), metadata=self.bearer(token), timeout=30)
        start = datetime.date.today() + datetime.timedelta(days=14)
        created = cohort_pb2_grpc.CohortServiceStub(self.channel).CreateCohort(
            cohort_pb2.CreateCohortRequest(
                name="Python Tuesday group", template_id=templates.templates[0].id,
                start_date=common_pb2.LocalDate(year=start.year, month=start.month, day=start.day),
                weekday=common_pb2.TUESDAY,
                local_start_time=common_pb2.LocalTime(hour=18), time_zone="Europe/London"),
            metadata=self.bearer(token), timeout=30)
        schedule = calendar_pb2_grpc.CalendarServiceStub(self.channel).GetSchedule(
            calendar_pb2.GetScheduleRequest(cohort_id=created.cohort.id), metadata=self.bearer(token), timeout=30)
        self.assertEqual(schedule.time_zone, "Europe/London")
        self.assertEqual(len(schedule.sessions), created.cohort.week_count)
        self.assertEqual(schedule.sessions[0].local_start_time.hour, 18)
        self.assertRegex(schedule.sessions[0].local_display, r"^Tuesday \d+ \w+ \d{4}, 18:00 (GMT|BST)$")
        # The calendar RPCs are no longer ProgrammeService's.
        names = {m.name for m in programme_pb2.DESCRIPTOR.services_by_name["ProgrammeService"].methods}
        self.assertEqual(names, {"ListProgrammeTemplates", "GetProgrammeTemplate", "SaveProgrammeTemplate"})

    def test_5c_a_logout_on_one_cftd_is_refused_on_another_within_two_seconds(self):
        replica, port, _, self.__class__.replica_log = start_cftd(self.app_flags, "replica")
        self.__class__.replica = replica
        self.__class__.replica_port = port
        other = auth_pb2_grpc.AuthServiceStub(cftpy.tls_channel(port, self.ca))
        token = self.login(self.email2, self.password).token
        # Served by the second cftd, which now holds the session in its cache.
        for _ in range(3):
            other.WhoAmI(auth_pb2.WhoAmIRequest(), metadata=self.bearer(token), timeout=30)
        self.auth.Logout(auth_pb2.LogoutRequest(), metadata=self.bearer(token), timeout=30)
        logged_out = time.monotonic()
        while True:
            try:
                other.WhoAmI(auth_pb2.WhoAmIRequest(), metadata=self.bearer(token), timeout=30)
            except grpc.RpcError as e:
                self.assertEqual(e.code(), grpc.StatusCode.UNAUTHENTICATED)
                break
            self.assertLess(time.monotonic() - logged_out, 2.0, "the second cftd still accepts the session")
            time.sleep(0.02)
        self.assertLessEqual(time.monotonic() - logged_out, 2.0)

    def audited_waitlist_reads(self, user_email):
        return int(sql_value(
            f"SELECT COUNT(*) FROM {self.db}.audit_log a JOIN {self.db}.users u ON u.id = a.actor_user_id "
            f"WHERE a.method = '/cft.v1.CohortService/ListWaitlist' AND a.status_code = 0 "
            f"AND u.email = '{user_email}'"))

    def test_5d_a_crash_after_the_audit_window_loses_no_read_record(self):
        token = self.login(self.email2, self.password).token
        cohorts = cohort_pb2_grpc.CohortServiceStub(cftpy.tls_channel(self.replica_port, self.ca))
        before = self.audited_waitlist_reads(self.email2)
        served = 0
        for _ in range(40):
            cohorts.ListWaitlist(cohort_pb2.ListWaitlistRequest(), metadata=self.bearer(token), timeout=30)
            served += 1
        # Reads' records are written in batches within 200 ms; after that a
        # crash loses none of them.
        time.sleep(0.4)
        self.replica.kill()
        self.replica.wait(timeout=60)
        self.assertEqual(self.audited_waitlist_reads(self.email2) - before, served)

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
        token = self.login(self.email2, self.password).token
        cohorts = cohort_pb2_grpc.CohortServiceStub(self.channel)
        before = self.audited_waitlist_reads(self.email2)
        for _ in range(20):
            cohorts.ListWaitlist(cohort_pb2.ListWaitlistRequest(), metadata=self.bearer(token), timeout=30)
        # At once, while the last reads' records may still be queued: the
        # orderly stop writes them before it exits.
        self.cftd.send_signal(signal.SIGTERM)
        self.assertEqual(self.cftd.wait(timeout=60), 0)
        self.assertEqual(self.audited_waitlist_reads(self.email2) - before, 20)
        self.log.flush()
        self.assertIn("cftd stopped", open(self.log_path).read())


if __name__ == "__main__":
    unittest.main(verbosity=2)
