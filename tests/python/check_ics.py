#!/usr/bin/python3
"""Checks an iCalendar file with an independent parser (python3-icalendar).

Usage: check_ics.py FILE.ics EXPECTED.json

EXPECTED.json: {"tzid": "Europe/London",
                "events": [{"uid": ..., "start": "2026-10-20T17:00:00Z",
                            "end": ..., "sequence": 0, "status": "CONFIRMED",
                            "summary": ...}, ...]}
Every event's DTSTART (read through its TZID by the parser) and its end
(DTSTART + DURATION) must equal the expected UTC instants. The same local
times are also read through the file's own VTIMEZONE (turned into a tzinfo by
the parser), since the parser would otherwise resolve the TZID from the
system's zone database and our VTIMEZONE would go unchecked.
Exits 0 when everything matches, 1 otherwise.
"""
import datetime
import json
import sys

from icalendar import Calendar


def utc(value):
    dt = value.dt
    if dt.tzinfo is None:
        raise ValueError(f"floating time {dt!r}: a TZID or UTC was expected")
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    raw = open(sys.argv[1], "rb").read()
    expected = json.load(open(sys.argv[2]))
    problems = []
    if b"\r\n" not in raw or b"\n" in raw.replace(b"\r\n", b""):
        problems.append("lines must end in CRLF")
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"line longer than 75 octets: {line[:40]!r}...")
    cal = Calendar.from_ical(raw)
    zones = [c for c in cal.walk("VTIMEZONE")]
    if [str(z["TZID"]) for z in zones] != [expected["tzid"]]:
        problems.append(f"VTIMEZONE TZIDs {[str(z['TZID']) for z in zones]} != [{expected['tzid']}]")
    own_tz = zones[0].to_tz() if len(zones) == 1 else None
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    if len(events) != len(expected["events"]):
        problems.append(f"{len(events)} events, expected {len(expected['events'])}")
    for want in expected["events"]:
        got = events.get(want["uid"])
        if got is None:
            problems.append(f"missing event {want['uid']}")
            continue
        if got["DTSTART"].params.get("TZID") != expected["tzid"]:
            problems.append(f"{want['uid']}: DTSTART TZID {got['DTSTART'].params.get('TZID')}")
        if utc(got["DTSTART"]) != want["start"]:
            problems.append(f"{want['uid']}: DTSTART {utc(got['DTSTART'])} != {want['start']}")
        if own_tz is not None:
            local = got["DTSTART"].dt.replace(tzinfo=None)
            via_own = own_tz.localize(local).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if via_own != want["start"]:
                problems.append(f"{want['uid']}: DTSTART through the file's VTIMEZONE {via_own} != {want['start']}")
        end = (got["DTSTART"].dt + got["DURATION"].dt).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        if end != want["end"]:
            problems.append(f"{want['uid']}: DTSTART + DURATION {end} != {want['end']}")
        if int(got["SEQUENCE"]) != want["sequence"]:
            problems.append(f"{want['uid']}: SEQUENCE {got['SEQUENCE']} != {want['sequence']}")
        if str(got["STATUS"]) != want["status"]:
            problems.append(f"{want['uid']}: STATUS {got['STATUS']} != {want['status']}")
        if "summary" in want and str(got["SUMMARY"]) != want["summary"]:
            problems.append(f"{want['uid']}: SUMMARY {str(got['SUMMARY'])!r} != {want['summary']!r}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
