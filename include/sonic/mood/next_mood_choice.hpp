#pragma once
// The shipped next-mood predictor: chosen on the validation slice (the last part of the training
// period, next_mood.hpp's TimeSplit) by log-loss (with the one-standard-error rule) among the learners (the mood net,
// the boosted trees), the transition models (transition_model.hpp) and the simple baselines, or a blend of them; the
// test part is scored once, after the choice, for every candidate alike.
//
// Candidates (their ids, in the file and in mlruns):
//   net, gbdt                       the learners (LearnerProbabilities below)
//   transition                      P(next | current), additive smoothing
//   transition_time_of_day          P(next | current, time-of-day segment), backing off to it
//   same_as_current                 the current cluster with the training rows' stay rate, the
//                                   rest spread evenly (a one-hot would have infinite log-loss)
//   most_frequent                   the training rows' cluster frequencies
//   stay_transition                 a mixture of same_as_current and transition, its one weight by
//                                   EM on the validation slice (cross-fitted as the blend): how
//                                   much more often than the transition row says the listener
//                                   stays in the current mood
//   blend                           a mixture of all of the above but stay_transition, weights
//                                   by EM on the validation slice (its validation log-loss is
//                                   cross-fitted: weights fitted on one half, scored on the other)
// The tables are fitted on the training rows for the choice, on training + validation for the
// test figures, and on every row for the file (what `sonic predict next-mood` uses).
//
// The decision rule (which mood is *predicted*, as opposed to how likely each is): the label is
// argmax_k log p_k - prior_exponent * log prior_k + stay_bonus * [k = current cluster], prior =
// the cluster frequencies of the tables (the training rows' class prior). Log-loss-chosen
// probabilities lean to the frequent clusters, so their argmax rarely names a rare mood and
// macro-F1 suffers. Dividing by the prior to a power in [0, 1] moves labels toward rare moods in
// general; the stay bonus (a factor e^bonus on the current cluster) moves them toward the mood
// playing now, which is what "same as current" does to earn its macro-F1 on sticky listeners (a
// rare mood is mostly followed by itself). Neither touches a probability (log-loss and ROC-AUC
// stay). Both are chosen once, on the validation slice, before the test part is scored: of the
// grid exponent 0, 0.1, …, 1 by bonus 0, 0.1, …, 3, the pair with the highest validation macro-F1
// among those whose validation accuracy is at most kPriorExponentAccuracyTolerance below the
// plain argmax's (ties to the smaller bonus, then the smaller exponent, so (0, 0) unless
// macro-F1 rises).
#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sonic/features/next_mood_dataset.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/mood/transition_model.hpp"
#include "sonic/tracking/model_file.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::mood {

inline constexpr std::string_view kNextMoodChoiceHeadlines[] = {"test_accuracy", "test_log_loss", "test_macro_f1"};
inline constexpr tracking::ModelKind kNextMoodChoice{
    "next-mood-choice",       "next-mood-choice", "next_mood_choice.json", "sonic-next-mood-choice", 3,
    kNextMoodChoiceHeadlines, "sonic retrain"};
// Version 2 added "prior_exponent", version 3 "stay_bonus"; an older file loads with the ones it
// lacks at 0 (version 1: the plain argmax).

// The decision rule's grid and the validation accuracy it may give up (absolute, 0..1).
inline constexpr int kPriorExponentSteps = 10;  // exponents 0, 1/10, …, 10/10
inline constexpr int kStayBonusSteps = 30;      // bonuses 0, 1/10, …, 30/10
inline constexpr double kMaxStayBonus = 3;
inline constexpr double kPriorExponentAccuracyTolerance = 0.01;

struct DecisionRule {
  double prior_exponent = 0;  // 0..1
  double stay_bonus = 0;      // 0..kMaxStayBonus, in log-probability
};

// The decision rule above, in logs; ties go to the lower cluster, a probability of 0 never wins.
// `current` < 0 (unknown) gets no bonus. The rule (0, 0) is the plain argmax.
int decide_next_mood(const Eigen::RowVectorXd& probabilities, const Eigen::RowVectorXd& prior, const DecisionRule& rule,
                     int current);
Eigen::VectorXi decide_next_moods(const Eigen::MatrixXd& probabilities, const Eigen::RowVectorXd& prior,
                                  const DecisionRule& rule, const Eigen::VectorXi& current);

// The decision rule chosen on validation rows (their probabilities, true and current clusters),
// as described above.
DecisionRule choose_decision_rule(const Eigen::MatrixXd& validation, const Eigen::VectorXi& truth,
                                  const Eigen::VectorXi& current, const Eigen::RowVectorXd& prior, int clusters,
                                  double tolerance = kPriorExponentAccuracyTolerance);

