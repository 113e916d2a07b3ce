#!/usr/bin/python3
"""Writes sklearn_fixture.json: scikit-learn's binary metrics on a few small, fixed cases, for
tests/ml/metrics/binary_metrics_sklearn_test.cpp. Run with /usr/bin/python3 (scikit-learn 1.2)."""
import json

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

rng = np.random.default_rng(7)


def case(labels, probs):
    labels = np.asarray(labels, dtype=int)
    probs = np.asarray(probs, dtype=float)
    observed, predicted = calibration_curve(labels, probs, n_bins=10, strategy="uniform")
    return {
        "labels": labels.tolist(),
        "probabilities": probs.tolist(),
        "roc_auc": roc_auc_score(labels, probs),
        "average_precision": average_precision_score(labels, probs),
        "log_loss": log_loss(labels, probs, labels=[0, 1]),
        "brier": brier_score_loss(labels, probs),
        "calibration_observed": observed.tolist(),
        "calibration_predicted": predicted.tolist(),
    }


# Rare positives whose chance follows the score, as hours that start a session.
scores = rng.random(300) ** 2
labels = (rng.random(300) < scores).astype(int)
# Scores rounded to two decimals: many ties, which every metric must group.
tied = np.round(rng.random(200), 1)
tied_labels = (rng.random(200) < 0.2 + 0.6 * tied).astype(int)
# Probabilities at the extremes (clipped by log-loss) and on bin edges.
edges = np.array([0.0, 0.1, 0.2, 0.5, 0.9, 1.0, 0.3, 0.7, 0.0, 1.0])
edge_labels = np.array([0, 0, 1, 0, 1, 1, 0, 1, 0, 1])

json.dump({"sklearn": sklearn.__version__,
           "cases": {"rare": case(labels, scores), "tied": case(tied_labels, tied),
                     "edges": case(edge_labels, edges)}},
          open("sklearn_fixture.json", "w"), indent=1)
