// Choosing the shipped next-mood predictor: mixture weights by EM against a hand-computed
// optimum, a baseline chosen when the learners are worse, the tables and the file round trip.
#include "sonic/mood/next_mood_choice.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "support/temp_dir.hpp"

#include <fstream>

namespace sonic::mood {
namespace {

constexpr int kUnknown = -1;  // no current cluster: the stay bonus moves nothing

DecisionRule exponent(double prior_exponent) { return {prior_exponent, 0}; }

Eigen::MatrixXd rows_of(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index r = 0;
  for (const auto& row : rows) {
    Eigen::Index c = 0;
    for (double v : row) out(r, c++) = v;
    ++r;
  }
  return out;
}

TEST(NextMoodChoice, MixtureWeightsReachTheLikelihoodOptimum) {
  // A is right on row 0 only, B on row 1 only: the likelihood (w·1)((1−w)·1) peaks at w = 1/2.
  const Eigen::MatrixXd a = rows_of({{1, 0}, {1, 0}});
  const Eigen::MatrixXd b = rows_of({{0, 1}, {0, 1}});
  Eigen::VectorXi truth(2);
  truth << 0, 1;
  const auto weights = fit_mixture_weights({&a, &b}, truth);
  EXPECT_NEAR(weights[0], 0.5, 1e-6);
  EXPECT_NEAR(weights[1], 0.5, 1e-6);
  // A candidate that is never better gets (almost) no weight.
  const Eigen::MatrixXd uniform = rows_of({{0.5, 0.5}, {0.5, 0.5}});
  const Eigen::MatrixXd right = rows_of({{0.9, 0.1}, {0.1, 0.9}});
  const auto skewed = fit_mixture_weights({&uniform, &right}, truth);
  EXPECT_LT(skewed[0], 0.01);
  EXPECT_NEAR(skewed[0] + skewed[1], 1.0, 1e-12);
}

TEST(NextMoodChoice, ABaselineIsChosenWhenTheLearnersAreWorse) {
  Eigen::VectorXi validation_truth(4), test_truth(3);
  validation_truth << 0, 1, 0, 1;
  test_truth << 1, 0, 0;
  // The learner is confidently wrong on the validation slice; the transition table is right.
  const std::vector<NextMoodCandidate> candidates = {
      {"net", false, rows_of({{0.2, 0.8}, {0.8, 0.2}, {0.2, 0.8}, {0.8, 0.2}}),
       rows_of({{0.9, 0.1}, {0.1, 0.9}, {0.5, 0.5}})},
      {"transition", true, rows_of({{0.7, 0.3}, {0.3, 0.7}, {0.7, 0.3}, {0.3, 0.7}}),
       rows_of({{0.3, 0.7}, {0.6, 0.4}, {0.6, 0.4}})},
  };
  for (const bool with_blend : {false, true}) {
    const auto selection = select_next_mood(candidates, validation_truth, test_truth, 2, with_blend);
    EXPECT_EQ(selection.chosen, "transition") << with_blend;
    ASSERT_EQ(selection.candidates.size(), with_blend ? 3u : 2u);
    // Every candidate is scored on the test rows, the chosen one among them.
    EXPECT_NEAR(selection.candidates[0].test.accuracy, 1.0 / 3, 1e-12);  // net: 0, 1, 0 (tie → 0) vs 1, 0, 0
    EXPECT_NEAR(selection.chosen_outcome().test.accuracy, 1.0, 1e-12);
    EXPECT_NEAR(selection.chosen_outcome().validation_log_loss, -std::log(0.7), 1e-12);
    EXPECT_NEAR(selection.candidates[0].validation_log_loss, -std::log(0.2), 1e-12);
  }
}

TEST(NextMoodChoice, ALearnerIsChosenWhenItIsBetter) {
  Eigen::VectorXi validation_truth(2), test_truth(1);
  validation_truth << 0, 1;
  test_truth << 0;
  const std::vector<NextMoodCandidate> candidates = {
      {"net", false, rows_of({{0.9, 0.1}, {0.1, 0.9}}), rows_of({{0.8, 0.2}})},
      {"same_as_current", true, rows_of({{0.6, 0.4}, {0.6, 0.4}}), rows_of({{0.6, 0.4}})},
  };
  EXPECT_EQ(select_next_mood(candidates, validation_truth, test_truth, 2, false).chosen, "net");
  EXPECT_THROW(select_next_mood({}, validation_truth, test_truth, 2), InputError);
}

TEST(NextMoodChoice, WithinTheNoiseOfTheBestTheSimplerCandidateIsShipped) {
  Eigen::VectorXi validation_truth(4), test_truth(1);
  validation_truth << 0, 1, 0, 1;
  test_truth << 0;
  // Per-row losses: net −log .9, −log .45 (mean 0.452); same_as_current −log .6 (0.511). The
  // paired differences 0.406, −0.288, 0.406, −0.288 have mean 0.059 and standard error 0.200:
  // within the noise, so the simpler one is shipped.
  const std::vector<NextMoodCandidate> candidates = {
      {"net", false, rows_of({{0.9, 0.1}, {0.55, 0.45}, {0.9, 0.1}, {0.55, 0.45}}), rows_of({{0.8, 0.2}})},
      {"same_as_current", true, rows_of({{0.6, 0.4}, {0.4, 0.6}, {0.6, 0.4}, {0.4, 0.6}}), rows_of({{0.6, 0.4}})},
  };
  const auto selection = select_next_mood(candidates, validation_truth, test_truth, 2, false);
  EXPECT_EQ(selection.best_by_log_loss, "net");
  EXPECT_EQ(selection.chosen, "same_as_current");
}

// A listener who always stays in the mood of the current track, in sessions of five listens.
features::NextMoodDataset sticky_listener(int rows, int clusters) {
  features::NextMoodDataset data;
  data.features = Eigen::MatrixXf::Zero(rows, 1);
  data.next_cluster.resize(rows);
  data.current_cluster.resize(rows);
  data.segment.resize(rows);
  for (int i = 0; i < rows; ++i) {
    data.current_cluster(i) = data.next_cluster(i) = (i / 5) % clusters;
    data.segment(i) = i % features::kTimeOfDaySegments;
    data.time_ms.push_back(std::int64_t{i} * 60'000);
    data.session_start_ms.push_back(std::int64_t{i / 5} * 5 * 60'000);
  }
  return data;
}

TEST(NextMoodChoice, AStickyListenerGetsSameAsCurrentOverAnUnhelpfulLearner) {
  const int clusters = 3;
  const auto data = sticky_listener(200, clusters);
  const auto split = session_aligned_split(data.session_start_ms);
  const Eigen::Index validation_rows = split.test_begin - split.validation_begin;
  const Eigen::Index test_rows = split.rows - split.test_begin;
  const std::map<std::string, LearnerProbabilities> learners = {
      {"net",
       {Eigen::MatrixXd::Constant(validation_rows, clusters, 1.0 / clusters),
        Eigen::MatrixXd::Constant(test_rows, clusters, 1.0 / clusters)}}};
  const auto training = choose_next_mood(data, split, learners, clusters);
  // Staying has probability (n+1)/(n+2) over all n training rows, above any one cluster's
  // transition row (n_c+1)/(n_c+3), and far above the learner's 1/3.
  EXPECT_EQ(training.selection.chosen, "same_as_current");
  EXPECT_EQ(training.choice.weights, (std::map<std::string, double>{{"same_as_current", 1.0}}));
  EXPECT_NEAR(training.evaluation.model.accuracy, 1.0, 1e-12);
  EXPECT_NEAR(training.evaluation.model.log_loss,
              -std::log(static_cast<double>(split.test_begin + 1) / static_cast<double>(split.test_begin + 2)), 1e-9);
  // The candidates: the learner, the four tables, the blend; every one scored on the test rows.
  std::vector<std::string> ids;
  for (const auto& outcome : training.selection.candidates) ids.push_back(outcome.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"net", "transition", "transition_time_of_day", "same_as_current",
                                           "most_frequent", "stay_transition", "blend"}));
  EXPECT_TRUE(training.choice.learners_needed().empty());
  // Staying is always right, so no rule can raise macro-F1 above 1: the rule stays the argmax.
  EXPECT_EQ(training.choice.rule.prior_exponent, 0);
  EXPECT_EQ(training.choice.rule.stay_bonus, 0);
  EXPECT_EQ(training.plain_argmax.macro_f1, training.evaluation.model.macro_f1);
  // Learner probabilities that do not cover the slices are refused.
  const std::map<std::string, LearnerProbabilities> short_learner = {
      {"net", {Eigen::MatrixXd::Constant(1, clusters, 1.0 / clusters), Eigen::MatrixXd()}}};
  EXPECT_THROW(choose_next_mood(data, split, short_learner, clusters), InputError);
}

// Three clusters, staying rate .8. Row A: current 0, next 0; "same as current" gives it .8, the
// transition row (.2, .5, .3) gives .2. Row B: current 1, next 2; .1 against the transition row
// (.1, .3, .6)'s .6. The mix w * stay + (1 - w) * transition has likelihood
// (.2 + .6 w)(.6 - .5 w) on A and B, greatest where .6(.6 - .5 w) = .5(.2 + .6 w), w = 13/30.
TEST(NextMoodChoice, TheStayTransitionMixWeighsStayingAgainstTheTransitionRow) {
  const Eigen::MatrixXd stay_a = rows_of({{0.8, 0.1, 0.1}});
  const Eigen::MatrixXd stay_b = rows_of({{0.1, 0.8, 0.1}});
  const Eigen::MatrixXd row_a = rows_of({{0.2, 0.5, 0.3}});
  const Eigen::MatrixXd row_b = rows_of({{0.1, 0.3, 0.6}});
  const auto rows = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, int pairs) {
    Eigen::MatrixXd out(2 * pairs, 3);
    for (int i = 0; i < pairs; ++i) {
      out.row(2 * i) = a;
      out.row(2 * i + 1) = b;
    }
    return out;
  };
  const auto truth = [](int pairs) {
    Eigen::VectorXi out(2 * pairs);
    for (int i = 0; i < pairs; ++i) out.segment(2 * i, 2) << 0, 2;
    return out;
  };
  // One pair: each half (one row) fits a weight of 1 or 0 and scores the other row with it, so
  // the cross-fitted loss is (ln 10 + ln 5) / 2, worse than either part (the transition's
  // (ln 5 + ln 1/.6) / 2 = 1.06).
  const std::vector<NextMoodCandidate> one_pair = {
      {"transition", true, rows(row_a, row_b, 1), rows(row_a, row_b, 1)},
      {"same_as_current", true, rows(stay_a, stay_b, 1), rows(stay_a, stay_b, 1)}};
  const auto small = select_next_mood(one_pair, truth(1), truth(1), 3, false);
  ASSERT_EQ(small.candidates.size(), 3u);
  EXPECT_EQ(small.candidates[2].id, "stay_transition");
  EXPECT_NEAR(small.candidates[2].validation_log_loss, (std::log(10.0) + std::log(5.0)) / 2, 1e-6);
  EXPECT_NEAR(small.stay_transition_weights.at("same_as_current"), 13.0 / 30, 1e-4);
  EXPECT_NEAR(small.stay_transition_weights.at("transition"), 17.0 / 30, 1e-4);
  EXPECT_TRUE(small.blend_weights.empty());
  // Twelve pairs: each half fits 13/30 too, so every row is scored at .2 + .6 * 13/30 = .46 (A)
  // or .6 - .5 * 13/30 = .383 (B): loss .868 against the transition's 1.060 and "same as
  // current"'s 1.263, beyond one standard error of both (.134 and .19): the mix is shipped.
  const std::vector<NextMoodCandidate> twelve = {
      {"transition", true, rows(row_a, row_b, 12), rows(row_a, row_b, 1)},
      {"same_as_current", true, rows(stay_a, stay_b, 12), rows(stay_a, stay_b, 1)}};
  const auto selection = select_next_mood(twelve, truth(12), truth(1), 3, false);
  EXPECT_NEAR(selection.candidates[2].validation_log_loss, -(std::log(0.46) + std::log(0.6 - 0.5 * 13.0 / 30)) / 2,
              1e-4);
  EXPECT_EQ(selection.chosen, "stay_transition");
  const auto weights = selection.chosen_weights();
  EXPECT_NEAR(weights.at("same_as_current"), 13.0 / 30, 1e-4);
  EXPECT_NEAR(weights.at("transition") + weights.at("same_as_current"), 1, 1e-12);
  // Its test rows are the same mix: A at .46.
  EXPECT_NEAR(selection.candidates[2].test.log_loss, -(std::log(0.46) + std::log(0.6 - 0.5 * 13.0 / 30)) / 2, 1e-4);
}

TEST(NextMoodChoice, TheSelectionSplitEndsWhereTheValidationSliceBegins) {
  const auto data = sticky_listener(200, 3);
  const auto split = session_aligned_split(data.session_start_ms);
  const auto inner = selection_split(data.session_start_ms, split);
  EXPECT_EQ(inner.rows, split.test_begin);
  EXPECT_EQ(inner.test_begin, split.validation_begin);
  EXPECT_GT(inner.validation_begin, 0);
  EXPECT_LT(inner.validation_begin, inner.test_begin);
  EXPECT_EQ(inner.validation_begin % 5, 0);  // at a session's start
}

TEST(NextMoodChoice, TheFileRoundTripsAndABlendMixesItsParts) {
  const int clusters = 3;
  const auto data = sticky_listener(200, clusters);
  NextMoodChoice choice;
  choice.chosen = "blend";
  choice.weights = {{"net", 0.5}, {"most_frequent", 0.5}};
  choice.tables = fit_next_mood_tables(data, 200, clusters);
  testing::TempDir dir;
  const auto path = dir / "next_mood_choice.json";
  save_next_mood_choice(path, choice, {});
  const auto loaded = load_next_mood_choice(path, clusters);
  EXPECT_EQ(loaded.chosen, "blend");
  EXPECT_EQ(loaded.learners_needed(), std::vector<std::string>{"net"});
  const Eigen::RowVectorXd net = Eigen::RowVectorXd::Unit(clusters, 2);
  const auto mixed = loaded.probabilities({{"net", net}}, 0, 0);
  EXPECT_TRUE(mixed.isApprox(0.5 * net + 0.5 * choice.tables.frequencies));
  EXPECT_THROW(loaded.probabilities({}, 0, 0), InputError);  // the net's answer is missing
  EXPECT_THROW(load_next_mood_choice(path, 4), InputError);  // other clusters
}

TEST(NextMoodChoice, TheDecisionRuleDividesByThePriorToAPower) {
  // p = (.5, .3, .2), prior (.6, .3, .1). Cluster 2 overtakes cluster 0 where .5/.6^a = .2/.1^a,
  // i.e. 6^a = 2.5, a = ln 2.5 / ln 6 = 0.511; cluster 1 never wins (at a = 1: .83, 1, 2).
  const Eigen::RowVectorXd p = (Eigen::RowVectorXd(3) << 0.5, 0.3, 0.2).finished();
  const Eigen::RowVectorXd prior = (Eigen::RowVectorXd(3) << 0.6, 0.3, 0.1).finished();
  EXPECT_EQ(decide_next_mood(p, prior, exponent(0), kUnknown), 0);
  EXPECT_EQ(decide_next_mood(p, prior, exponent(0.5), kUnknown), 0);  // .5/.775 = .645 > .2/.316 = .632
  EXPECT_EQ(decide_next_mood(p, prior, exponent(0.6), kUnknown), 2);  // .5/.736 = .679 < .2/.251 = .796
  EXPECT_EQ(decide_next_mood(p, prior, exponent(1), kUnknown), 2);
  // Ties go to the lower cluster; a probability of 0 never wins, however rare its cluster.
  const Eigen::RowVectorXd even = Eigen::RowVectorXd::Constant(2, 0.5);
  EXPECT_EQ(decide_next_mood(even, even, exponent(1), kUnknown), 0);
  const Eigen::RowVectorXd certain = (Eigen::RowVectorXd(2) << 1, 0).finished();
  EXPECT_EQ(decide_next_mood(certain, (Eigen::RowVectorXd(2) << 0.99, 0.01).finished(), exponent(1), kUnknown), 0);
  const Eigen::VectorXi rows = decide_next_moods(rows_of({{0.5, 0.3, 0.2}, {0.1, 0.6, 0.3}}), prior, exponent(1),
                                                 Eigen::VectorXi::Constant(2, kUnknown));
  EXPECT_EQ(rows, (Eigen::VectorXi(2) << 2, 2).finished());  // row 2: .17, 2, 3
}

TEST(NextMoodChoice, TheStayBonusRaisesTheCurrentCluster) {
  // p = (.5, .3, .2): the current cluster 2 overtakes cluster 0 when ln .2 + b > ln .5, i.e.
  // b > ln 2.5 = 0.916.
  const Eigen::RowVectorXd p = (Eigen::RowVectorXd(3) << 0.5, 0.3, 0.2).finished();
  const Eigen::RowVectorXd even = Eigen::RowVectorXd::Constant(3, 1.0 / 3);
  EXPECT_EQ(decide_next_mood(p, even, {0, 0.9}, 2), 0);
  EXPECT_EQ(decide_next_mood(p, even, {0, 1.0}, 2), 2);
  // The bonus goes to the current cluster only: with cluster 0 current nothing moves.
  EXPECT_EQ(decide_next_mood(p, even, {0, 3}, 0), 0);
  // With the prior (.6, .3, .1) and exponent .5, the scores are ln .5 - .5 ln .6 = -.438,
  // .5 ln .3 = -.602 and ln .2 - .5 ln .1 = -.458: a bonus of .1 turns cluster 2 (-.358) but not
  // cluster 1 (-.502).
  const Eigen::RowVectorXd prior = (Eigen::RowVectorXd(3) << 0.6, 0.3, 0.1).finished();
  EXPECT_EQ(decide_next_mood(p, prior, {0.5, 0}, 2), 0);
  EXPECT_EQ(decide_next_mood(p, prior, {0.5, 0.1}, 2), 2);
  EXPECT_EQ(decide_next_mood(p, prior, {0.5, 0.1}, 1), 0);
  // A probability of 0 stays out, whatever the bonus.
  EXPECT_EQ(decide_next_mood((Eigen::RowVectorXd(2) << 1, 0).finished(), prior.head(2), {0, 3}, 1), 0);
  const Eigen::VectorXi rows = decide_next_moods(rows_of({{0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}}), even, {0, 1},
                                                 (Eigen::VectorXi(2) << 2, 1).finished());
  EXPECT_EQ(rows, (Eigen::VectorXi(2) << 2, 1).finished());  // row 2: ln .3 + 1 > ln .5
}

// Under the prior (.8, .2) a row with p = (.7, .3) leads cluster 0 by ln(7/3) = .847 in logs; the
// exponent a takes a ln 4 = 1.386 a off that lead and the bonus b adds b to the current one's.
// Rows 1-2 (current 1, truth 1) need a ln 4 + b > .847; rows 3-4, the same p with current 0 and
// truth 0, stay at 0 while .847 - 1.386 a + b > 0; rows 5-6 (p = (.9, .1), current 0, truth 0)
// never move. The exponent alone cannot part rows 1-2 from 3-4 (a = .7 turns all four: macro-F1
// 2/3); with b = .1, a = .6 gives .847 - .832 - .1 < 0 on rows 1-2 and .847 - .832 + .1 > 0 on
// rows 3-4 (a = .5: .847 - .693 - .1 > 0, rows 1-2 stay): every row right, macro-F1 1.
TEST(NextMoodChoice, TheStayBonusIsChosenWithTheExponentOnValidationMacroF1) {
  const Eigen::RowVectorXd prior = (Eigen::RowVectorXd(2) << 0.8, 0.2).finished();
  const Eigen::MatrixXd validation = rows_of({{0.7, 0.3}, {0.7, 0.3}, {0.7, 0.3}, {0.7, 0.3}, {0.9, 0.1}, {0.9, 0.1}});
  Eigen::VectorXi current(6), truth(6);
  current << 1, 1, 0, 0, 0, 0;
  truth << 1, 1, 0, 0, 0, 0;
  const auto rule = choose_decision_rule(validation, truth, current, prior, 2);
  EXPECT_DOUBLE_EQ(rule.stay_bonus, 0.1);
  EXPECT_DOUBLE_EQ(rule.prior_exponent, 0.6);
  // Under an even prior only the bonus moves labels: the first to turn rows 1-2 is .9 (> .847).
  const auto without_prior = choose_decision_rule(validation, truth, current, Eigen::RowVectorXd::Constant(2, 0.5), 2);
  EXPECT_DOUBLE_EQ(without_prior.stay_bonus, 0.9);
  EXPECT_EQ(without_prior.prior_exponent, 0);
}

// Two clusters, an even prior (the exponent moves nothing); p = (.6, .4) on every row, so a bonus
// above ln 1.5 = .405 names the current cluster. Row 1: current 1, truth 1; rows 2-3: current 1,
// truth 0; row 4: current 0, truth 0. The plain argmax: accuracy 3/4, macro-F1 (6/7 + 0)/2 = .429;
// from b = .5: accuracy 2/4, macro-F1 (.5 + .5)/2 = .5.
TEST(NextMoodChoice, TheStayBonusMayNotCostMoreAccuracyThanTheTolerance) {
  const Eigen::RowVectorXd even = Eigen::RowVectorXd::Constant(2, 0.5);
  const Eigen::MatrixXd validation = rows_of({{0.6, 0.4}, {0.6, 0.4}, {0.6, 0.4}, {0.6, 0.4}});
  Eigen::VectorXi current(4), truth(4);
  current << 1, 1, 1, 0;
  truth << 1, 0, 0, 0;
  const auto strict = choose_decision_rule(validation, truth, current, even, 2);
  EXPECT_EQ(strict.stay_bonus, 0);
  EXPECT_EQ(strict.prior_exponent, 0);
  const auto loose = choose_decision_rule(validation, truth, current, even, 2, 0.3);
  EXPECT_DOUBLE_EQ(loose.stay_bonus, 0.5);
  EXPECT_EQ(loose.prior_exponent, 0);
}

// Validation rows under the prior (.8, .2): a row with p = (.6, .4) turns to cluster 1 from
// a = ln 1.5 / ln 4 = 0.29, (.55, .45) from 0.14, (.7, .3) from 0.61, (.9, .1) never (1.58).
TEST(NextMoodChoice, ThePriorExponentRaisesValidationMacroF1) {
  const Eigen::RowVectorXd prior = (Eigen::RowVectorXd(2) << 0.8, 0.2).finished();
  const Eigen::MatrixXd validation = rows_of({{0.6, 0.4}, {0.7, 0.3}, {0.9, 0.1}, {0.9, 0.1}, {0.55, 0.45}});
  Eigen::VectorXi truth(5);
  truth << 1, 0, 0, 0, 1;
  // a = 0: all 0, accuracy .6, macro-F1 (.75 + 0)/2; a = .2: row 5 right, macro-F1 (6/7 + 2/3)/2;
  // a = .3 to .6: every row right, macro-F1 1 (a = .7 turns row 2 wrong). The first of the best.
  // No current cluster known, so the bonus moves nothing.
  const Eigen::VectorXi unknown = Eigen::VectorXi::Constant(5, kUnknown);
  EXPECT_DOUBLE_EQ(choose_decision_rule(validation, truth, unknown, prior, 2).prior_exponent, 0.3);
  EXPECT_EQ(choose_decision_rule(validation, truth, unknown, prior, 2).stay_bonus, 0);
  // The plain argmax is kept when no exponent raises macro-F1.
  Eigen::VectorXi zeros = Eigen::VectorXi::Zero(5);
  EXPECT_EQ(choose_decision_rule(validation, zeros, unknown, prior, 2).prior_exponent, 0);
}

TEST(NextMoodChoice, ThePriorExponentMayNotCostMoreAccuracyThanTheTolerance) {
  const Eigen::RowVectorXd prior = (Eigen::RowVectorXd(2) << 0.8, 0.2).finished();
  const Eigen::MatrixXd validation = rows_of({{0.6, 0.4}, {0.6, 0.4}, {0.6, 0.4}, {0.9, 0.1}, {0.9, 0.1}, {0.9, 0.1}});
  Eigen::VectorXi truth(6);
  truth << 1, 0, 0, 0, 0, 0;
  // From a = .3 the first three rows turn to cluster 1: macro-F1 rises from (10/11 + 0)/2 = .455
  // to (.75 + .5)/2 = .625, but accuracy falls from 5/6 to 4/6, by .167.
  const Eigen::VectorXi unknown = Eigen::VectorXi::Constant(6, kUnknown);
  EXPECT_EQ(choose_decision_rule(validation, truth, unknown, prior, 2).prior_exponent, 0);
  EXPECT_DOUBLE_EQ(choose_decision_rule(validation, truth, unknown, prior, 2, 0.2).prior_exponent, 0.3);
}

TEST(NextMoodChoice, TheFileKeepsTheRuleAndOlderFilesLoadWithoutWhatTheyLack) {
  const int clusters = 3;
  const auto data = sticky_listener(200, clusters);
  NextMoodChoice choice;
  choice.chosen = "most_frequent";
  choice.weights = {{"most_frequent", 1.0}};
  choice.tables = fit_next_mood_tables(data, 200, clusters);
  choice.rule = {0.7, 2.5};
  testing::TempDir dir;
  const auto path = dir / "next_mood_choice.json";
  save_next_mood_choice(path, choice, {});
  const auto loaded = load_next_mood_choice(path, clusters);
  EXPECT_EQ(loaded.rule.prior_exponent, 0.7);
  EXPECT_EQ(loaded.rule.stay_bonus, 2.5);
  const Eigen::RowVectorXd p = (Eigen::RowVectorXd(3) << 0.4, 0.35, 0.25).finished();
  for (int current = 0; current < clusters; ++current) {
    EXPECT_EQ(loaded.decide(p, current), decide_next_mood(p, choice.tables.frequencies, {0.7, 2.5}, current));
  }
  const Eigen::RowVectorXd leaning = (Eigen::RowVectorXd(3) << 0.2, 0.5, 0.3).finished();
  // e^2.5 = 12 times .3 outweighs .5 unless cluster 2 were 17 times as frequent as cluster 1
  // (ln(12 * .3 / .5) = 1.99 = .7 ln 17); the sticky listener's clusters are about even.
  EXPECT_EQ(loaded.decide(leaning, 2), 2);

  // The file as version 2 wrote it: no bonus.
  auto document = nlohmann::json::parse(std::ifstream(path));
  ASSERT_EQ(document.at("version"), 3);
  document["version"] = 2;
  document["model"].erase("stay_bonus");
  std::ofstream(path) << document.dump();
  const auto two = load_next_mood_choice(path, clusters);
  EXPECT_EQ(two.rule.prior_exponent, 0.7);
  EXPECT_EQ(two.rule.stay_bonus, 0);
  // As version 1 wrote it: no exponent either, so the plain argmax.
  document["version"] = 1;
  document["model"].erase("prior_exponent");
  std::ofstream(path) << document.dump();
  const auto old = load_next_mood_choice(path, clusters);
  EXPECT_EQ(old.rule.prior_exponent, 0);
  EXPECT_EQ(old.decide(leaning, 2), 1);
  // Version 2 must give the exponent, within 0..1; version 3 the bonus too, within 0..3.
  document["version"] = 2;
  std::ofstream(path) << document.dump();
  EXPECT_THROW(load_next_mood_choice(path, clusters), InputError);
  document["model"]["prior_exponent"] = 1.5;
  std::ofstream(path) << document.dump();
  EXPECT_THROW(load_next_mood_choice(path, clusters), InputError);
  document["model"]["prior_exponent"] = 0.5;
  document["version"] = 3;
  std::ofstream(path) << document.dump();
  EXPECT_THROW(load_next_mood_choice(path, clusters), InputError);
  document["model"]["stay_bonus"] = -0.1;
  std::ofstream(path) << document.dump();
  EXPECT_THROW(load_next_mood_choice(path, clusters), InputError);
  document["model"]["stay_bonus"] = 0.4;
  std::ofstream(path) << document.dump();
  EXPECT_EQ(load_next_mood_choice(path, clusters).rule.stay_bonus, 0.4);
}

}  // namespace
}  // namespace sonic::mood
