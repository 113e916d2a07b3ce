#!/usr/bin/env python3
"""The playlist figures of issue 12 (run by `bench/run playlist`; sonic's own, no reference tool).

  bench/playlist.py prompts SONIC PROMPTS.jsonl      the parser against hand-labelled prompts:
                                                    per-field interval IoU, time-of-day and day-type match
  bench/playlist.py model SONIC PROMPTS.jsonl       the language-model reader (OPENAI_* in the environment
                                                    names the server): the share of prompts whose reply
                                                    was valid under the schema and used, the fallback
                                                    reasons, and the mean IoU of the model's ranges
  bench/playlist.py histories SONIC SHARED_DIR       on each real history (imported with its catalog
                                                    features into a scratch home): the share of chosen
                                                    tracks meeting every hard range, precision@25 of
                                                    time-of-day playlists against the tracks played in
                                                    that window in a held-out final month (beside a
                                                    random pick and the most played tracks; the same
                                                    for the month before it, the tuning month, on
                                                    which the ranking's constants are chosen), the
                                                    discovery share's new-to-you catalog tracks against
                                                    the held-out month, and the answer time of
                                                    `sonic playlist`

Every run uses --tz UTC, so the windows here and in sonic are the same hours.
"""
import datetime
import json
import os
import resource
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

FEATURES = ["energy", "valence", "danceability", "acousticness", "instrumentalness", "tempo"]
CATALOGS = ["hit-predictor/dataset-of-60s.csv", "hit-predictor/dataset-of-70s.csv", "hit-predictor/dataset-of-80s.csv",
            "hit-predictor/dataset-of-90s.csv", "hit-predictor/dataset-of-00s.csv", "hit-predictor/dataset-of-10s.csv",
            "liked-bartek/audio_features.csv", "popularity-yashdave/high_popularity_spotify_data.csv",
            "popularity-yashdave/low_popularity_spotify_data.csv"]
# Feature prompts for the hard-constraint share (ranges only; the time of day ranks, never filters).
FEATURE_PROMPTS = ["high energy", "calm evening songs", "sad songs", "happy upbeat tunes", "workout playlist",
                   "focus music for coding", "party on a saturday night", "acoustic music", "not sad, just chill",
                   "danceable and happy"]
TIMES = ["morning", "afternoon", "evening", "night"]
HOLD_OUT_DAYS = 30


