#!/usr/bin/env python3
"""Twin runs shared across a batch's points: the same plant without its roll-out, the same seed
and replication, is simulated once however many points need it, and the KPIs it feeds
(payback_years) are those of a run that simulates its own twin.

Run by ctest as `test_twins.py GIGATWIN_BINARY SOURCE_DIR -k NAME`."""
import os
import sys
import unittest

import test_cli
from test_cli import run


def summary(path):
    import h5py
    with h5py.File(path, "r") as f:
        t = f["/experiment/summary"][...]
        return t


class TwinTest(test_cli.FolderCase):
    prefix = "gigatwin-twins-"

    def test_points_that_differ_in_their_rollout_share_one_twin(self):
        plant = os.path.join(test_cli.SOURCE, "scenarios", "automation-sweep-plant.yaml")
        # 3 automation levels x 2 replications: 6 runs whose twins (the plant without the
        # roll-out) are the same for every level: 2 twins, one per replication.
        sweep = self.write("sweep.yaml", f"sweep: 1\nscenario: {plant}\nreplications: 2\nparameters:\n"
                                         "  - name: automation\n    keys:\n"
                                         "      rollout[0].mode: [manual, robotic, robotic]\n"
                                         "      rollout[1].mode: [manual, manual, robotic]\n")
        out = os.path.join(self.dir, "sweep.h5")
        r = run("batch", sweep, "--out", out, "--seed", "5", "-j", "2", "--set", "horizon=16d")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("twin runs", r.stdout)
        self.assertIn(": 2 simulated", r.stdout)
        batch = summary(out)
        self.assertEqual(len(batch), 6)

        # Point 1 alone, as `run` does it (each replication simulates its own twin): the same KPIs.
        single = os.path.join(self.dir, "single.h5")
        r = run("run", plant, "--out", single, "--seed", "5", "-r", "2", "--set", "horizon=16d",
                "--set", "rollout[0].mode=robotic", "--set", "rollout[1].mode=manual", "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr)
        alone = summary(single)
        point1 = batch[batch["point"] == 1]
        self.assertEqual(len(point1), 2)
        self.assertEqual(test_cli.differing_columns(alone, point1), [])
        import numpy as np
        # The roll-out pays back or not, but the KPI is computed: payback needs the twin.
        self.assertTrue(np.isfinite(point1["total_cost"]).all())
        self.assertFalse(os.path.exists(out + ".parts"))


if __name__ == "__main__":
    test_cli.GIGATWIN, test_cli.SOURCE = sys.argv[1], sys.argv[2]
    with open(os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml")) as small:
        test_cli.SMALL = small.read()
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
