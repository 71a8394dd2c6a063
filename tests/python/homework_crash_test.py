#!/usr/bin/python3
"""LogPractice survives a crash of cftd: exactly once per idempotency key.

An operator's set-up (cftctl migrate, create-org, create-user, deploy/tls.sh),
then over TLS from Python: a clinician starts a group whose first session is
over, a participant joins, and four client threads send a stream of
LogPractice calls, each retrying its own key until it is acknowledged. In the
middle of the stream cftd is killed with SIGKILL and started again on the same
port. Afterwards every acknowledged log exists exactly once under its key,
with the id it was acknowledged with, and no key has two logs.

Environment (set by tests/CMakeLists.txt and deploy/test.sh): CFTD, CFTCTL,
CFT_SOURCE_DIR, CFT_TEST_DB_HOST/PORT/USER/PASSWORD, CFT_TEST_TMPDIR.
"""
import datetime
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cftpy  # noqa: E402

SOURCE = cftpy.SOURCE
CFTD = os.environ["CFTD"]
CFTCTL = os.environ["CFTCTL"]
DB_HOST = os.environ["CFT_TEST_DB_HOST"]
DB_PORT = os.environ["CFT_TEST_DB_PORT"]
DB_USER = os.environ["CFT_TEST_DB_USER"]
DB_PASSWORD = os.environ["CFT_TEST_DB_PASSWORD"]

WORK = tempfile.mkdtemp(prefix="cft-crash-", dir=os.environ.get("CFT_TEST_TMPDIR"))
cftpy.generate_stubs(WORK)
import grpc  # noqa: E402
from cft.v1 import auth_pb2, auth_pb2_grpc  # noqa: E402
from cft.v1 import cohort_pb2, cohort_pb2_grpc  # noqa: E402
from cft.v1 import common_pb2  # noqa: E402
from cft.v1 import homework_pb2, homework_pb2_grpc  # noqa: E402
from cft.v1 import programme_pb2, programme_pb2_grpc  # noqa: E402

LOGS = 240
THREADS = 4
KILL_AFTER = 60  # acknowledged logs before the kill
# Retried: the server is gone or coming back. Anything else fails the test.
RETRIED = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.CANCELLED,
           grpc.StatusCode.UNKNOWN}


def sql(statement):
    subprocess.run(["mariadb", "--no-defaults", "-h", DB_HOST, "-P", DB_PORT, "-u", DB_USER,
                    "-p" + DB_PASSWORD, "-e", statement], check=True)


