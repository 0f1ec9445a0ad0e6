#!/usr/bin/env python3
"""End-to-end tests of the gigatwin command: exit codes, error messages, results files.

Run by ctest as `test_cli.py GIGATWIN_BINARY SOURCE_DIR -k NAME`."""
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

GIGATWIN = None
SOURCE = None

SMALL = """schema: 1
name: Small line
horizon: 2d
warmup: 2h
sample_interval: 1h
seed: 3
source:
  rate: 50/h
station_groups:
  - name: press
    machines: 1
    process_time: {dist: exponential, mean: 60s}
  - name: weld
    process_time: 50s
routing:
  product: tray
  steps:
    - station_group: press
    - station_group: weld
      buffer: 3
      scrap: 0.01
"""


def run(*args, **kw):
    return subprocess.run([GIGATWIN, *args], capture_output=True, text=True, timeout=300, **kw)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="gigatwin-cli-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def assert_no_leftovers(self):
        left = [n for n in os.listdir(self.dir) if ".tmp" in n or ".parts" in n]
        self.assertEqual(left, [], "temporary files left behind")

    def test_version_and_help(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"gigatwin \d+\.\d+\.\d+")
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for word in ("run", "validate", "bench"):
            self.assertIn(word, r.stdout)
        self.assertEqual(run("frobnicate").returncode, 2)
        self.assertEqual(run().returncode, 2)

    def test_shipped_scenarios_validate(self):
        scen = os.path.join(SOURCE, "scenarios")
        names = sorted(n for n in os.listdir(scen) if n.endswith(".yaml"))
        self.assertIn("gigafactory.yaml", names)
        for n in names:
            r = run("validate", os.path.join(scen, n))
            self.assertEqual(r.returncode, 0, n + ": " + r.stderr)
            self.assertIn("bottleneck", r.stdout)

    def test_validate_target_utilisation(self):
        # Tandem line: stations of 1 min (60/h) and one of 1.1 min; 45 good lots/h need 45/60 = 0.75
        # of the 1-min stations and 45 x 1.1 / 60 = 0.825 of the slow one; 60/h is beyond it.
        scen = os.path.join(SOURCE, "scenarios", "tandem-line.yaml")
        r = run("validate", scen, "--target", "45/h")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("station1                  0.750", r.stdout)
        self.assertIn("station3                  0.825", r.stdout)
        r = run("validate", scen, "--target", "60/h")
        self.assertIn("station3                  1.100  <- over capacity", r.stdout)
        r = run("validate", scen, "--target", "fast")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--target: expected a good-output rate", r.stderr)

    def test_inspect_export_and_the_python_example(self):
        scen = self.write("small.yaml", SMALL)
        out = os.path.join(self.dir, "small.h5")
        r = run("run", scen, "--out", out, "--replications", "3", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        import h5py
        with h5py.File(out, "r") as f:
            throughput = [float(x) for x in f["/experiment/summary"]["throughput"]]
        # Student-t 95 % interval over 3 replications, worked out here: t(0.975, 2) = 4.302653.
        mean = sum(throughput) / 3
        sd = (sum((x - mean) ** 2 for x in throughput) / 2) ** 0.5
        half = 4.302653 * sd / 3 ** 0.5
        r = run("inspect", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        line = next(l for l in r.stdout.splitlines() if l.strip().startswith("throughput"))
        self.assertAlmostEqual(float(line.split()[1]), mean, places=3)
        self.assertAlmostEqual(float(line.split()[2]), half, delta=half * 1e-3 + 1e-9)
        self.assertIn("failed runs: none", r.stdout)
        self.assertNotIn("labour_cost", r.stdout)  # no workers in this scenario
        # A file that is not a results file is refused with one message.
        bogus = self.write("bogus.h5", "not hdf5")
        r = run("inspect", bogus)
        self.assertEqual(r.returncode, 2)
        self.assertIn("gigatwin inspect:", r.stderr)

        csv_dir = os.path.join(self.dir, "csv")
        r = run("export", out, "--csv", csv_dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        import csv
        with open(os.path.join(csv_dir, "summary.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([float(x["throughput"]) for x in rows], throughput)
        with open(os.path.join(csv_dir, "p0000-r0000_timeseries.csv")) as f:
            series = list(csv.DictReader(f))
        self.assertEqual(len(series), 48)  # 2 d at 1 h
        self.assertEqual(float(series[-1]["time"]), 2 * 86400.0)
        before = digest(os.path.join(csv_dir, "summary.csv"))
        r = run("export", out, "--csv", csv_dir)  # no --force: nothing is replaced
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists", r.stderr)
        self.assertEqual(digest(os.path.join(csv_dir, "summary.csv")), before)

        r = subprocess.run([sys.executable, os.path.join(SOURCE, "docs/examples/read_results.py"), out],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("3 run(s); throughput in lots/h", r.stdout)

    def test_batch_runs_every_point_of_a_sweep(self):
        self.write("small.yaml", SMALL)
        sweep = self.write("sweep.yaml", "sweep: 1\nscenario: small.yaml\nreplications: 2\nparameters:\n"
                           "  - {key: 'station_groups[0].machines', values: [1, 2]}\n")
        out = os.path.join(self.dir, "sweep.h5")
        r = run("batch", sweep, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        check = subprocess.run([sys.executable, os.path.join(SOURCE, "tests/results/check_layout.py"), out],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        import h5py
        with h5py.File(out, "r") as f:
            self.assertEqual(sorted(f["/runs"].keys()),
                             ["p0000-r0000", "p0000-r0001", "p0001-r0000", "p0001-r0001"])
            s = f["/experiment/summary"][...]
            self.assertEqual(list(s["point"]), [0, 0, 1, 1])
            points = f["/experiment/points"][...]
            self.assertEqual([p.decode() for p in points["parameters"]],
                             ["station_groups[0].machines=1", "station_groups[0].machines=2"])
            c = f["/experiment/confidence"][...]
            self.assertEqual(sorted(set(c["point"])), [0, 1])
            sweep_throughput = list(s["throughput"])
        # Each point is the base scenario with its override: `run --set` gives the same numbers.
        single = os.path.join(self.dir, "single.h5")
        r = run("run", os.path.join(self.dir, "small.yaml"), "--set", "station_groups[0].machines=2",
                "--replications", "2", "--out", single, "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(single, "r") as f:
            self.assertEqual(list(f["/experiment/summary"]["throughput"]), sweep_throughput[2:])

        # A value that does not make a valid scenario is reported where the sweep writes it, and
        # nothing runs: "  - {key: 'station_groups[0].machines', values: [1, " is 52 characters.
        bad = self.write("bad-sweep.yaml", "sweep: 1\nscenario: small.yaml\nparameters:\n"
                         "  - {key: 'station_groups[0].machines', values: [1, -2]}\n")
        r = run("batch", bad, "--out", os.path.join(self.dir, "bad.h5"), "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("bad-sweep.yaml:4:53: error: point 1 (station_groups[0].machines=-2)", r.stderr)
        self.assertIn("expected an integer from 1 to 1000000, found '-2'", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "bad.h5")))
        typo = self.write("typo-sweep.yaml", "sweep: 1\nscenario: small.yaml\nreplicatons: 2\n")
        r = run("batch", typo, "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("typo-sweep.yaml:3:1: error: replicatons: expected a known key", r.stderr)

    def test_run_writes_a_complete_results_file(self):
        scen = self.write("small.yaml", SMALL)
        out = os.path.join(self.dir, "out", "small.h5")
        r = run("run", scen, "--out", out, "--replications", "2", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(out))
        self.assertIn("throughput", r.stdout)
        check = subprocess.run([sys.executable, os.path.join(SOURCE, "tests/results/check_layout.py"), out],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        import h5py
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["format"], "gigatwin-results")
            s = f["/experiment/summary"][...]
            self.assertEqual(len(s), 2)
            self.assertEqual(sorted(f["/runs"].keys()), ["p0000-r0000", "p0000-r0001"])
            self.assertEqual(f["/experiment/summary"].attrs["units"][list(s.dtype.names).index("throughput")],
                             "lots/h")
            # 2 d at 1 h intervals = 48 samples, throughput near 50/h x 0.99 once warm
            t = f["/runs/p0000-r0000/timeseries/time"][...]
            self.assertEqual(len(t), 48)
            self.assertAlmostEqual(t[-1], 2 * 86400.0)
            text = f["/scenario"][()]
            text = text.decode() if isinstance(text, bytes) else text
            self.assertIn("Small line", text)
        self.assert_no_leftovers()

    def test_transports_and_outages_reach_the_results_file(self):
        # press (1 min) -> 2 AGVs of 2 lots, 5 min each way -> weld; the tower is down 1 h on day 1:
        # the AGVs stop, and the outages table records it with its time to recover at the sink.
        scen = self.write("agv.yaml", SMALL.replace("rate: 50/h", "saturated: true").replace(
            "      buffer: 3\n", "      buffer: 3\n      transport: {type: agv, count: 2, capacity: 2, "
            "travel_time: 5min}\n") + "control_tower:\n  outages: [{at: 1d, for: 1h}]\n"
            "  recovery: {at: sink}\n")
        out = os.path.join(self.dir, "agv.h5")
        r = run("run", scen, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        check = subprocess.run([sys.executable, os.path.join(SOURCE, "tests/results/check_layout.py"), out],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        import h5py
        with h5py.File(out, "r") as f:
            t = f["/runs/p0000-r0000/transports"][...]
            self.assertEqual(len(t), 1)
            self.assertEqual(t["kind"][0], b"agv")
            # 4 lots per 10 min round trip = 24 lots/h at most, below the press's 60/h.
            s = f["/experiment/summary"][...]
            self.assertLessEqual(s["throughput"][0], 24.0 + 1e-9)
            self.assertGreater(t["halted"][0], 0.0)
            o = f["/runs/p0000-r0000/outages"][...]
            self.assertEqual(len(o), 1)
            self.assertEqual(o["start"][0], 86400.0)
            self.assertEqual(o["end"][0], 90000.0)
            names = list(f["/experiment/summary"].dtype.names)
            self.assertIn("time_to_recover_mean", names)
            self.assertIn("labour_share", names)
            units = f["/experiment/summary"].attrs["units"]
            self.assertEqual(units[names.index("time_to_recover_mean")], "h")

    def test_existing_results_are_not_overwritten(self):
        scen = self.write("small.yaml", SMALL)
        out = self.write("keep.h5", "precious")
        before = digest(out)
        r = run("run", scen, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists", r.stderr)
        self.assertEqual(digest(out), before)
        r = run("run", scen, "--out", out, "--quiet", "--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotEqual(digest(out), before)
        self.assert_no_leftovers()

    def bad(self, text, *expected, overrides=()):
        scen = self.write("bad.yaml", text)
        out = os.path.join(self.dir, "bad.h5")
        args = []
        for o in overrides:
            args += ["--set", o]
        for cmd in (["validate", scen, *args], ["run", scen, "--out", out, "--quiet", *args]):
            r = run(*cmd)
            self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
            for e in expected:
                self.assertIn(e, r.stderr)
            self.assertFalse(os.path.exists(out))
        self.assert_no_leftovers()

    def test_malformed_yaml(self):
        self.bad(SMALL.replace("  rate: 50/h", "  rate: [50/h"), "bad.yaml:")

    def test_unknown_key_with_suggestion(self):
        self.bad(SMALL.replace("horizon: 2d", "horizn: 2d"), "bad.yaml:3:1:", "horizn", "did you mean 'horizon'")

    def test_negative_rate(self):
        self.bad(SMALL.replace("rate: 50/h", "rate: -50/h"), "bad.yaml:8:9:", "source.rate")

    def test_missing_unit(self):
        self.bad(SMALL.replace("mean: 60s", "mean: 60"), "bad.yaml:12:45:", "station_groups[0].process_time.mean",
                 "unit")

    def test_wrong_type(self):
        self.bad(SMALL.replace("machines: 1", "machines: [1, 2]"), "bad.yaml:11:15:", "station_groups[0].machines")

    def test_bad_override(self):
        self.bad(SMALL, "--set", "station_groups[0].machines", overrides=["station_groups[0].machines=-3"])
        self.bad(SMALL, "--set", "did you mean", overrides=["horizn=3d"])

    def test_override_changes_the_run(self):
        scen = self.write("small.yaml", SMALL)
        r = run("validate", scen, "--set", "station_groups[0].machines=4")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"press\s+4\s")

    def test_missing_file(self):
        r = run("validate", os.path.join(self.dir, "nope.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("nope.yaml", r.stderr)

    def test_interrupt_leaves_no_file(self):
        scen = self.write("long.yaml", SMALL.replace("horizon: 2d", "horizon: 20000d"))
        out = os.path.join(self.dir, "long.h5")
        p = subprocess.Popen([GIGATWIN, "run", scen, "--out", out, "--quiet"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 130, err)
        self.assertIn("interrupted", err)
        self.assertFalse(os.path.exists(out))
        self.assert_no_leftovers()

    def test_ctrl_c_at_a_terminal_stops_every_process(self):
        # Ctrl-C sends SIGINT to the whole process group: the parent and the replication process.
        scen = self.write("long.yaml", SMALL.replace("horizon: 2d", "horizon: 20000d"))
        out = os.path.join(self.dir, "long.h5")
        p = subprocess.Popen([GIGATWIN, "run", scen, "--out", out, "--quiet"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(1.5)
        os.killpg(p.pid, signal.SIGINT)
        _, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 130, err)
        self.assertIn("interrupted", err)
        self.assertNotIn("WARNING", err)
        self.assertFalse(os.path.exists(out))
        self.assert_no_leftovers()

    def test_sigterm_stops_the_run(self):
        scen = self.write("long.yaml", SMALL.replace("horizon: 2d", "horizon: 20000d"))
        out = os.path.join(self.dir, "long.h5")
        p = subprocess.Popen([GIGATWIN, "run", scen, "--out", out, "--quiet"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        p.terminate()
        _, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 130, err)
        self.assertFalse(os.path.exists(out))
        self.assert_no_leftovers()

    def test_negative_seed_is_rejected(self):
        scen = self.write("small.yaml", SMALL)
        r = run("run", scen, "--out", os.path.join(self.dir, "s.h5"), "--seed", "-1", "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "s.h5")))


if __name__ == "__main__":
    GIGATWIN, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
