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

SMALL = None  # tests/data/small-line.yaml, read in main once SOURCE is known


def run(*args, **kw):
    return subprocess.run([GIGATWIN, *args], capture_output=True, text=True, timeout=300, **kw)


def mpirun():
    """The mpirun command line for 2 ranks on this machine, or None without OpenMPI."""
    import shutil
    exe = shutil.which("mpirun")
    if exe is None:
        return None
    return [exe, "--oversubscribe", "-np", "2"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])


def mpi_env():
    env = dict(os.environ)
    # OpenMPI keeps memory until exit: not GigaTwin's leaks to report in the sanitizer build.
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    env["OMPI_MCA_rmaps_base_oversubscribe"] = "1"
    return env


def tables(path, *names):
    """The named datasets of a results file as {column: numpy array}, wall-clock columns left out."""
    import h5py
    out = {}
    with h5py.File(path, "r") as f:
        for name in names:
            t = f[name][...]
            out[name] = {c: t[c] for c in t.dtype.names if c != "wall_time"}
        for run in sorted(f["/runs"].keys()):
            if "stations" in f["/runs"][run]:
                t = f["/runs"][run]["stations"][...]
                out[run] = {c: t[c] for c in t.dtype.names}
                out[run + "/throughput"] = {"v": f["/runs"][run]["timeseries/throughput"][...]}
    return out


def same_tables(a, b):
    import numpy as np
    if a.keys() != b.keys():
        return False
    for name in a:
        if a[name].keys() != b[name].keys():
            return False
        for c in a[name]:
            x, y = a[name][c], b[name][c]
            if x.dtype.kind == "f":
                if not np.array_equal(x, y, equal_nan=True):
                    return False
            elif not np.array_equal(x, y):
                return False
    return True


def differing_columns(a, b, skip=("run", "point", "wall_time")):
    """The columns in which two structured arrays of summary rows differ (NaN equals NaN)."""
    import numpy as np
    out = []
    for name in a.dtype.names:
        if name in skip:
            continue
        x, y = a[name], b[name]
        same = np.array_equal(x, y, equal_nan=True) if x.dtype.kind == "f" else np.array_equal(x, y)
        if not same:
            out.append(name)
    return out


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class FolderCase(unittest.TestCase):
    """A case in a temporary folder of its own (shared with test_hardening.py)."""
    prefix = "gigatwin-cli-"

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix=self.prefix)
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