// A candidate's probabilities on the validation rows and on the test rows.
struct NextMoodCandidate {
  std::string id;
  bool baseline = false;
  Eigen::MatrixXd validation;
  Eigen::MatrixXd test;
};

struct CandidateOutcome {
  std::string id;
  bool baseline = false;
  double validation_log_loss = 0;
  NextMoodScores test;
};

struct NextMoodSelection {
  std::vector<CandidateOutcome> candidates;  // as given, then "stay_transition" and "blend" when tried
  std::string chosen;
  std::string best_by_log_loss;                 // before the one-standard-error rule
  std::map<std::string, double> blend_weights;  // by candidate id; empty without a blend
  // same_as_current's and transition's; empty unless both were given.
  std::map<std::string, double> stay_transition_weights;
  // The chosen one's weights by candidate id: a mixture's, else a weight of 1 on the chosen one.
  std::map<std::string, double> chosen_weights() const;
  const CandidateOutcome& chosen_outcome() const;
};

// The mixture weights (summing to 1) that maximise the likelihood of `truth` under
// sum_j w_j * probabilities[j], by EM from equal weights.
std::vector<double> fit_mixture_weights(const std::vector<const Eigen::MatrixXd*>& probabilities,
                                        const Eigen::VectorXi& truth, int iterations = 200);

// Chooses by validation log-loss with the one-standard-error rule: among the candidates whose
// mean loss exceeds the best one's by no more than the standard error of their paired per-row
// difference, the simplest (same_as_current, most_frequent, transition, transition_time_of_day,
// stay_transition, blend, gbdt, net); then scores every candidate on the test rows. Tries
// stay_transition when same_as_current and transition are given; `with_blend`: also the mixture
// of all given candidates.
NextMoodSelection select_next_mood(const std::vector<NextMoodCandidate>& candidates,
                                   const Eigen::VectorXi& validation_truth, const Eigen::VectorXi& test_truth,
                                   int clusters, bool with_blend = true);

// The tables and baselines fitted on rows [0, rows) of `data`.
struct NextMoodTables {
  TransitionModel transition;
  TransitionModel transition_time_of_day;
  double stay_rate = 0;
  Eigen::RowVectorXd frequencies;
  // Probabilities of the table candidate `id` for one row (current cluster, segment).
  Eigen::RowVectorXd probabilities(const std::string& id, int current, int segment) const;
  nlohmann::json to_json() const;
  static NextMoodTables from_json(const nlohmann::json& json, int clusters);
};
NextMoodTables fit_next_mood_tables(const features::NextMoodDataset& data, Eigen::Index rows, int clusters);
bool is_table_candidate(const std::string& id);

// What the file holds: the choice, the blend's weights (one weight of 1 for a single candidate)
// and the tables fitted on every row.
struct NextMoodChoice {
  std::string chosen;
  std::map<std::string, double> weights;
  NextMoodTables tables;
  DecisionRule rule;  // against tables.frequencies
  // The predicted cluster for `probabilities` (from probabilities() below) under the decision
  // rule, the current cluster being `current`.
  int decide(const Eigen::RowVectorXd& probabilities, int current) const;
  // The learners among the weights ("net", "gbdt"): their files must be loaded to predict.
  std::vector<std::string> learners_needed() const;
  // `learner_probabilities`: each needed learner's probabilities for this row.
  Eigen::RowVectorXd probabilities(const std::map<std::string, Eigen::RowVectorXd>& learner_probabilities, int current,
                                   int segment) const;
};

struct NextMoodChoiceTraining {
  NextMoodSelection selection;
  NextMoodChoice choice;
  // The chosen one's test figures beside the usual baselines; `evaluation.model` counts the
  // decision rule's labels, `plain_argmax` the likeliest class's (the same probabilities).
  NextMoodEvaluation evaluation;
  NextMoodScores plain_argmax;
};

// A learner's probabilities: on the validation slice from a twin trained on selection_split (so
// the slice it is judged on did not pick its stopping point), on the test rows from the shipped
// model.
struct LearnerProbabilities {
  Eigen::MatrixXd validation;
  Eigen::MatrixXd test;
};

// `learners`: each available learner's probabilities, by id ("net", "gbdt").
NextMoodChoiceTraining choose_next_mood(const features::NextMoodDataset& data, const TimeSplit& split,
                                        const std::map<std::string, LearnerProbabilities>& learners, int clusters);

void save_next_mood_choice(const std::filesystem::path& path, const NextMoodChoice& choice,
                           const tracking::ModelFileInfo& info);
NextMoodChoice load_next_mood_choice(const std::filesystem::path& path, int clusters,
                                     tracking::ModelFileInfo* info = nullptr);

}  // namespace sonic::mood