def run(sonic, home, *args):
    result = subprocess.run([sonic, "--home", home, "--tz", "UTC", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"sonic {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def iou(a, b):
    overlap = max(0.0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return 1.0 if union == 0 else overlap / union


def prompts(sonic, path):
    per_field = {f: [] for f in FEATURES}
    time_hits = day_hits = total = 0
    misses = []
    with tempfile.TemporaryDirectory() as home, open(path) as lines:
        for line in lines:
            if not line.strip():
                continue
            case = json.loads(line)
            got = json.loads(run(sonic, home, "playlist", "--explain", "--json", case["prompt"]))["constraints"]
            total += 1
            for feature in FEATURES:
                want, have = case["ranges"].get(feature), got["ranges"].get(feature)
                if want is None and have is None:
                    continue
                score = iou(want, have) if want is not None and have is not None else 0.0
                per_field[feature].append(score)
                if score < 0.5:
                    misses.append(f"{case['prompt']!r} {feature}: expected {want}, parsed {have}")
            time_hits += got["time_of_day"] == case["time_of_day"]
            day_hits += got["day_type"] == case["day_type"]
    scores = [s for values in per_field.values() for s in values]
    report = {"task": "playlist-prompts", "prompts": total,
              "mean_iou": sum(scores) / len(scores),
              "per_field_iou": {f: {"mean": sum(v) / len(v), "n": len(v)} for f, v in per_field.items() if v},
              "time_of_day_exact": time_hits / total, "day_type_exact": day_hits / total, "misses": misses}
    print(json.dumps(report))
    fields = ", ".join(f"{f} {v['mean']:.3f} (n={v['n']})" for f, v in report["per_field_iou"].items())
    print(f"playlist parser on {total} hand-labelled prompts: mean IoU {report['mean_iou']:.3f} (goal >= 0.8); "
          f"{fields}; time of day exact {100 * report['time_of_day_exact']:.1f}%, "
          f"day type exact {100 * report['day_type_exact']:.1f}%")


def model(sonic, path):
    """Every prompt once through the language model (--explain asks it without a store cache)."""
    used = total = 0
    reasons = {}
    scores = []
    seconds = []
    with tempfile.TemporaryDirectory() as home, open(path) as lines:
        for line in lines:
            if not line.strip():
                continue
            case = json.loads(line)
            started = time.monotonic()
            answer = json.loads(run(sonic, home, "playlist", "--explain", "--json", case["prompt"]))
            seconds.append(time.monotonic() - started)
            total += 1
            reading = answer.get("model") or {}
            if reading.get("used"):
                used += 1
                got = answer["constraints"]
                for feature in FEATURES:
                    want, have = case["ranges"].get(feature), got["ranges"].get(feature)
                    if want is not None or have is not None:
                        scores.append(iou(want, have) if want is not None and have is not None else 0.0)
            else:
                reason = (reading.get("fallback_reason") or "no model configured")[:120]
                reasons[reason] = reasons.get(reason, 0) + 1
    seconds.sort()
    report = {"task": "playlist-model", "server": os.environ.get("OPENAI_BASE_URL"), "prompts": total,
              "schema_valid_used": used, "schema_valid_rate": used / total if total else 0,
              "mean_iou_of_used": sum(scores) / len(scores) if scores else None,
              "median_seconds": seconds[len(seconds) // 2] if seconds else None, "fallback_reasons": reasons}
    print(json.dumps(report))
    print(f"language-model reader at {report['server']}: {used} of {total} replies valid under the schema and "
          f"used ({100 * report['schema_valid_rate']:.1f}%, goal >= 95%); median answer "
          f"{report['median_seconds']:.3f} s; fallbacks: {reasons or 'none'}")


def time_of_day(hour):
    return "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 17 else "evening" if 17 <= hour < 22 else "night"


def name_key(artist, title):
    return (" ".join(artist.lower().split()), " ".join(title.lower().split()))


def first_artist(cell):
    """The first artist of a catalog cell ("['A', 'B']" or "A")."""
    cell = (cell or "").strip()
    if cell.startswith("["):
        cell = cell.strip("[]").split(",")[0].strip().strip("'\"")
    return cell


def text_cells(blob, rows):
    """A chunk's text column (schema step 12): `rows` uint32 little-endian ends, then the cells' bytes."""
    ends = struct.unpack_from(f"<{rows}I", blob)
    data, begin = blob[4 * rows:], 0
    for end in ends:
        yield data[begin:end].decode("utf-8", "replace")
        begin = end


def catalog_rows(db):
    """(Spotify ID, name, artists) of every imported catalog track, from the catalogs' chunks."""
    for rows, ids, names, artists in db.execute("SELECT rows, track_ids, names, artists FROM catalog_chunks"):
        yield from zip((ids[22 * i:22 * (i + 1)].decode() for i in range(rows)), text_cells(names, rows),
                       text_cells(artists, rows))


def discovery_in_held_out_month(sonic, shared, home, db, cutoff_day, cutoff_ms):
    """The discovery share's new-to-you tracks: the catalogs imported as catalogs, one half-new playlist per time
    of day as of the cut-off; a hit is a catalog track the person first played in the held-out month (by Spotify
    ID, or by artist and title for exports without IDs). Beside it, the hit rate of a uniform pick among the
    unheard catalog tracks, and among those by an artist played before the cut-off."""
    run(sonic, home, "catalog", "import", *[os.path.join(shared, "data", "catalogs", c) for c in CATALOGS])
    first_by_id, first_by_name, artists_before = {}, {}, set()
    for spotify_id, artist, title, start in db.execute(
            "SELECT t.spotify_id, a.name, t.name, min(p.start_ms) FROM plays p JOIN tracks t ON t.id = p.track_id "
            "JOIN artists a ON a.id = t.artist_id WHERE p.is_short = 0 GROUP BY t.id"):
        if spotify_id:
            first_by_id[spotify_id] = min(start, first_by_id.get(spotify_id, start))
        key = name_key(artist, title)
        first_by_name[key] = min(start, first_by_name.get(key, start))
        if start < cutoff_ms:
            artists_before.add(name_key(artist, "")[0])
    unheard, later, by_played_artist = set(), set(), set()
    for spotify_id, name, artists in catalog_rows(db):
        key = name_key(first_artist(artists), name or "")
        first = min(first_by_id.get(spotify_id, float("inf")), first_by_name.get(key, float("inf")))
        if first < cutoff_ms:
            continue
        unheard.add(spotify_id)
        if first != float("inf"):
            later.add(spotify_id)
        if key[0] in artists_before:
            by_played_artist.add(spotify_id)
    picked = set()  # distinct tracks: the four playlists may share some
    for tod in TIMES:
        result = json.loads(run(sonic, home, "playlist", f"{tod} music, 20 songs, 50% new", "--before",
                                cutoff_day.isoformat(), "--json"))
        picked.update(track["spotify_id"] for track in result["tracks"] if track.get("new_to_you"))
    hits = len(picked & later)
    return {"picked": len(picked), "hits": hits, "precision": hits / len(picked) if picked else 0.0,
            "catalog_unheard": len(unheard), "found_later": len(later),
            "random": len(later) / len(unheard) if unheard else 0.0,
            "same_artists": len(later & by_played_artist) / len(by_played_artist) if by_played_artist else 0.0}


def time_of_day_precision(sonic, home, listens, cutoff_day, cutoff_ms, end_ms):
    """Precision@25 of each time-of-day playlist made with --before the cut-off, against the tracks played in that
    window from the cut-off to `end_ms` (None: the newest listen), beside a uniform pick from the pre-cut-off library
    and its 25 most played tracks."""
    before = [(t, s) for t, s in listens if s < cutoff_ms]
    library = {t for t, _ in before}
    plays_before = {}
    for t, _ in before:
        plays_before[t] = plays_before.get(t, 0) + 1
    most_played = sorted(library, key=lambda t: (-plays_before[t], t))[:25]
    windows = []
    for tod in TIMES:
        held_out = {t for t, s in listens if s >= cutoff_ms and (end_ms is None or s < end_ms) and
                    time_of_day(datetime.datetime.fromtimestamp(s / 1000, datetime.timezone.utc).hour) == tod}
        if not held_out or not library:
            continue
        result = json.loads(run(sonic, home, "playlist", f"{tod} music", "--before", cutoff_day.isoformat(), "--json"))
        picked = [t["track_id"] for t in result["tracks"]]
        hits = len([t for t in picked if t in held_out])
        windows.append({"time_of_day": tod, "held_out_tracks": len(held_out), "new_tracks": len(held_out - library),
                        "picked": len(picked), "precision": hits / 25, "random": len(library & held_out) / len(library),
                        "most_played": len([t for t in most_played if t in held_out]) / 25})
    return windows


def history(sonic, shared, source):
    name = os.path.relpath(source, os.path.join(shared, "data", "histories"))
    with tempfile.TemporaryDirectory() as home:
        run(sonic, home, "import", source)
        run(sonic, home, "import-features", *[os.path.join(shared, "data", "catalogs", c) for c in CATALOGS])
        db = sqlite3.connect(os.path.join(home, "sonic.db"))
        listens = db.execute("SELECT track_id, start_ms FROM plays WHERE track_id IS NOT NULL AND is_short = 0").fetchall()
        featured = db.execute("SELECT count(*) FROM audio_features f WHERE EXISTS (SELECT 1 FROM plays p "
                              "WHERE p.track_id = f.track_id AND p.is_short = 0)").fetchone()[0]
        library_all = len({t for t, _ in listens})
        # Hard ranges: every chosen track's features inside every range the prompt asked for.
        chosen = meeting = via_mood = 0
        for prompt in FEATURE_PROMPTS:
            result = json.loads(run(sonic, home, "playlist", prompt, "--json"))
            ranges = result["constraints"]["ranges"]
            for track in result["tracks"]:
                chosen += 1
                via_mood += track["via_mood"]
                values = track["features"]
                meeting += all(values[f] is not None and lo <= values[f] <= hi for f, (lo, hi) in ranges.items())
        # Held-out month: the playlist sees only listens before the cut-off (a UTC midnight).
        newest = max(s for _, s in listens)
        cutoff_day = datetime.datetime.fromtimestamp(newest / 1000, datetime.timezone.utc).date() - \
            datetime.timedelta(days=HOLD_OUT_DAYS)
        cutoff_ms = int(datetime.datetime(cutoff_day.year, cutoff_day.month, cutoff_day.day,
                                          tzinfo=datetime.timezone.utc).timestamp() * 1000)
        windows = time_of_day_precision(sonic, home, listens, cutoff_day, cutoff_ms, None)
        # The month before the held-out one, as seen from a cut-off 30 days earlier: the ranking's
        # constants are chosen on these figures, never on the held-out month's.
        tuning_day = cutoff_day - datetime.timedelta(days=HOLD_OUT_DAYS)
        tuning = time_of_day_precision(sonic, home, listens, tuning_day,
                                       cutoff_ms - HOLD_OUT_DAYS * 86_400_000, cutoff_ms)
        new_to_you = discovery_in_held_out_month(sonic, shared, home, db, cutoff_day, cutoff_ms)
        # Answer time of a prompt with ranges and a time of day: the best of three runs, process start included.
        seconds, cpu = [], []
        for _ in range(3):
            start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            run(sonic, home, "playlist", "high energy morning music")
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds.append(time.perf_counter() - start)
            cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        line = {"task": "playlist-history", "data": name, "music_listens": len(listens), "library_tracks": library_all,
                "tracks_with_features": featured, "chosen": chosen, "meeting_every_hard_range": meeting,
                "via_mood": via_mood, "hard_share": meeting / chosen if chosen else None,
                "cutoff": cutoff_day.isoformat(), "windows": windows, "tuning_windows": tuning, "answer_ms": 1000 * min(seconds),
                "answer_cpu_ms": 1000 * min(cpu), "new_to_you": new_to_you}
        print(json.dumps(line))
        share = f"{100 * line['hard_share']:.1f}% of {chosen}" if chosen else "no track chosen"
        text = f"playlist {name}: {len(listens)} listens, {featured} of {library_all} tracks with features; " \
               f"hard ranges met by {share} (goal >= 90%); answer {line['answer_ms']:.0f} ms wall, " \
               f"{line['answer_cpu_ms']:.0f} ms CPU (goal < 300)"
        for month, rows in (("held-out month", windows), ("tuning month", tuning)):
            for w in rows:
                ratio = w["precision"] / w["random"] if w["random"] else float("inf")
                text += f"\n  {w['time_of_day']:9s} P@25 {w['precision']:.3f} vs random {w['random']:.3f} " \
                        f"({ratio:.1f}x, goal >= 2x), most played {w['most_played']:.3f}; " \
                        f"{w['held_out_tracks']} tracks heard then in the {month}, {w['new_tracks']} of them new"
        n = new_to_you
        text += f"\n  new to you: {n['picked']} distinct catalog tracks picked in {len(TIMES)} half-new playlists, " \
                f"{n['hits']} first played in the held-out month (precision {n['precision']:.4f}; a random unheard " \
                f"catalog track {n['random']:.4f}, one by an artist you play {n['same_artists']:.4f}); " \
                f"{n['catalog_unheard']} unheard catalog tracks, {n['found_later']} of them heard then"
        print(text)
        sys.stdout.flush()


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("prompts", "model", "histories"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    mode, sonic, where = sys.argv[1:]
    if mode == "prompts":
        prompts(sonic, where)
        return
    if mode == "model":
        model(sonic, where)
        return
    roots = sorted(os.path.join(where, "data", "histories", kind, person)
                   for kind in os.listdir(os.path.join(where, "data", "histories"))
                   for person in os.listdir(os.path.join(where, "data", "histories", kind)))
    for source in roots:
        try:
            history(sonic, where, source)
        except RuntimeError as error:
            print(json.dumps({"task": "playlist-history", "data": source, "error": str(error)}))


if __name__ == "__main__":
    main()
