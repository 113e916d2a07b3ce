#!/usr/bin/env python3
"""`bench/run serve`'s parity check: every served model's answer over HTTP against `sonic predict
... --json` (recommend and playlist: `sonic recommend --offline --json`, `sonic playlist --json`)
on the same inputs, numbers to 1e-9. Prints one line per model and exits 1 on a difference.
serve_parity.py SONIC HOME ZONE PORT [--derived-only]  (--derived-only: recommend and playlist,
which need no model file, e.g. on a real history only imported)"""
import json, random, subprocess, sys, time, urllib.request

sonic, home, zone, port = sys.argv[1:5]
derived_only = "--derived-only" in sys.argv[5:]


def cli(*args):
    out = subprocess.run([sonic, "--home", home, "--tz", zone, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def post(model, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/models/{model}/invocations",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as reply:
        return json.loads(reply.read())["predictions"]


def worst(a, b, where=""):
    """The largest numeric difference; raises on any other difference."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b)
    if type(a) != type(b):
        raise ValueError(f"{where}: {a!r} vs {b!r}")
    if isinstance(a, dict):
        if a.keys() != b.keys():
            raise ValueError(f"{where}: keys {sorted(a)} vs {sorted(b)}")
        return max([worst(a[k], b[k], f"{where}.{k}") for k in a] or [0])
    if isinstance(a, list):
        if len(a) != len(b):
            raise ValueError(f"{where}: {len(a)} vs {len(b)} items")
        return max([worst(x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b))] or [0])
    if a != b:
        raise ValueError(f"{where}: {a!r} vs {b!r}")
    return 0.0


def derived_checks():
    """recommend and playlist, each row beside its command; the slowest answer's time too."""
    found = []
    recommend = [({}, []), ({"pool": "library", "size": 10}, ["--pool", "library", "--size", "10"]),
                 ({"pool": "rediscover", "size": 5, "max_per_artist": 1},
                  ["--pool", "rediscover", "--size", "5", "--max-per-artist", "1"]),
                 ({"rediscover_days": 30}, ["--rediscover-days", "30"])]
    playlist = [({"prompt": "calm evening music, not sad"}, ["calm evening music, not sad"]),
                ({"prompt": "high energy workout"}, ["high energy workout"]), ({"for": "night"}, ["--for", "night"]),
                ({"for": "weekend-morning"}, ["--for", "weekend-morning"])]
    for model, cases, command in (("recommend", recommend, ["recommend", "--offline", "--json"]),
                                  ("playlist", playlist, ["playlist", "--json"])):
        diffs, slowest = [], 0.0
        for row, flags in cases:
            start = time.monotonic()
            served = post(model, {"instances": [row]})[0]
            slowest = max(slowest, time.monotonic() - start)
            diffs.append(worst(served, cli(*command, *flags)))
        found.append((model, len(cases), max(diffs), slowest))
    return found


rng = random.Random(7)
if derived_only:
    checks = derived_checks()
    for model, count, diff, slowest in checks:
        print(f"parity {model}: {count} inputs, largest difference {diff:.3g} ({'ok' if diff <= 1e-9 else 'OVER 1e-9'}),"
              f" slowest answer {slowest * 1000:.0f} ms")
    sys.exit(1 if any(diff > 1e-9 for _, _, diff, _ in checks) else 0)
with urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/models/mood") as reply:
    features = [i["name"] for i in json.loads(reply.read())["inputs"]]
failed = False
checks = []
rows = [{f: round(rng.uniform(60, 180) if f == "tempo" else rng.uniform(-30, -2) if f == "loudness" else rng.random(), 6)
         for f in features} for _ in range(20)]
served = post("mood", {"dataframe_records": rows})
diffs = [worst(served[i], cli("predict", "mood", "--json", "--features", ",".join(f"{k}={v!r}" for k, v in row.items())))
         for i, row in enumerate(rows)]
checks.append(("mood", len(rows), max(diffs)))
ats = [f"2030-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:17:00Z" for _ in range(5)]
served = post("session", {"instances": [{"at": at, "hours": 24} for at in ats]})
diffs = [worst(served[i], cli("predict", "session", "--json", "--at", at, "--hours", "24")) for i, at in enumerate(ats)]
checks.append(("session", len(ats), max(diffs)))
checks.append(("next-mood", 1, worst(post("next-mood", {"instances": [{}]})[0], cli("predict", "next-mood", "--json"))))
checks += [(model, count, diff) for model, count, diff, _ in derived_checks()]
for model, count, diff in checks:
    ok = diff <= 1e-9
    failed |= not ok
    print(f"parity {model}: {count} inputs, largest difference {diff:.3g} ({'ok' if ok else 'OVER 1e-9'})")
sys.exit(1 if failed else 0)
