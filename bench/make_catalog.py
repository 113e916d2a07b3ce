#!/usr/bin/env python3
"""A synthetic track catalog with the columns of the public 1.2M-track set (tracks_features.csv:
id, name, album, album_id, artists, artist_ids, track_number, disc_number, explicit, the eleven
audio features, duration_ms, time_signature, year, release_date) plus a `target` label that the
audio features decide in part, for `bench/run catalog`.

    make_catalog.py OUT.csv [ROWS]     (default 1,204,025 rows, seed 42)
"""
import csv, random, string, sys

ALPHABET = string.ascii_letters + string.digits

def track_id(rng):
    return ''.join(rng.choices(ALPHABET, k=22))

def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1204025
    rng = random.Random(42)
    artists = [f"Artist {i}" for i in range(60000)]
    with open(out, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['id', 'name', 'album', 'album_id', 'artists', 'artist_ids', 'track_number', 'disc_number',
                    'explicit', 'danceability', 'energy', 'key', 'loudness', 'mode', 'speechiness', 'acousticness',
                    'instrumentalness', 'liveness', 'valence', 'tempo', 'duration_ms', 'time_signature', 'year',
                    'release_date', 'target'])
        for i in range(rows):
            year = min(2020, max(1921, int(rng.gauss(2000, 15))))
            era = (year - 1921) / 100
            dance = min(1, max(0, rng.gauss(0.45 + 0.15 * era, 0.17)))
            energy = min(1, max(0, rng.gauss(0.35 + 0.3 * era, 0.25)))
            acoustic = min(1, max(0, rng.gauss(0.7 - 0.5 * era, 0.3)))
            instrumental = min(1, max(0, rng.expovariate(6)))
            loud = min(3, rng.gauss(-16 + 8 * era, 5))
            a = rng.randrange(len(artists))
            score = 2.5 * dance + 1.2 * energy - 3 * instrumental - acoustic + rng.gauss(0, 0.8)
            w.writerow([track_id(rng), f"Song {i}", f"Album {i // 12}", track_id(rng), f"['{artists[a]}']",
                        f"['{track_id(rng)}']", i % 12 + 1, 1, rng.random() < 0.1, f"{dance:.3f}", f"{energy:.3f}",
                        rng.randrange(12), f"{loud:.3f}", rng.randrange(2), f"{rng.expovariate(15):.4f}",
                        f"{acoustic:.4f}", f"{instrumental:.5f}", f"{min(1, rng.expovariate(5)):.3f}",
                        f"{rng.random():.3f}", f"{rng.uniform(60, 200):.3f}", int(rng.gauss(230000, 60000)) % 900000 + 30000,
                        4 if rng.random() < 0.9 else 3, year, f"{year}-{rng.randrange(1, 13):02d}-01",
                        1 if score > 0.9 else 0])

main()
