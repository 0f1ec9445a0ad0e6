#!/usr/bin/env python3
"""End-to-end tests of the live stream (docs/LIVE.md): `gigatwin emulate --mqtt` sends the plant's
log to an MQTT broker. Each test starts its own Mosquitto on 127.0.0.1 at a free port with a
generated configuration, and stops it; never a system service, never another address.

Run by ctest as `test_live.py GIGATWIN_BINARY SOURCE_DIR -k NAME`."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import unittest

import test_cli
from test_cli import run


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveTest(test_cli.FolderCase):
    prefix = "gigatwin-live-"

    def broker(self, password_file=None):
        """A Mosquitto of this test's own, listening on 127.0.0.1 only; stopped at the end."""
        mosquitto = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        port = free_port()
        access = f"allow_anonymous false\npassword_file {password_file}\n" if password_file else "allow_anonymous true\n"
        # Started as root, Mosquitto would turn into the `mosquitto` user, which cannot read this
        # test's private folder: it stays who started it.
        import getpass
        conf = self.write("mosquitto.conf",
                          f"listener {port} 127.0.0.1\n{access}persistence false\nuser {getpass.getuser()}\n")
        broker = subprocess.Popen([mosquitto, "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: (broker.terminate(), broker.wait(10)))
        for _ in range(100):  # up within 5 s
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return port
            except OSError:
                time.sleep(0.05)
        self.fail("the test's Mosquitto did not start")

    def listen(self, port, topic):
        """mosquitto_sub on `topic`, into a file: its lines, once the stream says it is done."""
        out = os.path.join(self.dir, "received.txt")
        f = open(out, "w")
        sub = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-t", topic, "-v", "-q", "1"],
                               stdout=f, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: (sub.terminate(), sub.wait(10), f.close()))
        time.sleep(0.3)  # subscribed before anything is sent

        def lines():
            for _ in range(600):  # 30 s at most
                f.flush()
                with open(out) as r:
                    got = r.read().splitlines()
                if any('"state":"done"' in line for line in got):
                    return got
                time.sleep(0.05)
            self.fail("the stream never said it was done: " + repr(got[-3:]))
        return lines

    def test_emulate_sends_its_log_live_in_order(self):
        # Every record of the log, in the log's order, as the same JSON object, on <prefix>/events;
        # the retained status says running, then done with the count.
        port = self.broker()
        received = self.listen(port, "plant/test/#")
        log = os.path.join(self.dir, "live.jsonl")
        r = run("emulate", os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml"), "-o", log, "--set",
                "horizon=6h", "--missing", "0.02", "--mqtt", f"mqtt://127.0.0.1:{port}", "--speed", "0",
                "--topic", "plant/test")
        self.assertEqual(r.returncode, 0, r.stderr)
        got = received()
        events = [json.loads(line.split(" ", 1)[1]) for line in got if line.startswith("plant/test/events ")]
        with open(log) as f:
            written = [json.loads(line) for line in f]
        self.assertGreater(len(written), 1000)
        self.assertEqual(events, written)
        statuses = [json.loads(line.split(" ", 1)[1]) for line in got if line.startswith("plant/test/status ")]
        self.assertEqual(statuses[0], {"state": "running"})
        self.assertEqual(statuses[-1], {"state": "done", "events": len(written)})

    def test_the_stream_is_paced_at_the_speed_asked(self):
        # Six hours of plant at 21,600x real time take at least a second (sleeps only lengthen it).
        port = self.broker()
        received = self.listen(port, "gigatwin/plant/#")
        start = time.monotonic()
        r = run("emulate", os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml"), "-o",
                os.path.join(self.dir, "p.csv"), "--set", "horizon=6h", "--mqtt", f"mqtt://127.0.0.1:{port}",
                "--speed", "21600", "-q")
        elapsed = time.monotonic() - start
        self.assertEqual(r.returncode, 0, r.stderr)
        got = received()
        first = json.loads(next(line for line in got if "/events " in line).split(" ", 1)[1])["time"]
        last = json.loads([line for line in got if "/events " in line][-1].split(" ", 1)[1])["time"]
        span = (time.mktime(time.strptime(last, "%Y-%m-%dT%H:%M:%SZ")) -
                time.mktime(time.strptime(first, "%Y-%m-%dT%H:%M:%SZ")))
        self.assertGreater(span, 5 * 3600)
        self.assertGreaterEqual(elapsed, 0.95 * span / 21600)

    def test_a_broker_that_asks_for_a_password_gets_it_from_the_environment(self):
        passwords = os.path.join(self.dir, "passwords")
        subprocess.run(["mosquitto_passwd", "-c", "-b", passwords, "plant", "s3cret"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self.broker(passwords)
        small = os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml")
        args = ["emulate", small, "-o", os.path.join(self.dir, "p.csv"), "--set", "horizon=3h", "--mqtt",
                f"mqtt://127.0.0.1:{port}", "--speed", "0", "--mqtt-user", "plant", "--force", "-q"]
        env = dict(os.environ, GIGATWIN_MQTT_PASSWORD="s3cret")
        r = subprocess.run([test_cli.GIGATWIN, *args], capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        env["GIGATWIN_MQTT_PASSWORD"] = "wrong"
        r = subprocess.run([test_cli.GIGATWIN, *args], capture_output=True, text=True, env=env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("cannot connect to the MQTT broker", r.stderr)
        self.assertNotIn("wrong", r.stderr)  # the password is never echoed

    def test_bad_broker_input_is_refused_before_anything_runs(self):
        small = os.path.join(test_cli.SOURCE, "tests/data/small-line.yaml")
        out = os.path.join(self.dir, "x.csv")
        r = run("emulate", small, "-o", out, "--mqtt", "localhost:1883")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--mqtt: expected a broker URL mqtt://host:port", r.stderr)
        r = run("emulate", small, "-o", out, "--mqtt", "mqtt://127.0.0.1:1883", "--topic", "plant/#")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--topic: expected a topic prefix without wildcards", r.stderr)
        # No broker at that port: said, and no log left behind half-sent.
        r = run("emulate", small, "-o", out, "--set", "horizon=3h", "--mqtt", f"mqtt://127.0.0.1:{free_port()}")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("cannot connect to the MQTT broker at mqtt://127.0.0.1:", r.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    test_cli.GIGATWIN, test_cli.SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