def sql_rows(statement):
    out = subprocess.run(["mariadb", "--no-defaults", "-N", "-B", "-h", DB_HOST, "-P", DB_PORT, "-u", DB_USER,
                          "-p" + DB_PASSWORD, "-e", statement], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


class HomeworkCrashTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        suffix = secrets.token_hex(4)
        cls.db = "cft_crash_" + suffix
        app_user, app_pw = "crash_app_" + suffix, secrets.token_urlsafe(18)
        sql(f"CREATE DATABASE {cls.db}; CREATE USER '{app_user}'@'%' IDENTIFIED BY '{app_pw}';")
        cls.app_user = app_user
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
                       check=True, capture_output=True)
        org = subprocess.run([CFTCTL, "create-org", "--name=Crash Test Clinic"] + cls.app_flags,
                             check=True, capture_output=True, text=True).stdout.strip()
        cls.email = "crash.clinician@test.example"
        cls.password = "a clinician's passphrase"
        subprocess.run([CFTCTL, "create-user", f"--org={org}", "--role=clinician", f"--email={cls.email}",
                        "--name=Crash Clinician", "--password_stdin"] + cls.app_flags,
                       input=cls.password + "\n", check=True, text=True, capture_output=True)
        cls.tls = os.path.join(WORK, "tls")
        subprocess.run([os.path.join(SOURCE, "deploy", "tls.sh"), cls.tls], check=True, capture_output=True)
        cls.logs = []
        cls.cftd = cls.start_cftd("127.0.0.1:0")
        cls.port = int(open(cls.port_file).read())
        with open(os.path.join(cls.tls, "ca.pem"), "rb") as f:
            creds = grpc.ssl_channel_credentials(root_certificates=f.read())
        # Reconnect quickly once cftd is back, instead of gRPC's default backoff of seconds.
        cls.channel = grpc.secure_channel(f"localhost:{cls.port}", creds, options=[
            ("grpc.initial_reconnect_backoff_ms", 50), ("grpc.min_reconnect_backoff_ms", 50),
            ("grpc.max_reconnect_backoff_ms", 250)])

    @classmethod
    def start_cftd(cls, listen):
        cls.port_file = os.path.join(WORK, f"port-{len(cls.logs)}")
        log_path = os.path.join(WORK, f"cftd-{len(cls.logs)}.log")
        log = open(log_path, "w")
        cls.logs.append(log)
        proc = subprocess.Popen([CFTD, f"--listen={listen}", f"--port_file={cls.port_file}",
                                 f"--tls_cert={cls.tls}/server.pem", f"--tls_key={cls.tls}/server.key",
                                 "--password_hash_profile=minimum"] + cls.app_flags,
                                stdout=log, stderr=subprocess.STDOUT)
        for _ in range(1200):
            if os.path.exists(cls.port_file):
                return proc
            if proc.poll() is not None:
                raise RuntimeError("cftd exited: " + open(log_path).read())
            time.sleep(0.05)
        raise RuntimeError("cftd did not start: " + open(log_path).read())

    @classmethod
    def tearDownClass(cls):
        if cls.cftd.poll() is None:
            cls.cftd.kill()
            cls.cftd.wait()
        for log in cls.logs:
            log.close()
        sql(f"DROP DATABASE IF EXISTS {cls.db}; DROP USER IF EXISTS '{cls.app_user}'@'%';")

    @staticmethod
    def bearer(token):
        return [("authorization", "Bearer " + token)]

    def set_up_a_participant(self):
        auth = auth_pb2_grpc.AuthServiceStub(self.channel)
        staff = self.bearer(auth.Login(auth_pb2.LoginRequest(email=self.email, password=self.password),
                                       timeout=30).token)
        templates = programme_pb2_grpc.ProgrammeServiceStub(self.channel).ListProgrammeTemplates(
            programme_pb2.ListProgrammeTemplatesRequest(), metadata=staff, timeout=30)
        builtin = [t for t in templates.templates if t.key == "cft-group-8-week" and t.organisation_id == 0]
        # The first session was two days ago, so week 1 is released.
        start = datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=2)
        cohorts = cohort_pb2_grpc.CohortServiceStub(self.channel)
        cohort = cohorts.CreateCohort(cohort_pb2.CreateCohortRequest(
            name="Crash test group", template_id=builtin[0].id,
            start_date=common_pb2.LocalDate(year=start.year, month=start.month, day=start.day),
            weekday=start.isoweekday(), local_start_time=common_pb2.LocalTime(hour=9),
            time_zone="Europe/London"), metadata=staff, timeout=30).cohort
        cohorts.SetCohortStatus(cohort_pb2.SetCohortStatusRequest(cohort_id=cohort.id,
                                                                  status=cohort_pb2.COHORT_RUNNING),
                                metadata=staff, timeout=30)
        referral = cohorts.AddReferral(cohort_pb2.AddReferralRequest(
            name="Casey Crash", contact_email="casey.crash@people.example", source="GP referral",
            screening_status=cohort_pb2.SCREENING_SUITABLE), metadata=staff, timeout=30).referral
        place = cohorts.AllocateToCohort(cohort_pb2.AllocateToCohortRequest(
            referral_id=referral.id, cohort_id=cohort.id, override_closed_group=True),
            metadata=staff, timeout=30).participant
        code = cohorts.CreateInvite(cohort_pb2.CreateInviteRequest(enrolment_id=place.enrolment_id),
                                    metadata=staff, timeout=30).code
        joined = auth.RedeemInvite(auth_pb2.RedeemInviteRequest(code=code, new_password="casey's own passphrase"),
                                   timeout=30)
        return place.enrolment_id, self.bearer(joined.token)

    def test_every_acknowledged_log_exists_exactly_once_after_a_sigkill(self):
        enrolment_id, participant = self.set_up_a_participant()
        homework = homework_pb2_grpc.HomeworkServiceStub(self.channel)
        mine = homework.ListMyAssignments(homework_pb2.ListMyAssignmentsRequest(), metadata=participant, timeout=30)
        breathing = [p.assignment for p in mine.assignments if p.assignment.practice_code == "B"][0]
        # Now in the group's zone: on the day the place began, and not in the future.
        now = datetime.datetime.now(ZoneInfo("Europe/London"))

        def request(i):
            return homework_pb2.LogPracticeRequest(
                assignment_id=breathing.id,
                practised_on=common_pb2.LocalDate(year=now.year, month=now.month, day=now.day),
                practised_at=common_pb2.LocalTime(hour=now.hour, minute=now.minute), minutes=1 + i % 30,
                helpfulness=i % 11, idempotency_key=f"crash-stream-{i:04d}")

        lock = threading.Lock()
        acked = {}  # key -> log id, from the first OK answer
        acked_before_kill = {}
        retries = {"count": 0}
        problems = []
        killed = threading.Event()

        def send(indices):
            for i in indices:
                req = request(i)
                while True:
                    try:
                        resp = homework.LogPractice(req, metadata=participant, timeout=10)
                    except grpc.RpcError as e:
                        # A connection cut mid-stream can surface as INTERNAL; only after the kill.
                        transport = killed.is_set() and e.code() == grpc.StatusCode.INTERNAL
                        if e.code() not in RETRIED and not transport:
                            with lock:
                                problems.append(f"{req.idempotency_key}: {e.code()} {e.details()}")
                            return
                        with lock:
                            retries["count"] += 1
                        time.sleep(0.02)
                        continue
                    with lock:
                        if req.idempotency_key in acked:
                            problems.append(f"{req.idempotency_key} acknowledged twice")
                        acked[req.idempotency_key] = resp.log.id
                        if not killed.is_set():
                            acked_before_kill[req.idempotency_key] = resp.log.id
                    break

        threads = [threading.Thread(target=send, args=(range(t, LOGS, THREADS),)) for t in range(THREADS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 120
        while True:
            with lock:
                if len(acked) >= KILL_AFTER:
                    break
            self.assertLess(time.monotonic(), deadline, "the stream did not get going")
            time.sleep(0.005)
        # In the middle of the stream: four callers with calls in flight.
        with lock:
            killed.set()
            self.cftd.send_signal(signal.SIGKILL)
        self.cftd.wait()
        self.__class__.cftd = self.start_cftd(f"127.0.0.1:{self.port}")
        for t in threads:
            t.join(timeout=300)
            self.assertFalse(t.is_alive(), "a sender never finished")

        print(f"\n{len(acked_before_kill)} of {LOGS} logs acknowledged before the SIGKILL; "
              f"{retries['count']} calls retried", file=sys.stderr)
        self.assertEqual(problems, [])
        self.assertEqual(len(acked), LOGS)
        self.assertGreater(retries["count"], 0, "no call was interrupted by the kill")
        self.assertGreaterEqual(len(acked_before_kill), KILL_AFTER)
        self.assertLess(len(acked_before_kill), LOGS, "the kill came after the stream had ended")

        rows = sql_rows(f"SELECT idempotency_key, id FROM {self.db}.practice_logs "
                        f"WHERE enrolment_id = {enrolment_id} AND deleted_at IS NULL")
        stored = {}
        for key, log_id in rows:
            self.assertNotIn(key, stored, f"{key} has two logs")
            stored[key] = int(log_id)
        self.assertEqual(len(rows), LOGS, "a log exists twice or is missing")
        for key, log_id in acked.items():
            self.assertEqual(stored.get(key), log_id, f"{key} was acknowledged as log {log_id}")
        # Acknowledged before the kill: durable, and the same id after it.
        for key, log_id in acked_before_kill.items():
            self.assertEqual(stored[key], log_id)
        # The participant's own list, through the restarted server, agrees.
        page = homework.ListPracticeLogs(homework_pb2.ListPracticeLogsRequest(page_size=500),
                                         metadata=participant, timeout=30)
        self.assertEqual(sorted(log.id for log in page.logs), sorted(acked.values()))
        self.assertEqual(page.next_page_token, "")
        # A last retry of an early key, after everything, replays its log.
        again = homework.LogPractice(request(0), metadata=participant, timeout=30)
        self.assertTrue(again.replayed)
        self.assertEqual(again.log.id, acked["crash-stream-0000"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
