#!/usr/bin/env python3
"""End-to-end tests of `gigatwin optimize` (docs/OPTIMISE.md): a problem whose optimum is known
from queueing theory is solved to it, the search repeats with its seed whatever the processes,
and bad optimisation files are refused with their position.

Run by ctest as `test_optimise.py GIGATWIN_BINARY SOURCE_DIR -k NAME`."""
import math
import os
import sys
import unittest

import test_cli
from test_cli import run


def erlang_c_wait(arrivals_per_s, mean_s, machines):
    """Mean wait for a machine in an M/M/c queue (Erlang C), s; inf when it cannot keep up."""
    a = arrivals_per_s * mean_s
    if a >= machines:
        return math.inf
    head = sum(a ** k / math.factorial(k) for k in range(machines))
    tail = a ** machines / math.factorial(machines) * machines / (machines - a)
    return tail / (head + tail) / (machines / mean_s - arrivals_per_s)


class OptimiseTest(test_cli.FolderCase):
    prefix = "gigatwin-optimise-"

    def candidates(self, path):
        import h5py
        with h5py.File(path, "r") as h:
            rows = h["optimisation/candidates"][()]
            front = list(h["optimisation/front"][()]["candidate"])
            attrs = dict(h.attrs)
        return rows, front, attrs

    def test_the_fewest_machines_of_a_jackson_line_are_found(self):
        # Three M/M/c stations in tandem (Poisson arrivals 36/h; exponential 180 s, 240 s, 130 s):
        # the fewest machines with every mean wait under 25 s, worked out here with Erlang C, is
        # what the search returns as its best, feasible with 95 % confidence.
        rate = 36 / 3600
        means = {"a": 180, "b": 240, "c": 130}
        best = {s: min(c for c in range(1, 8) if erlang_c_wait(rate, m, c) <= 25) for s, m in means.items()}
        self.assertEqual(best, {"a": 4, "b": 5, "c": 3})  # the file's comment says so too
        # One fewer machine anywhere misses the target by far: the answer is not a close call.
        for s, m in means.items():
            self.assertGreater(erlang_c_wait(rate, m, best[s] - 1), 40)
        out = os.path.join(self.dir, "opt.h5")
        problem = os.path.join(test_cli.SOURCE, "tests/data/jackson-machines.yaml")
        r = run("optimize", problem, "-o", out, "-j", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows, front, attrs = self.candidates(out)
        self.assertEqual(attrs["format"], "gigatwin-optimisation")
        self.assertEqual(len(front), 1)
        chosen = rows[front[0]]
        self.assertEqual({s: int(chosen["var:" + s]) for s in "abc"}, best, r.stdout)
        self.assertEqual(chosen["min:stations.*.machines"], 12)
        self.assertEqual(chosen["feasible"], 1)
        self.assertLessEqual(len(rows), 150)  # the budget
        # Every feasible candidate has at least as many machines; every candidate with fewer
        # machines than the optimum was found infeasible.
        for row in rows:
            if row["error"]:
                continue
            total = row["min:stations.*.machines"]
            if row["feasible"]:
                self.assertGreaterEqual(total, 12)
            if total < 12:
                self.assertEqual(row["feasible"], 0)

    def test_several_objectives_give_a_front_no_feasible_candidate_beats(self):
        # NSGA-II on machines against cycle time: the front holds exactly the feasible candidates
        # no other feasible one beats on both means; a line that cannot keep up (throughput under
        # 33/h with 95 % confidence) is never on it.
        line = os.path.join(test_cli.SOURCE, "tests/data/jackson-line.yaml")
        problem = self.write("two.yaml", f"""optimise: 1
scenario: {line}
variables:
  - {{name: a, key: "station_groups[0].machines", integer: [1, 7]}}
  - {{name: b, key: "station_groups[1].machines", integer: [1, 7]}}
  - {{name: c, key: "station_groups[2].machines", integer: [1, 7]}}
objectives:
  - {{minimise: stations.*.machines}}
  - {{minimise: cycle_time_mean}}
constraints:
  - {{kpi: throughput, at_least: 33}}
replications: 3
budget: {{evaluations: 60}}
""")
        out = os.path.join(self.dir, "two.h5")
        r = run("optimize", problem, "-o", out, "-j", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("NSGA-II", r.stdout)
        rows, front, attrs = self.candidates(out)
        self.assertEqual(attrs["algorithm"], "NSGA-II (pagmo2)")
        self.assertGreater(len(front), 1)
        feasible = [row for row in rows if row["feasible"] == 1]
        key = ("min:stations.*.machines", "min:cycle_time_mean")

        def beats(x, y):
            return all(x[k] <= y[k] for k in key) and any(x[k] < y[k] for k in key)

        for row in rows:
            on = row["candidate"] in front
            self.assertEqual(row["on_front"], 1 if on else 0)
            if row["feasible"]:
                self.assertEqual(on, not any(beats(other, row) for other in feasible), row)
            else:
                self.assertFalse(on)
            # Feasible means the throughput's 95 % lower limit is at least 33; a station with fewer
            # machines than its load (a: 180 s x 36/h = 1.8) cannot keep up.
            self.assertEqual(row["feasible"], 1 if row["limit:throughput"] >= 33 else 0)
            if row["var:a"] < 2 or row["var:b"] < 3 or row["var:c"] < 2:
                self.assertEqual(row["feasible"], 0, row)
        # The front is ordered by the first objective.
        machines = [rows[k]["min:stations.*.machines"] for k in front]
        self.assertEqual(machines, sorted(machines))

    def test_kim_nelson_picks_a_candidate_within_delta_of_the_best(self):
        # Station a's mean wait with 3 to 7 machines is, by Erlang C, 53.2, 10.5, 2.3, 0.5 and
        # 0.1 s: within delta = 1 s of the best are 6 and 7 machines. With alpha = 0.001 the
        # selection picks one of them but with probability 0.1 % at most.
        rate, mean = 36 / 3600, 180
        waits = {c: erlang_c_wait(rate, mean, c) for c in range(3, 8)}
        good = {c for c, w in waits.items() if w <= min(waits.values()) + 1}
        self.assertEqual(good, {6, 7})
        line = os.path.join(test_cli.SOURCE, "tests/data/jackson-line.yaml")
        problem = self.write("select.yaml", f"""optimise: 1
scenario: {line}
variables:
  - {{name: a, key: "station_groups[0].machines", integer: [3, 7]}}
objectives:
  - {{minimise: stations.a.wait_mean}}
replications: 3
budget: {{evaluations: 5}}
selection: {{alpha: 0.001, delta: 1, top: 5, first: 10, max: 400}}
""")
        out = os.path.join(self.dir, "select.h5")
        r = run("optimize", problem, "-o", out, "-j", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Kim–Nelson selection among the best 5", r.stdout)
        import h5py
        with h5py.File(out, "r") as h:
            selection = h["optimisation/selection"][()]
            rows = h["optimisation/candidates"][()]
            front = list(h["optimisation/front"][()]["candidate"])
            self.assertEqual(h.attrs["selection_guaranteed"], "1")
        self.assertEqual(len(selection), 5)
        self.assertEqual(sum(selection["chosen"]), 1)
        chosen = selection[selection["chosen"] == 1][0]["candidate"]
        self.assertIn(int(rows[chosen]["var:a"]), good)
        self.assertEqual(front, [chosen])
        self.assertTrue(all(n >= 10 for n in selection["replications"]))  # the first stage
        # 3 machines (53 s) is screened out; the pick is never dropped.
        by_a = {int(rows[s["candidate"]]["var:a"]): s for s in selection}
        self.assertGreater(by_a[3]["eliminated_at"], 0)
        self.assertEqual(selection[selection["chosen"] == 1][0]["eliminated_at"], 0)
        # The candidates' KPIs now rest on every replication they had.
        for s in selection:
            self.assertEqual(rows[s["candidate"]]["replications"], s["replications"])
        # Selection needs one objective.
        two = self.write("two.yaml", open(problem).read().replace(
            "  - {minimise: stations.a.wait_mean}\n", "  - {minimise: stations.a.wait_mean}\n  - {maximise: throughput}\n"))
        r = run("optimize", two, "-o", os.path.join(self.dir, "two.h5"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(two + ":10:", r.stderr)
        self.assertIn("selection: expected one objective", r.stderr)

    def test_the_same_seed_gives_the_same_search_whatever_the_processes(self):
        problem = os.path.join(test_cli.SOURCE, "tests/data/jackson-machines.yaml")
        small = self.write("small.yaml", open(problem).read().replace("evaluations: 150", "evaluations: 30")
                           .replace("scenario: jackson-line.yaml",
                                    "scenario: " + os.path.join(test_cli.SOURCE, "tests/data/jackson-line.yaml")))
        one, two = os.path.join(self.dir, "one.h5"), os.path.join(self.dir, "two.h5")
        self.assertEqual(run("optimize", small, "-o", one, "-j", "1", "-q").returncode, 0)
        self.assertEqual(run("optimize", small, "-o", two, "-j", "2", "-q").returncode, 0)
        a, fa, _ = self.candidates(one)
        b, fb, _ = self.candidates(two)
        self.assertEqual(a.tobytes(), b.tobytes())
        self.assertEqual(fa, fb)

    def test_bad_optimisation_files_are_refused_with_their_position(self):
        line = os.path.join(test_cli.SOURCE, "tests/data/jackson-line.yaml")
        base = (f"optimise: 1\nscenario: {line}\n"
                "variables:\n  - {name: a, key: \"station_groups[0].machines\", integer: [1, 7]}\n"
                "objectives:\n  - {minimise: stations.*.machines}\n")
        cases = (
            (base.replace("integer: [1, 7]", "integer: [7, 1]"), ":4:", "a high bound above the low one"),
            (base.replace("integer: [1, 7]", "integer: [0, 7]"), ":4:", "values the base scenario takes"),
            (base.replace("stations.*.machines", "profit"), ":6:", "expected a KPI of the run summary"),
            (base.replace("stations.*.machines", "stations.z.wait_mean"), ":6:", "a station group of the base"),
            (base.replace("stations.*.machines", "stations.a.colour"), ":6:", "expected a station column"),
            (base + "replications: 1\n", ":7:", "2 or more"),
            (base.replace("optimise: 1", "optimise: 2"), ":1:", "1 (the optimisation file format)"),
            (base + "budjet: {evaluations: 10}\n", ":7:", "budget"),
        )
        for text, where, message in cases:
            path = self.write("bad.yaml", text)
            out = os.path.join(self.dir, "bad.h5")
            r = run("optimize", path, "-o", out)
            self.assertEqual(r.returncode, 2, (text, r.stderr))
            self.assertIn(path + where, r.stderr, text)
            self.assertIn(message, r.stderr, text)
            self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    test_cli.GIGATWIN, test_cli.SOURCE = sys.argv[1], sys.argv[2]
    result = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