class CliTest(FolderCase):

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

    def test_validate_says_whether_the_outages_are_on(self):
        # The default plant carries one outage switched off; a scenario extending it switches
        # it on; --set does too.
        scen = os.path.join(SOURCE, "scenarios")
        off = "control tower: 1 scheduled outage(s), switched off (control_tower.enabled: false)"
        r = run("validate", os.path.join(scen, "gigafactory.yaml"))
        self.assertIn(off, r.stdout)
        r = run("validate", os.path.join(scen, "gigafactory.yaml"), "--set", "control_tower.enabled=true")
        self.assertIn("control tower: 1 scheduled outage(s), on", r.stdout)
        r = run("validate", os.path.join(scen, "control-tower-outage.yaml"))
        self.assertIn("control tower: 1 scheduled outage(s), on", r.stdout)
        r = run("validate", self.write("small.yaml", SMALL))
        self.assertNotIn("control tower", r.stdout)

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
        # Headers carry units; numbers read back exactly (shortest round-trip form).
        self.assertEqual([float(x["throughput [lots/h]"]) for x in rows], throughput)
        with open(os.path.join(csv_dir, "p0000-r0000", "timeseries.csv")) as f:
            series = list(csv.DictReader(f))
        self.assertEqual(len(series), 48)  # 2 d at 1 h
        self.assertEqual(float(series[-1]["time [s]"]), 2 * 86400.0)
        self.assertTrue(os.path.isfile(os.path.join(csv_dir, "p0000-r0002", "stations.csv")))
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

    def check_layout(self, path):
        check = subprocess.run([sys.executable, os.path.join(SOURCE, "tests/results/check_layout.py"), path],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def sweep(self, name="sweep.yaml", horizon="2d", replications=3, extra=""):
        self.write("small-" + name, SMALL.replace("horizon: 2d", "horizon: " + horizon))
        return self.write(name, "sweep: 1\nscenario: small-%s\nreplications: %d\nbaseline: 0\n%sparameters:\n"
                          "  - {key: 'station_groups[0].machines', values: [1, 2]}\n" % (name, replications, extra))

    def test_jobs_shards_and_mpi_give_identical_results(self):
        sweep = self.sweep()
        names = ("/experiment/summary", "/experiment/confidence", "/experiment/differences")
        ref = os.path.join(self.dir, "jobs1.h5")
        r = run("batch", sweep, "--out", ref, "--jobs", "1", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_layout(ref)
        expected = tables(ref, *names)
        self.assertEqual(len([k for k in expected if k.startswith("p0") and "/" not in k]), 6)

        two = os.path.join(self.dir, "jobs2.h5")
        r = run("batch", sweep, "--out", two, "--jobs", "2", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(same_tables(expected, tables(two, *names)), "--jobs 2 differs from --jobs 1")

        parts = []
        for i in range(3):
            parts.append(os.path.join(self.dir, "shard%d.h5" % i))
            r = run("batch", sweep, "--shard", "%d/3" % i, "--out", parts[-1], "--quiet")
            self.assertEqual(r.returncode, 0, r.stderr)
        merged = os.path.join(self.dir, "merged.h5")
        r = run("merge", *parts, "-o", merged)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_layout(merged)
        self.assertTrue(same_tables(expected, tables(merged, *names)), "merged shards differ from one batch")

        mpi = mpirun()
        if mpi is None:
            self.fail("mpirun not found: install openmpi-bin (scripts/install-deps.sh does)")
        for schedule in ("dynamic", "static"):
            out = os.path.join(self.dir, "mpi-%s.h5" % schedule)
            r = subprocess.run(mpi + [GIGATWIN, "batch", sweep, "--mpi", "--mpi-schedule", schedule, "--out", out,
                                      "--quiet"], capture_output=True, text=True, timeout=300, env=mpi_env())
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertTrue(same_tables(expected, tables(out, *names)), "MPI (%s) differs" % schedule)
        self.assert_no_leftovers()

    def test_merge_refuses_other_experiments_missing_and_repeated_shards(self):
        sweep = self.sweep()
        a0, a1 = os.path.join(self.dir, "a0.h5"), os.path.join(self.dir, "a1.h5")
        b1 = os.path.join(self.dir, "b1.h5")
        for shard, out, seed in (("0/2", a0, "3"), ("1/2", a1, "3"), ("1/2", b1, "4")):
            r = run("batch", sweep, "--shard", shard, "--seed", seed, "--out", out, "--quiet")
            self.assertEqual(r.returncode, 0, r.stderr)
        out = os.path.join(self.dir, "m.h5")
        r = run("merge", a0, b1, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("b1.h5 is from a different experiment", r.stderr)
        r = run("merge", a0, a0, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("shard 0/2 is given twice", r.stderr)
        r = run("merge", a0, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("shard(s) 1/2 missing", r.stderr)
        self.assertFalse(os.path.exists(out))
        r = run("merge", a0, "-o", out, "--partial")
        self.assertEqual(r.returncode, 0, r.stderr)
        import h5py
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["complete"], 0)
            self.assertEqual(f.attrs["runs_ok"], 3)  # runs 0, 2, 4 of 6
        r = run("batch", sweep, "--shard", "2/2", "--out", os.path.join(self.dir, "x.h5"), "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--shard: expected INDEX/COUNT with 0 <= INDEX < COUNT", r.stderr)
        r = run("merge", a0, a1, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists", r.stderr)

    def test_a_failed_run_is_recorded_and_the_batch_goes_on(self):
        self.write("small.yaml", SMALL)
        # 500 lots/h into a press that makes 60/h: the queue passes max_wip within the first day.
        sweep = self.write("sweep.yaml", "sweep: 1\nscenario: small.yaml\nreplications: 2\nmode: zip\n"
                           "parameters:\n  - {key: source.rate, values: [50/h, 500/h]}\n"
                           "  - {key: max_wip, values: [100, 100]}\n")
        out = os.path.join(self.dir, "f.h5")
        r = run("batch", sweep, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("run p0001-r0000 failed: 101 lots in the system", r.stderr)
        self.assertIn("above max_wip (100)", r.stderr)
        self.assertNotIn("WARNING", r.stderr)
        self.check_layout(out)
        import h5py
        with h5py.File(out, "r") as f:
            self.assertEqual(list(f["/experiment/summary"]["point"]), [0, 0])
            failed = f["/experiment/failed"][...]
            self.assertEqual([x.decode() for x in failed["run"]], ["p0001-r0000", "p0001-r0001"])
            self.assertIn("max_wip", failed["error"][0].decode())
            self.assertEqual(f["/runs/p0001-r0000"].attrs["status"], "failed")
            self.assertEqual(f.attrs["complete"], 0)
        r = run("inspect", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("p0001-r0000: failed", r.stdout)

    def wait_for_part(self, out, proc, timeout=60):
        parts = out + ".parts"
        end = time.time() + timeout
        while time.time() < end:
            if os.path.isdir(parts) and any(n.endswith(".h5") for n in os.listdir(parts)):
                return
            if proc.poll() is not None:
                self.fail("the batch ended before its first run did")
            time.sleep(0.05)
        self.fail("no run finished within %d s" % timeout)

    def test_interrupted_batch_leaves_a_valid_file_and_resumes(self):
        sweep = self.sweep(horizon="1000d", replications=3)
        names = ("/experiment/summary", "/experiment/confidence", "/experiment/differences")
        ref = os.path.join(self.dir, "ref.h5")
        r = run("batch", sweep, "--out", ref, "--jobs", "2", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = os.path.join(self.dir, "int.h5")
        p = subprocess.Popen([GIGATWIN, "batch", sweep, "--out", out, "--jobs", "1", "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.wait_for_part(out, p)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 130, err)
        self.assertIn("(marked incomplete); --resume runs the", err)
        self.check_layout(out)
        import h5py
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["complete"], 0)
            done = int(f.attrs["runs_ok"])
            self.assertTrue(1 <= done < 6, done)
            self.assertEqual(len(f["/experiment/summary"]), done)
        before = digest(out)
        r = run("batch", sweep, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("holds an unfinished batch of this experiment", r.stderr)
        self.assertEqual(digest(out), before)
        r = run("batch", sweep, "--out", out, "--resume")  # not quiet: "resumed" is part of the report
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("resumed: %d run(s) taken from the earlier attempt" % done, r.stdout)
        self.assertTrue(same_tables(tables(ref, *names), tables(out, *names)))
        r = run("batch", sweep, "--out", out, "--resume")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("nothing to do", r.stdout)
        self.assert_no_leftovers()

    def test_sigkill_loses_only_the_runs_in_flight(self):
        sweep = self.sweep(horizon="1000d", replications=3)
        names = ("/experiment/summary", "/experiment/confidence")
        ref = os.path.join(self.dir, "ref.h5")
        r = run("batch", sweep, "--out", ref, "--jobs", "2", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = os.path.join(self.dir, "k.h5")
        p = subprocess.Popen([GIGATWIN, "batch", sweep, "--out", out, "--jobs", "2", "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.wait_for_part(out, p)
        p.kill()
        p.communicate(timeout=60)
        self.assertFalse(os.path.exists(out))
        def committed():
            return sorted(n for n in os.listdir(out + ".parts") if n.endswith(".h5"))
        kept = committed()
        time.sleep(1.5)  # no run goes on without its batch: nothing more is committed
        self.assertEqual(committed(), kept)
        r = run("batch", sweep, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("use --resume to finish it", r.stderr)
        r = run("batch", sweep, "--out", out, "--resume")  # not quiet: "resumed" is part of the report
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("resumed: %d run(s)" % len(kept), r.stdout)
        self.assertTrue(same_tables(tables(ref, *names), tables(out, *names)))
        self.assert_no_leftovers()

    def test_common_random_numbers_and_paired_differences(self):
        self.write("small.yaml", SMALL)
        # Point 1 changes nothing the simulation uses (the name); point 2 adds a press.
        sweep = self.write("sweep.yaml", "sweep: 1\nscenario: small.yaml\nreplications: 3\nbaseline: 0\n"
                           "mode: zip\nparameters:\n  - {key: name, values: [a, b, c]}\n"
                           "  - {key: 'station_groups[0].machines', values: [1, 1, 2]}\n")
        out = os.path.join(self.dir, "crn.h5")
        r = run("batch", sweep, "--out", out, "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        import h5py
        with h5py.File(out, "r") as f:
            s = f["/experiment/summary"][...]
            d = f["/experiment/differences"][...]
        x = {(int(p), int(r)): (t, c) for p, r, t, c in zip(s["point"], s["replication"], s["throughput"],
                                                            s["cycle_time_mean"])}
        for rep in range(3):  # the same random numbers at every point: identical runs where nothing changed
            self.assertEqual(x[(1, rep)], x[(0, rep)])
        row = {(int(p), k.decode()): (m, h, n) for p, k, m, h, n in
               zip(d["point"], d["kpi"], d["mean_difference"], d["half_width"], d["n"])}
        self.assertEqual(row[(1, "throughput")], (0.0, 0.0, 3))
        diffs = [x[(2, rep)][1] - x[(0, rep)][1] for rep in range(3)]
        mean = sum(diffs) / 3
        sd = (sum((v - mean) ** 2 for v in diffs) / 2) ** 0.5
        m, h, n = row[(2, "cycle_time_mean")]
        self.assertAlmostEqual(m, mean, delta=1e-9 * abs(mean))
        self.assertAlmostEqual(h, 4.302652729911275 * sd / 3 ** 0.5, delta=1e-9 * h)
        self.assertLess(m, 0)  # a second press shortens the queue in front of it
        # The sweep's tables reach the CSV export too.
        csv_dir = os.path.join(self.dir, "csv")
        r = run("export", out, "--csv", csv_dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        import csv
        with open(os.path.join(csv_dir, "differences.csv")) as f:
            rows = [x for x in csv.DictReader(f) if x["point"] == "2" and x["kpi"] == "cycle_time_mean"]
        self.assertAlmostEqual(float(rows[0]["mean_difference"]), mean, delta=1e-6 * abs(mean))
        with open(os.path.join(csv_dir, "points.csv")) as f:
            self.assertEqual([x["name"] for x in csv.DictReader(f)], ["a", "b", "c"])

    def test_precision_adds_replications_until_the_interval_is_tight(self):
        sweep = self.sweep(replications=2)
        out = os.path.join(self.dir, "prec.h5")
        r = run("batch", sweep, "--out", out, "--precision", "cycle_time_mean=5%", "--max-replications", "40")
        self.assertIn("replication(s) added", r.stdout)
        import h5py
        with h5py.File(out, "r") as f:
            c = f["/experiment/confidence"][...]
            s = f["/experiment/summary"][...]
        # Exit code 3 exactly when a point stopped at the cap short of its target.
        missed = any(h > 0.05 * abs(m) for k, m, h in zip(c["kpi"], c["mean"], c["half_width"])
                     if k.decode() == "cycle_time_mean")
        self.assertEqual(r.returncode, 3 if missed else 0, r.stderr)
        grew = False
        for p, k, m, h, n in zip(c["point"], c["kpi"], c["mean"], c["half_width"], c["n"]):
            if k.decode() != "cycle_time_mean":
                continue
            self.assertTrue(h <= 0.05 * abs(m) or n == 40, (p, m, h, n))
            grew = grew or n > 2
            # Replications are numbered 0..n-1 at every point: none skipped, none twice.
            reps = sorted(int(r) for q, r in zip(s["point"], s["replication"]) if q == p)
            self.assertEqual(reps, list(range(n)))
        self.assertTrue(grew)
        r = run("batch", sweep, "--out", os.path.join(self.dir, "x.h5"), "--precision", "thruput=1%")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown KPI 'thruput'", r.stderr)

    def test_mser5_warmup_is_the_rule_applied_to_the_runs_own_series(self):
        scen = self.write("small.yaml", SMALL.replace("horizon: 2d", "horizon: 20d").replace("warmup: 2h",
                                                                                            "warmup: mser5"))
        out = os.path.join(self.dir, "mser.h5")
        r = run("run", scen, "--out", out, "--replications", "4")  # the report is what is checked
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warm-up chosen by MSER-5", r.stdout)
        pilot = os.path.join(self.dir, "pilot.h5")  # the same runs without any warm-up
        r = run("run", scen, "--set", "warmup=0s", "--out", pilot, "--replications", "4", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)

        def mser5(y):  # White's rule, written out independently of the C++ one
            m = len(y) // 5
            z = [sum(y[5 * j:5 * j + 5]) / 5 for j in range(m)]
            best, best_d = None, 0
            for d in range(m // 2 + 1):
                tail = z[d:]
                mean = sum(tail) / len(tail)
                v = sum((x - mean) ** 2 for x in tail) / len(tail) ** 2
                if best is None or v < best - 1e-12 * abs(best):
                    best, best_d = v, d
            return 5 * best_d

        import h5py
        with h5py.File(out, "r") as f, h5py.File(pilot, "r") as g:
            # The line starts empty: at least one run must show a transient to delete.
            self.assertTrue(any(f["/runs"][k].attrs["warmup_s"] > 0 for k in f["/runs"]))
            s = f["/experiment/summary"][...]
            for i, run_id in enumerate(sorted(f["/runs"].keys())):
                attrs = f["/runs"][run_id].attrs
                self.assertEqual(attrs["warmup_method"], "mser5")
                series = list(g["/runs"][run_id]["timeseries/throughput"][...])
                self.assertEqual(attrs["warmup_s"], mser5(series) * 3600.0, run_id)
                self.assertEqual(s["measured_time"][i], 20 * 86400.0 - attrs["warmup_s"])

    def test_progress_json_streams_samples_and_station_states(self):
        import json
        scen = self.write("small.yaml", SMALL)
        out = os.path.join(self.dir, "j.h5")
        r = run("run", scen, "--out", out, "--replications", "2", "--jobs", "2", "--progress", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [json.loads(x) for x in r.stdout.splitlines()]  # every line is one JSON object
        self.assertEqual(lines[0]["type"], "start")
        self.assertEqual(lines[0]["runs"], 2)
        self.assertEqual(lines[-1], {"type": "done", "status": "ok", "exit_code": 0, "results": out})
        samples = [x for x in lines if x["type"] == "sample"]
        for rep in (0, 1):
            mine = [x for x in samples if x["replication"] == rep]
            # 2 days sampled every hour: 48 samples, in time order, ending at the horizon.
            self.assertEqual([x["time_s"] for x in mine], [3600.0 * (k + 1) for k in range(48)])
            for x in mine:
                self.assertEqual([st["name"] for st in x["stations"]], ["press", "weld"])
                for st in x["stations"]:
                    self.assertEqual(sum(st["states"].values()), st["machines"])
        # The samples are the run's time series: the same numbers as in the file.
        import h5py
        with h5py.File(out, "r") as f:
            wip = list(f["/runs/p0000-r0001/timeseries/wip"][...])
            cost = list(f["/runs/p0000-r0001/timeseries/cost_per_unit"][...])
        self.assertEqual([x["wip"] for x in samples if x["replication"] == 1], wip)
        # Nothing costs anything on the small line: 0 per lot once a lot has left (JSON has no
        # NaN: a sample before the first lot would say null, and the file NaN).
        mine = [x["cost_per_unit"] for x in samples if x["replication"] == 1]
        self.assertEqual(mine, [None if c != c else c for c in cost])
        self.assertEqual(mine, [0.0] * 48)
        progress = [x for x in lines if x["type"] == "progress"]
        self.assertEqual(progress[-1]["fraction"], 1.0)
        self.assertEqual(progress[-1]["runs_done"], 2)
        # Bad input: no JSON run, one "done" line with the refusal, the message on stderr.
        r = run("run", scen, "--out", out, "--progress", "json")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(json.loads(r.stdout.splitlines()[-1])["status"], "refused")
        self.assertIn("already exists", r.stderr)

    def test_run_writes_a_complete_results_file(self):
        scen = self.write("small.yaml", SMALL)
        out = os.path.join(self.dir, "out", "small.h5")
        r = run("run", scen, "--out", out, "--replications", "2")  # the report is what is checked
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
    with open(os.path.join(SOURCE, "tests/data/small-line.yaml")) as small:
        SMALL = small.read()
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
