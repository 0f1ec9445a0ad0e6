#!/usr/bin/env python3
"""End-to-end tests of plant data in: `gigatwin emulate` (a plant's event log, with a MES's
noise) and `gigatwin fit` (process times fitted by maximum likelihood), checked against a known
truth and against SciPy's own fits of the same samples.

Run by ctest as `test_plant_data.py GIGATWIN_BINARY SOURCE_DIR -k NAME`."""
import csv
import math
import os
import random
import re
import sys
import unittest

import test_cli
from test_cli import run

# The five-station tandem line with a gamma process time at station 3 (the hidden truth):
# shape 4, scale 16.5 s (mean 66 s), 2 % of its lots scrapped, about 48 lots an hour for 12 days.
TRUTH = ["--set", "station_groups[2].process_time={dist: gamma, shape: 4, scale: 16.5s}",
         "--set", "routing.steps[2].scrap=0.02",
         "--set", "horizon=12d", "--set", "warmup=0d"]

# Two products released at their own rates, sharing a press.
TWO_PRODUCTS = """schema: 1
name: Two products
horizon: 10d
warmup: 0d
source: {rate: 20/h}
station_groups:
  - {name: press, process_time: {dist: exponential, mean: 1min}}
  - {name: oven, process_time: {dist: exponential, mean: 1min}}
routing:
  product: a
  steps: [{station_group: press}, {station_group: oven}]
products:
  - name: b
    source: {rate: 10/h}
    steps: [{station_group: press}]
"""


