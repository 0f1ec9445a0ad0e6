#!/usr/bin/env python3
"""End-to-end tests of the event trace: `run --trace`, the `trace:` key and `export --trace`
(CSV and OCEL 2.0 in SQLite, checked against the tables the OCEL 2.0 specification defines).

Run by ctest as `test_trace.py GIGATWIN_BINARY SOURCE_DIR -k NAME`."""
import csv
import os
import sqlite3
import sys
import unittest

import test_cli
from test_cli import run


class TraceTest(test_cli.FolderCase):
    prefix = "gigatwin-trace-"

    def traced_run(self, *extra):
        scen = self.write("small.yaml", test_cli.SMALL)
        out = os.path.join(self.dir, "small.h5")
        r = run("run", scen, "--out", out, "--quiet", "--trace", *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def test_ocel_export_follows_the_specification(self):
        import h5py
        out = self.traced_run("-r", "2")
        with h5py.File(out, "r") as f:
            runs = sorted(f["/runs"].keys())
            self.assertEqual(len(runs), 2)
            events = {run_id: int(f["/runs"][run_id]["trace"].attrs["events"]) for run_id in runs}
            warmup = {run_id: float(f["/runs"][run_id].attrs["warmup_s"]) for run_id in runs}
            summary = f["/experiment/summary"][...]
            output = {s["run"].decode() if isinstance(s["run"], bytes) else str(s["run"]): int(s["output"])
                      for s in summary}
        import subprocess
        check = subprocess.run([sys.executable, os.path.join(test_cli.SOURCE, "tests/results/check_layout.py"), out],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        folder = os.path.join(self.dir, "csv")
        r = run("export", out, "--csv", folder, "--trace")
        self.assertEqual(r.returncode, 0, r.stderr)
        for run_id in runs:
            with open(os.path.join(folder, run_id, "trace.csv"), newline="") as f:
                rows = list(csv.DictReader(f))
            self.assertEqual(len(rows), events[run_id])
            self.assertGreater(len(rows), 1000)
            times = [float(row["time [s]"]) for row in rows]
            self.assertEqual(times, sorted(times))
            completed = sum(1 for row, t in zip(rows, times) if row["kind"] == "lot_completed" and t >= warmup[run_id])
            key = next(k for k in output if run_id in k or k == run_id)
            self.assertEqual(completed, output[key])
            self.assertEqual({row["station_group"] for row in rows} - {""}, {"press", "weld"})

            db = sqlite3.connect(os.path.join(folder, run_id, "trace.sqlite"))
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            # The specification's fixed tables, with its column names.
            spec = {"event": {"ocel_id", "ocel_type"}, "object": {"ocel_id", "ocel_type"},
                    "event_map_type": {"ocel_type", "ocel_type_map"},
                    "object_map_type": {"ocel_type", "ocel_type_map"},
                    "event_object": {"ocel_event_id", "ocel_object_id", "ocel_qualifier"},
                    "object_object": {"ocel_source_id", "ocel_target_id", "ocel_qualifier"}}
            for table, columns in spec.items():
                self.assertIn(table, tables)
                found = {c[1] for c in db.execute(f"PRAGMA table_info({table})")}
                self.assertEqual(found, columns, table)
            # One table per event type, event_<map>, holding every event of the type with its time.
            (n_events,) = db.execute("SELECT count(*) FROM event").fetchone()
            self.assertEqual(n_events, events[run_id])
            total = 0
            for ocel_type, type_map in db.execute("SELECT ocel_type, ocel_type_map FROM event_map_type"):
                table = "event_" + type_map
                self.assertIn(table, tables)
                columns = {c[1] for c in db.execute(f"PRAGMA table_info({table})")}
                self.assertTrue({"ocel_id", "ocel_time"} <= columns)
                (n,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
                (m,) = db.execute("SELECT count(*) FROM event WHERE ocel_type = ?", (ocel_type,)).fetchone()
                self.assertEqual(n, m, ocel_type)
                total += n
            self.assertEqual(total, n_events)
            # Object types likewise, with ocel_changed_field for attributes that change.
            for ocel_type, type_map in db.execute("SELECT ocel_type, ocel_type_map FROM object_map_type"):
                table = "object_" + type_map
                self.assertIn(table, tables)
                columns = {c[1] for c in db.execute(f"PRAGMA table_info({table})")}
                self.assertTrue({"ocel_id", "ocel_time", "ocel_changed_field"} <= columns)
            # Relations point at objects and events that exist.
            (dangling,) = db.execute("SELECT count(*) FROM event_object WHERE ocel_object_id NOT IN "
                                     "(SELECT ocel_id FROM object) OR ocel_event_id NOT IN "
                                     "(SELECT ocel_id FROM event)").fetchone()
            self.assertEqual(dangling, 0)
            # Lots and machines are objects; the lot of every lot event is related to it.
            kinds = dict(db.execute("SELECT ocel_type, count(*) FROM object GROUP BY ocel_type").fetchall())
            self.assertEqual(kinds.get("machine"), 2)
            lot_rows = sum(1 for row in rows if row["lot"] != "")
            (lot_links,) = db.execute("SELECT count(*) FROM event_object WHERE ocel_qualifier = 'lot'").fetchone()
            self.assertEqual(lot_links, lot_rows)
            (start,) = db.execute("SELECT min(ocel_time) FROM event_LotReleased").fetchone()
            self.assertTrue(start.startswith("2026-01-05 "), start)
            db.close()

    def test_trace_filter_and_bad_trace_input(self):
        # A filter in the scenario: only machine states of the weld, between 1 d and 1.5 d.
        scen = self.write("small.yaml", test_cli.SMALL.replace(
            "routing:", "trace: {kinds: [machine_state], station_groups: [weld], from: 1d, to: 1.5d}\nrouting:"))
        out = os.path.join(self.dir, "f.h5")
        r = run("run", scen, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        folder = os.path.join(self.dir, "csv")
        self.assertEqual(run("export", out, "--csv", folder, "--trace").returncode, 0)
        with open(os.path.join(folder, "p0000-r0000", "trace.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertGreater(len(rows), 10)
        # inspect says which runs are traced, with the filter.
        r = run("inspect", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("p0000-r0000: %d events, kinds machine_state, station groups weld, 1 to 1.5 d" % len(rows),
                      r.stdout)
        for row in rows:
            self.assertEqual((row["kind"], row["station_group"]), ("machine_state", "weld"))
            self.assertTrue(86400 <= float(row["time [s]"]) <= 1.5 * 86400)

        # A kind that does not exist (line 15, where routing: was; "trace: {kinds: [" is 16 characters): file:line:column, the key path, a suggestion; nothing written.
        bad = self.write("bad.yaml", test_cli.SMALL.replace("routing:", "trace: {kinds: [lot_strated]}\nrouting:"))
        r = run("run", bad, "--out", os.path.join(self.dir, "bad.h5"), "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("bad.yaml:15:17: error: trace.kinds[0]: expected an event kind, found 'lot_strated' "
                      "(did you mean 'lot_started'?)", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "bad.h5")))
        bad = self.write("bad2.yaml", test_cli.SMALL.replace("routing:", "trace: {from: 2d, to: 1d}\nrouting:"))
        r = run("run", bad, "--out", os.path.join(self.dir, "bad.h5"), "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("trace.to: expected a time at or after trace.from (2d)", r.stderr)
        # An empty list would keep nothing: said, rather than meaning "everything".
        bad = self.write("bad3.yaml", test_cli.SMALL.replace("routing:", "trace: {kinds: []}\nrouting:"))
        r = run("run", bad, "--out", os.path.join(self.dir, "bad.h5"), "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("trace.kinds: expected at least one name", r.stderr)

        # The OCEL date of time 0 must be a Monday; a bad one writes nothing.
        folder2 = os.path.join(self.dir, "csv2")
        r = run("export", out, "--csv", folder2, "--trace", "--start-date", "2026-01-06")
        self.assertEqual(r.returncode, 2)
        self.assertIn("expected a Monday", r.stderr)
        r = run("export", out, "--csv", folder2, "--trace", "--start-date", "2026-02-30")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no such day", r.stderr)
        self.assertFalse(os.path.exists(folder2))
        # Exported traces are not replaced without --force.
        r = run("export", out, "--csv", folder, "--trace")
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists", r.stderr)

    def test_untraced_results_export_without_a_trace(self):
        scen = self.write("small.yaml", test_cli.SMALL)
        out = os.path.join(self.dir, "u.h5")
        self.assertEqual(run("run", scen, "--out", out, "--quiet").returncode, 0)
        folder = os.path.join(self.dir, "csv")
        r = run("export", out, "--csv", folder, "--trace")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("no run", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(folder, "p0000-r0000", "trace.csv")))


if __name__ == "__main__":
    test_cli.GIGATWIN, test_cli.SOURCE = sys.argv[1], sys.argv[2]
    with open(os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml")) as small:
        test_cli.SMALL = small.read()
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
