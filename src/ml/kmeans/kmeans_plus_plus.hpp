#pragma once
// Greedy k-means++ seeding, as scikit-learn does it: the first centroid is a uniformly drawn
// sample; each next one is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional
// to their squared distance from the nearest centroid so far, "best" meaning the one that
// leaves the smallest potential (sum of those squared distances). Plain k-means++ draws one
// candidate; trying a few and keeping the best gives markedly better starts for little cost.
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/kmeans/row_distances.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml::detail {

struct Seeding {
  RowMatrix seeds;              // k × features, copies of sample rows
  std::vector<int> nearest;     // per sample, its nearest seed (the lowest index on ties)
  std::vector<double> squared;  // and the squared distance to it
};

// `samples` has at least `k` rows.
Seeding greedy_kmeans_plus_plus(const RowMatrix& samples, int k, SeededRandom& random, ThreadPool& pool);

}  // namespace sonic::ml::detail
