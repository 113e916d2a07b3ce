#!/usr/bin/python3
"""Writes the scikit-learn fixtures of tests/ml/ (run with the /usr/bin/python3 that has
scikit-learn 1.2; the outputs are committed, so the tests need no Python):

  silhouette_sklearn.json  60 points in 3-D with hand-made labels (one cluster a singleton),
                           silhouette_score and silhouette_samples on all of them.
  inertia_sklearn.json     400 points in 4-D: five overlapping blobs; for K = 2..8 the inertia
                           of KMeans(k-means++, n_init=3, max_iter=300, tol=1e-4,
                           random_state=42, lloyd) and its exact silhouette_score.

Data are rounded to 6 decimals before scikit-learn sees them, so the JSON holds exactly the
numbers it scored.
"""
import json, os
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_samples, silhouette_score

HERE = os.path.dirname(os.path.abspath(__file__))

def write(name, payload):
    with open(os.path.join(HERE, name), 'w') as f:
        json.dump(payload, f, indent=1)
        f.write('\n')

def silhouette_fixture():
    rng = np.random.default_rng(11)
    centres = np.array([[0, 0, 0], [3, 0, 1], [0, 4, 2], [6, 6, 6]], dtype=float)
    sizes = [25, 20, 14, 1]
    points = np.round(np.vstack([c + rng.normal(0, 1.2, size=(n, 3)) for c, n in zip(centres, sizes)]), 6)
    labels = np.repeat(np.arange(4), sizes)
    # Labels are ids, not 0..k-1: the scorer must not care.
    ids = np.array([7, 2, 9, 4])[labels]
    write('silhouette_sklearn.json', {
        'tool': f'scikit-learn {sklearn.__version__}',
        'points': points.tolist(), 'labels': ids.tolist(),
        'silhouette_score': float(silhouette_score(points, ids)),
        'silhouette_samples': silhouette_samples(points, ids).tolist()})

def inertia_fixture():
    x, _ = make_blobs(n_samples=400, n_features=4, centers=5, cluster_std=1.6, random_state=3)
    x = np.round(x, 6)
    inertia, silhouette = {}, {}
    for k in range(2, 9):
        km = KMeans(n_clusters=k, init='k-means++', n_init=3, max_iter=300, tol=1e-4,
                    random_state=42, algorithm='lloyd').fit(x)
        inertia[k] = float(km.inertia_)
        silhouette[k] = float(silhouette_score(x, km.labels_))
    write('inertia_sklearn.json', {
        'tool': f'scikit-learn {sklearn.__version__}',
        'protocol': "KMeans(init='k-means++', n_init=3, max_iter=300, tol=1e-4, random_state=42, algorithm='lloyd')",
        'points': x.tolist(), 'inertia': inertia, 'silhouette_score': silhouette})

if __name__ == '__main__':
    silhouette_fixture()
    inertia_fixture()