def read_log(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class PlantDataTest(test_cli.FolderCase):
    prefix = "gigatwin-plantdata-"

    def tandem(self):
        return os.path.join(test_cli.SOURCE, "scenarios/tandem-line.yaml")

    def emulate(self, name, *extra):
        out = os.path.join(self.dir, name)
        r = run("emulate", self.tandem(), "-o", out, *TRUTH, *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out, r.stdout

    def test_emulate_writes_a_plant_log_deterministic_per_seed(self):
        a, said = self.emulate("a.csv", "--seed", "5")
        b, _ = self.emulate("b.csv", "--seed", "5")
        c, _ = self.emulate("c.csv", "--seed", "6")
        with open(a, "rb") as fa, open(b, "rb") as fb, open(c, "rb") as fc:
            bytes_a = fa.read()
            self.assertEqual(bytes_a, fb.read())
            self.assertNotEqual(bytes_a, fc.read())
        rows = read_log(a)
        self.assertGreater(len(rows), 10000)
        self.assertIn(f"{len(rows)} events", said)
        # Times as a MES writes them: ISO 8601 in UTC, to the second, from the start date.
        self.assertTrue(all(len(r["time"]) == 20 and r["time"].endswith("Z") for r in rows[:1000]))
        self.assertTrue(rows[0]["time"].startswith("2026-01-05T00:00"))
        self.assertEqual({r["station_group"] for r in rows} - {""},
                         {"station1", "station2", "station3", "station4", "station5"})
        self.assertFalse([f for f in os.listdir(self.dir) if "emulating" in f])  # nothing left behind

    def test_emulate_loses_and_doubles_records_at_the_shares_asked(self):
        clean, _ = self.emulate("clean.csv")
        noisy, said = self.emulate("noisy.csv", "--missing", "0.05", "--duplicates", "0.02", "--clock-skew", "3")
        n = len(read_log(clean))
        lost = int(said.split(" lost")[0].split("; ")[-1])
        doubled = int(said.split(" written twice")[0].split(", ")[-1])
        # Binomial bounds at 5 standard deviations (can fail both ways).
        for count, p in ((lost, 0.05), (doubled, 0.02 * 0.95)):
            sd = math.sqrt(n * p * (1 - p))
            self.assertLess(abs(count - n * p), 5 * sd, (count, n * p))
        self.assertEqual(len(read_log(noisy)), n - lost + doubled)

    def test_fit_recovers_the_hidden_truth(self):
        log, _ = self.emulate("plant.csv", "--missing", "0.01", "--duplicates", "0.01", "--clock-skew", "2")
        fitted = os.path.join(self.dir, "fitted.yaml")
        r = run("fit", log, "--scenario", self.tandem(), "-o", fitted)
        self.assertEqual(r.returncode, 0, r.stderr)
        # The duplicates were dropped and said so, with a line number.
        self.assertIn("duplicate event", r.stderr)
        self.assertRegex(r.stderr, r"plant\.csv:\d+: ")
        with open(os.path.join(self.dir, "fitted.report", "fits.csv"), newline="") as f:
            report = [row for row in csv.DictReader(f) if row["chosen"] == "1" and row["quantity"] == "process time"]
        chosen = {row["where"]: row for row in report}
        st3 = st3_fit = chosen["station3"]
        self.assertEqual(st3["family"], "gamma")
        shape, scale = float(st3["value_1"]), float(st3["value_2"])
        n = int(st3["n"])
        # The MLE's standard error of the shape: sqrt(k / (n (k trigamma(k) - 1))) = ~0.05 at n ~ 13,000;
        # times rounded to the second and the lots that lost a record add a little: 0.4 is 8 SE.
        self.assertLess(abs(shape - 4), 0.4, shape)
        self.assertLess(abs(shape * scale - 66) / 66, 0.02)
        self.assertGreater(n, 10000)
        # Exponential stations stay exponential (or a family that nests it, within AIC's charge).
        for g in ("station1", "station2", "station4", "station5"):
            self.assertIn(chosen[g]["family"], ("exponential", "gamma", "weibull"), g)
        # The fitted scenario extends the base, says what it fitted, and loads.
        with open(fitted) as f:
            text = f.read()
        self.assertIn("extends: ", text)
        self.assertIn("# station3 process time: n = ", text)
        # Poisson releases at 48 an hour: written back as a rate (SE ~0.85 % at n ~ 13,800: 3 % is 3.5 SE).
        rate = float(text.split("source: {rate: ")[1].split("/h")[0])
        self.assertLess(abs(rate - 48) / 48, 0.03, rate)
        self.assertEqual(run("validate", fitted).returncode, 0)
        # Scrap: 2 % at station 3 (~13,000 lots judged: the interval is about +-0.25 %), none elsewhere;
        # written into the routing's steps, which the overlay repeats whole.
        with open(os.path.join(self.dir, "fitted.report", "rates.csv"), newline="") as f:
            rates = {row["where"]: row for row in csv.DictReader(f) if row["quantity"] == "scrap"}
        st3 = rates["station3"]
        self.assertLessEqual(float(st3["low"]), 0.02)
        self.assertGreaterEqual(float(st3["high"]), 0.02)
        self.assertLess(float(st3["high"]) - float(st3["low"]), 0.006)
        self.assertEqual(st3["written"], "1")
        self.assertGreater(int(st3["trials"]), 10000)
        for g in ("station1", "station2", "station4", "station5"):
            self.assertEqual(float(rates[g]["estimate"]), 0.0, g)
            self.assertEqual(rates[g]["written"], "0", g)
        # A P-P and Q-Q plot of each fitted quantity: the P-P points' largest gap from the diagonal
        # is at most D + 1/n (each point is the fitted CDF at the order statistic ceil(p n) against
        # p, which is within 1/n of the sample's CDF there).
        import xml.etree.ElementTree as ET
        report = os.path.join(self.dir, "fitted.report")
        plots = sorted(f for f in os.listdir(report) if f.endswith(".svg"))
        self.assertEqual(plots, ["source-time-between-releases.svg"] +
                         [f"station{i}-process-time.svg" for i in range(1, 6)])
        svg = ET.parse(os.path.join(report, "station3-process-time.svg")).getroot()
        points = [(float(c.get("data-x")), float(c.get("data-y"))) for c in svg.iter("{http://www.w3.org/2000/svg}circle")]
        self.assertEqual(len(points), 400)  # 200 a panel
        pp = points[:200]
        self.assertLessEqual(max(abs(x - y) for x, y in pp), float(st3_fit["ks"]) + 1 / int(st3_fit["n"]) + 1e-9)
        qq = points[200:]
        self.assertTrue(all(b[0] >= a[0] and b[1] >= a[1] for a, b in zip(qq, qq[1:])))  # quantiles rise
        self.assertIn("routing:\n  steps:\n", text)
        self.assertRegex(text, r"station_group: station3, buffer: unlimited, scrap: 0\.0[12]\d*\}")

    def test_fitted_intervals_cover_the_hidden_truth_over_50_plants(self):
        # A coverage statistic needs its 50 plants; under the sanitizers they take the suite past
        # its time budget, and the same fitting code runs there in the cases around it.
        if os.environ.get("GIGATWIN_SANITIZED") == "1":
            self.skipTest("50 plants: run in the Release build")
        # 50 emulated plants (seeds 1-50): the small line with a gamma(4, 15 s) press, a weld that
        # fails after Weibull(1.5, 4 h) of operating time, is repaired in lognormal(20 min, sd
        # 10 min) and scraps 2 %; 5 % of the records lost; the intervals still open at each log's
        # end censored. Each plant's 95 % intervals (the true family's row) of the press's shape,
        # the Weibull's shape, the repairs' mean and the scrap rate: 200 intervals that hold the
        # truth about 190 times (binomial sd 3.1): 181 to 198 (~3 sd, can fail both ways).
        from concurrent.futures import ThreadPoolExecutor
        base = self.write("small.yaml", test_cli.SMALL)
        truth = ["--set", "station_groups[0].process_time={dist: gamma, shape: 4, scale: 15s}",
                 "--set", "station_groups[1].failures={time_to_failure: {dist: weibull, shape: 1.5, scale: 4h}, "
                 "time_to_repair: {dist: lognormal, mean: 20min, sd: 10min}}",
                 "--set", "routing.steps[1].scrap=0.02", "--set", "horizon=8d", "--missing", "0.05"]

        def plant(seed):
            log = os.path.join(self.dir, f"p{seed}.csv")
            out = os.path.join(self.dir, f"f{seed}.yaml")
            r = run("emulate", base, "-o", log, "--seed", str(seed), "-q", *truth)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = run("fit", log, "--scenario", base, "-o", out, "-q", "--bootstrap", "0", "--min-observations", "10")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(self.dir, f"f{seed}.report", "fits.csv"), newline="") as f:
                fits = list(csv.DictReader(f))
            with open(os.path.join(self.dir, f"f{seed}.report", "rates.csv"), newline="") as f:
                rates = list(csv.DictReader(f))
            os.remove(log)

            def covers(where, quantity, family, k, value):
                row = next(r for r in fits if r["where"] == where and r["quantity"] == quantity and r["family"] == family)
                return float(row[f"low_{k}"]) <= value <= float(row[f"high_{k}"])
            scrap = next(r for r in rates if r["where"] == "weld" and r["quantity"] == "scrap")
            return [covers("press", "process time", "gamma", 1, 4.0),
                    covers("weld", "time to failure (operating)", "weibull", 1, 1.5),
                    covers("weld", "time to repair", "lognormal", 1, 1200.0),
                    float(scrap["low"]) <= 0.02 <= float(scrap["high"])]

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(plant, range(1, 51)))
        held = sum(sum(r) for r in results)
        self.assertGreaterEqual(held, 181, results)
        self.assertLessEqual(held, 198, results)

    def test_validate_against_tells_a_calibrated_model_from_a_wrong_one(self):
        log, _ = self.emulate("plant.csv", "--missing", "0.01", "--duplicates", "0.01")
        fitted = os.path.join(self.dir, "fitted.yaml")
        self.assertEqual(run("fit", log, "--scenario", self.tandem(), "-o", fitted, "-q").returncode, 0)

        def verdicts(*model):
            r = run("validate-against", log, *model, "-r", "8", "-q")
            self.assertEqual(r.returncode, 0, r.stderr)
            return {line.split(" [")[0]: line.split()[-1] for line in r.stdout.splitlines()
                    if line.endswith(("consistent", "DIFFERS"))}

        # Fitted: each of the 8 KPIs is outside its 95 % prediction interval with probability 5 %;
        # two or more at once with about 6 %, and this seed is fixed: at most one may differ.
        calibrated = verdicts(fitted)
        self.assertEqual(len(calibrated), 8)
        self.assertLessEqual(list(calibrated.values()).count("DIFFERS"), 1, calibrated)
        # A station 3 six seconds slower on average than the plant's (96 % busy, not 88 %): its
        # utilisation must differ (the lead time varies too much over 12 days to tell, at 8 runs).
        wrong = verdicts(self.tandem(), "--set", "station_groups[2].process_time={dist: exponential, mean: 72s}")
        self.assertEqual(wrong["utilization station3"], "DIFFERS", wrong)
        # One slower than the arrivals allow (78 s against 75 s between them): queues grow without
        # bound, and the lead time and the WIP must differ.
        unstable = verdicts(self.tandem(), "--set", "station_groups[2].process_time={dist: exponential, mean: 78s}")
        for kpi in ("cycle_time_mean", "wip_mean"):
            self.assertEqual(unstable[kpi], "DIFFERS", unstable)

    def test_fit_recovers_failures_and_repairs(self):
        # The small line's weld fails after Weibull(1.5, 4 h) of operating time and is repaired in
        # lognormal(mean 20 min, sd 10 min); the base it is fitted over has no failures at all.
        base = self.write("small.yaml", test_cli.SMALL)
        log = os.path.join(self.dir, "fail.csv")
        r = run("emulate", base, "-o", log, "--seed", "4", "--set", "horizon=40d", "--set",
                "station_groups[1].failures={time_to_failure: {dist: weibull, shape: 1.5, scale: 4h}, "
                "time_to_repair: {dist: lognormal, mean: 20min, sd: 10min}}")
        self.assertEqual(r.returncode, 0, r.stderr)
        fitted = os.path.join(self.dir, "fitted.yaml")
        r = run("fit", log, "--scenario", base, "-o", fitted)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("weld availability", r.stdout)
        with open(os.path.join(self.dir, "fitted.report", "fits.csv"), newline="") as f:
            rows = [row for row in csv.DictReader(f) if row["where"] == "weld"]

        def fit(quantity, family):
            return next(row for row in rows if row["quantity"] == quantity and row["family"] == family)

        def within_3_se(row, i, truth):
            # The 95 % interval is 3.92 standard errors wide: 3 SE either side can fail both ways.
            value, low, high = (float(row[f"{k}_{i}"]) for k in ("value", "low", "high"))
            se = (high - low) / 3.92
            self.assertLess(abs(value - truth), 3 * se, (row["quantity"], row[f"parameter_{i}"], value, truth, se))

        ttf = fit("time to failure (operating)", "weibull")
        self.assertGreater(int(ttf["n"]), 100)
        within_3_se(ttf, 1, 1.5)
        within_3_se(ttf, 2, 4 * 3600)
        ttr = fit("time to repair", "lognormal")
        within_3_se(ttr, 1, 1200)
        within_3_se(ttr, 2, 600)
        with open(fitted) as f:
            text = f.read()
        self.assertIn("failures: {time_to_failure: {dist: ", text)
        self.assertIn("basis: operating", text)
        self.assertIn("time to failure on operating time, the better fit", text)
        self.assertEqual(run("validate", fitted).returncode, 0)
        # The same weld ageing on calendar time (idle ~30 % of the time): failures come while it
        # is idle too, which operating time cannot explain; the fit says calendar, and recovers it.
        log = os.path.join(self.dir, "calendar.csv")
        r = run("emulate", base, "-o", log, "--seed", "4", "--set", "horizon=40d", "--set",
                "station_groups[1].failures={time_to_failure: {dist: weibull, shape: 1.5, scale: 4h}, "
                "time_to_repair: {dist: lognormal, mean: 20min, sd: 10min}, basis: calendar}")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("fit", log, "--scenario", base, "-o", fitted, "--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(fitted) as f:
            text = f.read()
        self.assertIn("basis: calendar", text)
        self.assertRegex(text, r"time to failure on calendar time: \d+ of \d+ failures came while the machine was stopped")
        with open(os.path.join(self.dir, "fitted.report", "fits.csv"), newline="") as f:
            rows = [row for row in csv.DictReader(f) if row["where"] == "weld"]
        ttf = fit("time to failure (calendar)", "weibull")
        within_3_se(ttf, 1, 1.5)
        within_3_se(ttf, 2, 4 * 3600)
        # Asked for, the basis is taken as given.
        r = run("fit", log, "--scenario", base, "-o", fitted, "--force", "--failure-basis", "operating")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(fitted) as f:
            self.assertIn("basis: operating", f.read())

    def test_fits_agree_with_scipy(self):
        from scipy import stats  # python3-scipy: a test dependency scripts/install-deps.sh installs
        rng = random.Random(11)
        sample = [rng.gammavariate(3.0, 20.0) for _ in range(3000)]
        # A plant log with one machine working through the sample, lots back to back with gaps.
        rows = ["time,kind,lot,station_group,machine,state"]
        t, durations = 1000.0, []
        for i, x in enumerate(sample):
            start, end = t, t + x
            rows += [f"{start!r},machine_state,,press,press/0,busy", f"{start!r},lot_started,{i},press,press/0,",
                     f"{end!r},lot_finished,{i},press,press/0,", f"{end!r},machine_state,,press,press/0,idle"]
            durations.append(end - start)  # what the log says, to the last bit
            t = end + 5
        log = self.write("log.csv", "\n".join(rows) + "\n")
        base = self.write("base.yaml", test_cli.SMALL)
        fitted = os.path.join(self.dir, "fitted.yaml")
        r = run("fit", log, "--scenario", base, "-o", fitted)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.dir, "fitted.report", "fits.csv"), newline="") as f:
            fits = {row["family"]: row for row in csv.DictReader(f)
                    if row["where"] == "press" and row["quantity"] == "process time"}
        x = durations

        def close(a, b, rel=1e-4):
            self.assertLess(abs(a - b), rel * abs(b), (a, b))

        k, _, theta = stats.gamma.fit(x, floc=0)
        close(float(fits["gamma"]["value_1"]), k)
        close(float(fits["gamma"]["value_2"]), theta)
        c, _, lam = stats.weibull_min.fit(x, floc=0)
        close(float(fits["weibull"]["value_1"]), c)
        close(float(fits["weibull"]["value_2"]), lam)
        s, _, scale = stats.lognorm.fit(x, floc=0)
        close(float(fits["lognormal"]["value_1"]), scale * math.exp(s * s / 2))
        # The scenario's normal is cut at 0 (4 % of this one would lie below): SciPy's truncnorm
        # likelihood, maximised by SciPy's Nelder-Mead from the plain normal's fit.
        from scipy import optimize

        def minus_ll(p):
            mu, sd = p
            return math.inf if sd <= 0 else -stats.truncnorm.logpdf(x, -mu / sd, math.inf, loc=mu, scale=sd).sum()
        best = optimize.minimize(minus_ll, stats.norm.fit(x), method="Nelder-Mead",
                                 options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
        self.assertTrue(best.success, best)
        close(float(fits["normal"]["value_1"]), best.x[0])
        close(float(fits["normal"]["value_2"]), best.x[1])
        close(float(fits["normal"]["log_likelihood"]), -best.fun, 1e-9)
        _, mean = stats.expon.fit(x, floc=0)
        close(float(fits["exponential"]["value_1"]), mean)
        # The KS statistic of each fit, as SciPy computes it for the same parameters.
        g = fits["gamma"]
        d = stats.kstest(x, "gamma", args=(float(g["value_1"]), 0, float(g["value_2"]))).statistic
        self.assertLess(abs(float(g["ks"]) - d), 1e-9)
        e = fits["exponential"]
        d = stats.kstest(x, "expon", args=(0, float(e["value_1"]))).statistic
        self.assertLess(abs(float(e["ks"]) - d), 1e-9)
        self.assertEqual(fits["gamma"]["chosen"], "1")
        # Anderson-Darling's A² of the gamma's fit, from SciPy's CDF and the textbook sum.
        ordered = sorted(x)
        n = len(ordered)
        cdf = stats.gamma.cdf(ordered, float(g["value_1"]), 0, float(g["value_2"]))
        a2 = -n - sum((2 * i + 1) * (math.log(cdf[i]) + math.log1p(-cdf[n - 1 - i])) for i in range(n)) / n
        self.assertLess(abs(float(g["ad"]) - a2), 1e-9 * a2)
        # The bootstrap's p-values: of the chosen family, in (0, 1], from 200 samples of 2,000 at most.
        self.assertGreater(float(g["ad_p"]), 0)
        self.assertLessEqual(float(g["ad_p"]), 1)
        self.assertEqual(int(g["bootstrap_size"]), 2000)
        self.assertEqual(fits["weibull"]["ad_p"], "")

    def test_a_log_in_json_lines_fits_as_its_csv(self):
        # The same emulated plant written both ways: one JSON object a line, empty fields left out.
        import json
        csv_log, _ = self.emulate("plant.csv", "--missing", "0.02", "--seed", "9", "--set", "horizon=3d")
        json_log, _ = self.emulate("plant.jsonl", "--missing", "0.02", "--seed", "9", "--set", "horizon=3d")
        with open(json_log) as f:
            records = [json.loads(line) for line in f]
        self.assertEqual(len(records), len(read_log(csv_log)))
        self.assertNotIn("machine", records[0])  # a release names no machine
        fitted = {}
        for name, log in (("a", csv_log), ("b", json_log)):
            out = os.path.join(self.dir, name + ".yaml")
            r = run("fit", log, "--scenario", self.tandem(), "-o", out, "-q")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out) as f:
                fitted[name] = [l for l in f if not l.startswith(("# Fitted", "# over"))]
        self.assertEqual(fitted["a"], fitted["b"])
        # A broken line is dropped with its line and column, the rest read.
        with open(json_log, "a") as f:
            f.write('{"time": "2026-01-09T00:00:00Z", "kind": \n')
        r = run("fit", json_log, "--scenario", self.tandem(), "-o", os.path.join(self.dir, "c.yaml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stderr, r"plant\.jsonl:\d+: column \d+: ")

    def test_the_simulators_own_trace_reads_as_a_plant_log(self):
        # A results file with a trace is a log too: the same fit as from its trace exported as CSV.
        out = os.path.join(self.dir, "run.h5")
        r = run("run", self.tandem(), "-o", out, "-q", "--trace", "--set", "horizon=3d", "--set", "warmup=0d")
        self.assertEqual(r.returncode, 0, r.stderr)
        folder = os.path.join(self.dir, "csv")
        self.assertEqual(run("export", out, "--csv", folder, "--trace").returncode, 0)
        exported = os.path.join(folder, "p0000-r0000", "trace.csv")
        fitted = {}
        for name, log in (("h5", out), ("csv", exported)):
            target = os.path.join(self.dir, name + ".yaml")
            r = run("fit", log, "--scenario", self.tandem(), "-o", target, "-q")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(target) as f:
                fitted[name] = [l for l in f if not l.startswith(("# Fitted", "# over"))]
        self.assertEqual(fitted["h5"], fitted["csv"])
        self.assertTrue(any("station3 process time: n = " in l for l in fitted["h5"]))
        # A results file without a trace says so.
        plain = os.path.join(self.dir, "plain.h5")
        self.assertEqual(run("run", self.tandem(), "-o", plain, "-q", "--set", "horizon=1d", "--set", "warmup=0d").returncode, 0)
        r = run("fit", plain, "--scenario", self.tandem(), "-o", os.path.join(self.dir, "x.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("expected a run with an event trace", r.stderr)

    def test_each_products_source_is_fitted(self):
        # Two products released at their own rates through a shared press; the plant releases b at
        # 15/h where the base says 10/h, and scraps 3 % of a at the oven.
        base = self.write("two.yaml", TWO_PRODUCTS)
        log = os.path.join(self.dir, "two.csv")
        r = run("emulate", base, "-o", log, "-q", "--set", "products[0].source.rate=15/h",
                "--set", "routing.steps[1].scrap=0.03")
        self.assertEqual(r.returncode, 0, r.stderr)
        fitted = os.path.join(self.dir, "fitted.yaml")
        r = run("fit", log, "--scenario", base, "-o", fitted)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run("validate", fitted).returncode, 0)
        import yaml
        with open(fitted) as f:
            text = f.read()
        overlay = yaml.safe_load(text)
        # ~3,600 releases of b: the rate's SE is 1.7 %, 6 % is 3.5 SE; a's ~4,800: 2.9 % SE.
        b_rate = float(overlay["products"][0]["source"]["rate"].split("/")[0])
        self.assertLess(abs(b_rate - 15) / 15, 0.06, b_rate)
        a_rate = float(overlay["source"]["rate"].split("/")[0])
        self.assertLess(abs(a_rate - 20) / 20, 0.06, a_rate)
        self.assertEqual(overlay["products"][0]["name"], "b")
        self.assertEqual(overlay["products"][0]["steps"], [{"station_group": "press"}])
        scrap = overlay["routing"]["steps"][1]["scrap"]
        self.assertLess(abs(scrap - 0.03), 3.3 * math.sqrt(0.03 * 0.97 / 4000), scrap)

    def test_a_products_own_process_time_is_fitted_where_it_differs(self):
        # The press takes 90 s for b and 60 s for a; the base says 60 s for both. ~4,800 lots of a
        # and ~2,400 of b (exponential: SE 1.4 % and 2 %): each within 3 SE of its truth, and the
        # scenario written with b's own time.
        base = self.write("two.yaml", TWO_PRODUCTS)
        log = os.path.join(self.dir, "two.csv")
        r = run("emulate", base, "-o", log, "-q", "--set",
                "station_groups[0].process_time_by_product={b: {dist: exponential, mean: 90s}}")
        self.assertEqual(r.returncode, 0, r.stderr)
        fitted = os.path.join(self.dir, "fitted.yaml")
        r = run("fit", log, "--scenario", base, "-o", fitted, "--bootstrap", "0")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run("validate", fitted).returncode, 0)
        import yaml
        with open(fitted) as f:
            text = f.read()
        self.assertIn("# press process times differ by product", text)
        press = yaml.safe_load(text)["station_groups"][0]
        own = press["process_time_by_product"]
        means = {}
        with open(os.path.join(self.dir, "fitted.report", "fits.csv"), newline="") as f:
            for row in csv.DictReader(f):
                if row["chosen"] == "1" and row["quantity"].startswith("process time of "):
                    means[row["quantity"][len("process time of "):]] = row
        for product, truth in (("a", 60.0), ("b", 90.0)):
            row = means[product]
            shape, second = float(row["value_1"]), float(row["value_2"] or "nan")
            mean = {"gamma": shape * second, "weibull": second * math.gamma(1 + 1 / shape)}.get(row["family"], shape)
            self.assertLess(abs(mean - truth) / truth, 3 * 1.0 / math.sqrt(int(row["n"])) * 1.2, (product, mean))
            self.assertEqual(own[product]["dist"], row["family"])

    def test_empirical_where_every_family_is_rejected(self):
        # Two kinds of work at one press, 20 s or 120 s, half each (a bimodal process time no
        # family has): every family's AD test rejects it; with --empirical the fitted scenario
        # draws from the sample's quantiles instead.
        rng = random.Random(3)
        rows = ["time,kind,lot,station_group,machine,state"]
        t = 0.0
        for i in range(1500):
            x = rng.gauss(20, 2) if rng.random() < 0.5 else rng.gauss(120, 5)
            rows += [f"{t!r},lot_started,{i},press,press/0,", f"{t + x!r},lot_finished,{i},press,press/0,"]
            t += x + 1
        log = self.write("bimodal.csv", "\n".join(rows) + "\n")
        base = self.write("base.yaml", test_cli.SMALL)

        def fit(name, *extra):
            out = os.path.join(self.dir, name + ".yaml")
            r = run("fit", log, "--scenario", base, "-o", out, "--bootstrap", "99", *extra)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(self.dir, name + ".report", "fits.csv"), newline="") as f:
                rows = [row for row in csv.DictReader(f) if row["where"] == "press"]
            with open(out) as f:
                return rows, f.read(), r.stdout

        rows, text, _ = fit("by_aic")
        chosen = next(row for row in rows if row["chosen"] == "1")
        self.assertNotEqual(chosen["family"], "empirical")
        self.assertLessEqual(float(chosen["ad_p"]), 0.01)  # the floor is 1/100: no bootstrap sample as far off
        rows, text, said = fit("empirical", "--empirical")
        chosen = next(row for row in rows if row["chosen"] == "1")
        self.assertEqual(chosen["family"], "empirical")
        self.assertEqual(chosen["value_1"], "500")
        self.assertIn("every family rejected", said)
        self.assertIn("process_time: {dist: empirical, values: [", text)
        # Every family was tested before the empirical was chosen, each rejected.
        tested = [row for row in rows if row["family"] != "empirical"]
        self.assertEqual(len(tested), 5)
        self.assertTrue(all(float(row["ad_p"]) <= 0.01 for row in tested), tested)
        self.assertEqual(run("validate", os.path.join(self.dir, "empirical.yaml")).returncode, 0)
        # BIC ranks the same five fits by p ln n instead of 2p.
        rows, _, _ = fit("by_bic", "--criterion", "bic")
        bics = [float(row["bic"]) for row in rows]
        self.assertEqual(bics, sorted(bics))
        r = run("fit", log, "--scenario", base, "-o", os.path.join(self.dir, "x.yaml"), "--criterion", "aicc")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--criterion", r.stderr)

    def test_discover_drafts_the_emulated_default_plant(self):
        # The default plant's log (20 days: trays reach modules and packs) and the draft from it
        # alone: every product's route, every group's machines, the bills of materials, the
        # sources, the batch sizes and the scrap rates, against the scenario that made the log.
        import yaml
        scenario = os.path.join(test_cli.SOURCE, "scenarios/gigafactory.yaml")
        log = os.path.join(self.dir, "plant.csv")
        r = run("emulate", scenario, "-o", log, "--set", "horizon=20d", "--missing", "0.01", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        draft = os.path.join(self.dir, "draft.yaml")
        r = run("discover", log, "-o", draft)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("draft: ", r.stdout)
        self.assertEqual(run("validate", draft).returncode, 0)
        with open(scenario) as f:
            truth = yaml.safe_load(f)
        with open(draft) as f:
            found = yaml.safe_load(f)
        # Routes, product by product (the routing's product first, as the scenario has it).
        routes = {truth["routing"]["product"]: truth["routing"]["steps"]}
        routes.update({p["name"]: p["steps"] for p in truth["products"]})
        drafted = {found["routing"]["product"]: found["routing"]["steps"]}
        drafted.update({p["name"]: p["steps"] for p in found.get("products", [])})
        self.assertEqual(found["routing"]["product"], truth["routing"]["product"])
        self.assertEqual(set(drafted), set(routes))
        for product, steps in routes.items():
            self.assertEqual([s["station_group"] for s in drafted[product]], [s["station_group"] for s in steps], product)
        # Machines: every one works within 20 days.
        groups = {g["name"]: g for g in truth["station_groups"]}
        for g in found["station_groups"]:
            self.assertEqual(g["machines"], groups[g["name"]].get("machines", 1), g["name"])
            if "batch" in groups[g["name"]]:
                self.assertEqual(g["batch"]["size"], groups[g["name"]]["batch"]["size"], g["name"])
        # Bills of materials and sources.
        for p in truth["products"]:
            mine = next(q for q in found["products"] if q["name"] == p["name"])
            if "parts" in p:
                self.assertEqual(mine["parts"], p["parts"], p["name"])
            else:
                self.assertEqual(mine["source"], {"saturated": True}, p["name"])
        rate = float(found["source"]["rate"].split("/")[0])
        self.assertLess(abs(rate - 64) / 64, 0.03, rate)  # 64/h; ~30,000 releases: SE 0.6 %
        # Scrap: each step's truth inside the draft's estimate +- 3.3 standard errors (a 99.9 %
        # interval: with ~20 rates a right draft fails this less than 2 % of the time), where the
        # group does not also scrap what its inspection rejects.
        inspecting = {name for name, g in groups.items()
                      if "inspection" in g or any("inspection" in m for m in g.get("modes", {}).values())}
        with open(draft) as f:
            text = f.read()
        checked = 0
        for product, steps in routes.items():
            for truth_step, step in zip(steps, drafted[product]):
                g = truth_step["station_group"]
                judged = re.search(rf"#   {re.escape(g)}: scrap (\d+) of (\d+) lots judged", text)
                if g in inspecting or not judged or int(judged.group(2)) < 200:
                    continue
                p_hat, n = step.get("scrap", 0), int(judged.group(2))
                p = truth_step.get("scrap", 0)
                self.assertLessEqual(abs(p_hat - p), 3.3 * math.sqrt(max(p, 1e-4) * (1 - p) / n) + 1 / n, (g, p_hat, p, n))
                checked += 1
        self.assertGreaterEqual(checked, 10)

    def test_bad_input_is_refused_with_one_message(self):
        base = self.write("base.yaml", test_cli.SMALL)
        out = os.path.join(self.dir, "f.yaml")
        r = run("fit", os.path.join(self.dir, "missing.csv"), "--scenario", base, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing.csv: cannot read", r.stderr)
        r = run("fit", self.write("nohead.csv", "when,what\n1,2\n"), "--scenario", base, "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nohead.csv:1: expected a column 'time'", r.stderr)
        r = run("fit", self.write("x.csv", "time,kind\n"), "--scenario", base, "-o", out, "--column", "when")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--column: expected schema_column=file_column", r.stderr)
        self.assertFalse(os.path.exists(out))
        # An existing fitted scenario is not replaced without --force; a failed emulation writes nothing.
        self.write("f.yaml", "keep me\n")
        log = self.write("ok.csv", "time,kind\n0,lot_released\n")
        r = run("fit", log, "--scenario", base, "-o", out)
        self.assertEqual(r.returncode, 2)
        with open(out) as f:
            self.assertEqual(f.read(), "keep me\n")
        # A group the scenario does not have: warned about where the log first names it, with a count.
        unknown = self.write("unknown.csv", "time,kind,lot,station_group,machine\n0,lot_started,1,press,press/0\n"
                                            "5,lot_started,2,paint,paint/0\n9,lot_finished,2,paint,paint/0\n")
        r = run("fit", unknown, "--scenario", base, "-o", os.path.join(self.dir, "u.yaml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("unknown.csv:3: warning: station group 'paint' is not in ", r.stderr)
        self.assertIn("its 2 event(s) left out", r.stderr)
        # A log with no lot seen through its route gives no draft, and says why.
        r = run("discover", log, "-o", os.path.join(self.dir, "draft.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("expected lots released", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "draft.yaml")))
        r = run("emulate", base, "-o", os.path.join(self.dir, "e.csv"), "--missing", "1.5")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--missing: expected a share", r.stderr)
        r = run("emulate", base, "-o", os.path.join(self.dir, "e.csv"), "--set", "horizon=-1d")
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "e.csv")))


if __name__ == "__main__":
    test_cli.GIGATWIN, test_cli.SOURCE = sys.argv[1], sys.argv[2]
    with open(os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml")) as small:
        test_cli.SMALL = small.read()
    result = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False).result
    if not result.wasSuccessful():
        sys.exit(1)
    # ctest counts exit code 77 as skipped (SKIP_RETURN_CODE): a skipped case is not a pass.
    sys.exit(77 if result.skipped and result.testsRun == len(result.skipped) else 0)
