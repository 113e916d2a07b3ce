#include "sonic/mood/next_mood_choice.hpp"

#include "sonic/core/error.hpp"
#include "sonic/ml/metrics/classification_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace sonic::mood {
namespace {

constexpr const char* kTableCandidates[] = {"transition", "transition_time_of_day", "same_as_current", "most_frequent"};

Eigen::MatrixXd mixture(const std::vector<const Eigen::MatrixXd*>& probabilities, const std::vector<double>& weights) {
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(probabilities.front()->rows(), probabilities.front()->cols());
  for (std::size_t j = 0; j < probabilities.size(); ++j) out += weights[j] * *probabilities[j];
  return out;
}

std::vector<Eigen::MatrixXd> rows_of(const std::vector<const Eigen::MatrixXd*>& probabilities, Eigen::Index begin,
                                     Eigen::Index count) {
  std::vector<Eigen::MatrixXd> out;
  for (const auto* matrix : probabilities) out.emplace_back(matrix->middleRows(begin, count));
  return out;
}

std::vector<const Eigen::MatrixXd*> pointers(const std::vector<Eigen::MatrixXd>& matrices) {
  std::vector<const Eigen::MatrixXd*> out;
  for (const auto& matrix : matrices) out.push_back(&matrix);
  return out;
}

// -log p(truth) per row, clipped as multiclass_log_loss.
Eigen::VectorXd row_losses(const Eigen::VectorXi& truth, const Eigen::MatrixXd& probabilities) {
  Eigen::VectorXd losses(truth.size());
  for (Eigen::Index i = 0; i < truth.size(); ++i) losses(i) = -std::log(std::max(probabilities(i, truth(i)), 1e-15));
  return losses;
}

// The blend's validation losses without fitting and scoring on the same rows: weights from the
// first half score the second, and the other way round.
Eigen::VectorXd cross_fitted_losses(const std::vector<const Eigen::MatrixXd*>& validation,
                                    const Eigen::VectorXi& truth) {
  const Eigen::Index rows = truth.size();
  const Eigen::Index half = rows / 2;
  if (half < 1) return Eigen::VectorXd::Constant(rows, std::numeric_limits<double>::infinity());
  Eigen::VectorXd losses(rows);
  for (const auto [fit_begin, fit_count, score_begin, score_count] :
       {std::array<Eigen::Index, 4>{0, half, half, rows - half},
        std::array<Eigen::Index, 4>{half, rows - half, 0, half}}) {
    const auto fit = rows_of(validation, fit_begin, fit_count);
    const auto weights = fit_mixture_weights(pointers(fit), truth.segment(fit_begin, fit_count));
    const auto scored = rows_of(validation, score_begin, score_count);
    losses.segment(score_begin, score_count) =
        row_losses(truth.segment(score_begin, score_count), mixture(pointers(scored), weights));
  }
  return losses;
}

// Fewer fitted numbers first: the order in which candidates within the noise of the best are
// preferred. Unknown ids come last.
int simplicity_rank(const std::string& id) {
  static const char* const kOrder[] = {"same_as_current", "most_frequent", "transition", "transition_time_of_day",
                                       "stay_transition", "blend",         "gbdt",       "net"};
  const auto found = std::find(std::begin(kOrder), std::end(kOrder), id);
  return static_cast<int>(found - std::begin(kOrder));
}

// The standard error of the mean of `difference` (0 for fewer than two rows).
double standard_error(const Eigen::VectorXd& difference) {
  const auto n = static_cast<double>(difference.size());
  if (n < 2) return 0;
  const double variance = (difference.array() - difference.mean()).square().sum() / (n - 1);
  return std::sqrt(variance / n);
}

Eigen::MatrixXd table_rows(const NextMoodTables& tables, const std::string& id, const features::NextMoodDataset& data,
                           Eigen::Index begin, Eigen::Index count, int clusters) {
  Eigen::MatrixXd out(count, clusters);
  for (Eigen::Index i = 0; i < count; ++i) {
    out.row(i) = tables.probabilities(id, data.current_cluster(begin + i), data.segment(begin + i));
  }
  return out;
}

// The chosen candidate's (or blend's) probabilities: the weighted sum of its parts' `part`.
Eigen::MatrixXd chosen_rows(const std::vector<NextMoodCandidate>& candidates,
                            const std::map<std::string, double>& weights, Eigen::MatrixXd NextMoodCandidate::*part) {
  Eigen::MatrixXd out;
  for (const auto& [id, weight] : weights) {
    // A named capture, not `id` itself: clang 14 (the fuzz preset) cannot capture a structured binding.
    const auto candidate =
        std::find_if(candidates.begin(), candidates.end(), [&wanted = id](const auto& c) { return c.id == wanted; });
    const Eigen::MatrixXd& rows = (*candidate).*part;
    if (out.size() == 0) out = Eigen::MatrixXd::Zero(rows.rows(), rows.cols());
    out += weight * rows;
  }
  return out;
}

}  // namespace

int decide_next_mood(const Eigen::RowVectorXd& probabilities, const Eigen::RowVectorXd& prior, const DecisionRule& rule,
                     int current) {
  int best = 0;
  double best_score = -std::numeric_limits<double>::infinity();
  for (Eigen::Index k = 0; k < probabilities.size(); ++k) {
    // A probability of 0 is never picked over a positive one, whatever its prior or bonus.
    const double score = probabilities(k) > 0 ? std::log(probabilities(k)) - rule.prior_exponent * std::log(prior(k)) +
                                                    (k == current ? rule.stay_bonus : 0.0)
                                              : -std::numeric_limits<double>::infinity();
    if (score > best_score) {
      best_score = score;
      best = static_cast<int>(k);
    }
  }
  return best;
}

Eigen::VectorXi decide_next_moods(const Eigen::MatrixXd& probabilities, const Eigen::RowVectorXd& prior,
                                  const DecisionRule& rule, const Eigen::VectorXi& current) {
  Eigen::VectorXi out(probabilities.rows());
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i)
    out(i) = decide_next_mood(probabilities.row(i), prior, rule, current(i));
  return out;
}

DecisionRule choose_decision_rule(const Eigen::MatrixXd& validation, const Eigen::VectorXi& truth,
                                  const Eigen::VectorXi& current, const Eigen::RowVectorXd& prior, int clusters,
                                  double tolerance) {
  DecisionRule chosen;
  if (truth.size() == 0) return chosen;
  const auto scores_of = [&](const DecisionRule& rule) {
    return ml::classification_metrics(truth, decide_next_moods(validation, prior, rule, current), clusters);
  };
  const auto plain = scores_of(chosen);
  double best_macro_f1 = plain.macro_f1;
  for (int bonus = 0; bonus <= kStayBonusSteps; ++bonus) {
    for (int exponent = 0; exponent <= kPriorExponentSteps; ++exponent) {
      const DecisionRule rule{static_cast<double>(exponent) / kPriorExponentSteps,
                              kMaxStayBonus * bonus / kStayBonusSteps};
      const auto scores = scores_of(rule);
      // Strictly higher: among equal macro-F1s the smaller bonus, then the smaller exponent (the
      // fewer labels moved) stays.
      if (scores.accuracy >= plain.accuracy - tolerance - 1e-12 && scores.macro_f1 > best_macro_f1 + 1e-12) {
        best_macro_f1 = scores.macro_f1;
        chosen = rule;
      }
    }
  }
  return chosen;
}

const CandidateOutcome& NextMoodSelection::chosen_outcome() const {
  return *std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) { return c.id == chosen; });
}

std::map<std::string, double> NextMoodSelection::chosen_weights() const {
  if (chosen == "blend") return blend_weights;
  if (chosen == "stay_transition") return stay_transition_weights;
  return {{chosen, 1.0}};
}

std::vector<double> fit_mixture_weights(const std::vector<const Eigen::MatrixXd*>& probabilities,
                                        const Eigen::VectorXi& truth, int iterations) {
  const auto count = probabilities.size();
  std::vector<double> weights(count, 1.0 / static_cast<double>(count));
  if (truth.size() == 0) return weights;
  // likelihood(i, j): candidate j's probability of row i's truth.
  Eigen::MatrixXd likelihood(truth.size(), static_cast<Eigen::Index>(count));
  for (std::size_t j = 0; j < count; ++j) {
    for (Eigen::Index i = 0; i < truth.size(); ++i) {
      likelihood(i, static_cast<Eigen::Index>(j)) = std::max((*probabilities[j])(i, truth(i)), 1e-15);
    }
  }
  Eigen::Map<Eigen::VectorXd> w(weights.data(), static_cast<Eigen::Index>(count));
  for (int step = 0; step < iterations; ++step) {
    const Eigen::VectorXd mixed = likelihood * w;
    // The posterior share of each candidate, averaged over rows, is the new weight.
    const Eigen::VectorXd next =
        (likelihood.array().colwise() / mixed.array()).colwise().mean().transpose() * w.array();
    const double change = (next - w).cwiseAbs().maxCoeff();
    w = next / next.sum();
    if (change < 1e-9) break;
  }
  return weights;
}

NextMoodSelection select_next_mood(const std::vector<NextMoodCandidate>& candidates,
                                   const Eigen::VectorXi& validation_truth, const Eigen::VectorXi& test_truth,
                                   int clusters, bool with_blend) {
  if (candidates.empty()) throw InputError("no next-mood candidates to choose from");
  NextMoodSelection selection;
  std::vector<Eigen::VectorXd> losses;
  for (const auto& candidate : candidates) {
    losses.push_back(row_losses(validation_truth, candidate.validation));
    selection.candidates.push_back({candidate.id, candidate.baseline, losses.back().mean(),
                                    next_mood_scores(test_truth, candidate.test, clusters)});
  }
  // A mixture of `parts`: weights fitted on the whole validation slice, its validation losses
  // cross-fitted, scored on the test rows; returns its weights by candidate id.
  const auto add_mixture = [&](const std::string& id, const std::vector<const NextMoodCandidate*>& parts) {
    std::vector<const Eigen::MatrixXd*> validation, test;
    for (const auto* part : parts) {
      validation.push_back(&part->validation);
      test.push_back(&part->test);
    }
    const auto weights = fit_mixture_weights(validation, validation_truth);
    losses.push_back(cross_fitted_losses(validation, validation_truth));
    selection.candidates.push_back(
        {id, false, losses.back().mean(), next_mood_scores(test_truth, mixture(test, weights), clusters)});
    std::map<std::string, double> by_id;
    for (std::size_t j = 0; j < parts.size(); ++j) by_id[parts[j]->id] = weights[j];
    return by_id;
  };
  const auto named = [&](const char* id) -> const NextMoodCandidate* {
    const auto found = std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) { return c.id == id; });
    return found == candidates.end() ? nullptr : &*found;
  };
  if (named("same_as_current") && named("transition")) {
    selection.stay_transition_weights = add_mixture("stay_transition", {named("same_as_current"), named("transition")});
  }
  if (with_blend && candidates.size() > 1) {
    std::vector<const NextMoodCandidate*> all;
    for (const auto& candidate : candidates) all.push_back(&candidate);
    selection.blend_weights = add_mixture("blend", all);
  }
  // The lowest validation log-loss, then the one-standard-error rule: a few dozen validation
  // rows cannot tell candidates apart whose mean losses differ by less than the standard error
  // of their paired difference, so among those the simplest is shipped.
  std::size_t best = 0;
  for (std::size_t j = 1; j < losses.size(); ++j) {
    if (losses[j].mean() < losses[best].mean()) best = j;
  }
  selection.best_by_log_loss = selection.candidates[best].id;
  std::size_t chosen = best;
  for (std::size_t j = 0; j < losses.size(); ++j) {
    const Eigen::VectorXd difference = losses[j] - losses[best];
    if (!std::isfinite(difference.mean()) || difference.mean() > standard_error(difference)) continue;
    if (simplicity_rank(selection.candidates[j].id) < simplicity_rank(selection.candidates[chosen].id)) chosen = j;
  }
  selection.chosen = selection.candidates[chosen].id;
  return selection;
}

bool is_table_candidate(const std::string& id) {
  return std::find(std::begin(kTableCandidates), std::end(kTableCandidates), id) != std::end(kTableCandidates);
}

Eigen::RowVectorXd NextMoodTables::probabilities(const std::string& id, int current, int segment) const {
  const auto clusters = frequencies.size();
  if (id == "transition") return transition.probabilities(current, segment);
  if (id == "transition_time_of_day") return transition_time_of_day.probabilities(current, segment);
  if (id == "most_frequent") return frequencies;
  if (id == "same_as_current") {
    Eigen::RowVectorXd out =
        Eigen::RowVectorXd::Constant(clusters, clusters > 1 ? (1 - stay_rate) / static_cast<double>(clusters - 1) : 0);
    out(current) = clusters > 1 ? stay_rate : 1;
    return out;
  }
  throw InputError("no next-mood table named '" + id + "'");
}

NextMoodTables fit_next_mood_tables(const features::NextMoodDataset& data, Eigen::Index rows, int clusters) {
  NextMoodTables tables;
  const auto& current = data.current_cluster;
  const auto& next = data.next_cluster;
  tables.transition =
      TransitionModel::fit(current, data.segment, next, rows, clusters, features::kTimeOfDaySegments, {});
  tables.transition_time_of_day = TransitionModel::fit(current, data.segment, next, rows, clusters,
                                                       features::kTimeOfDaySegments, {.by_segment = true});
  // Additive smoothing here too, so neither baseline is ever certain.
  double stays = 0;
  Eigen::RowVectorXd counts = Eigen::RowVectorXd::Ones(clusters);
  for (Eigen::Index i = 0; i < rows; ++i) {
    stays += current(i) == next(i) ? 1 : 0;
    counts(next(i)) += 1;
  }
  tables.stay_rate = (stays + 1) / (static_cast<double>(rows) + 2);
  tables.frequencies = counts / counts.sum();
  return tables;
}

nlohmann::json NextMoodTables::to_json() const {
  std::vector<double> frequency_list(frequencies.data(), frequencies.data() + frequencies.size());
  return {{"transition", transition.to_json()},
          {"transition_time_of_day", transition_time_of_day.to_json()},
          {"stay_rate", stay_rate},
          {"frequencies", frequency_list}};
}

NextMoodTables NextMoodTables::from_json(const nlohmann::json& json, int clusters) {
  try {
    NextMoodTables tables;
    tables.transition = TransitionModel::from_json(json.at("transition"), clusters);
    tables.transition_time_of_day = TransitionModel::from_json(json.at("transition_time_of_day"), clusters);
    tables.stay_rate = json.at("stay_rate").get<double>();
    const auto frequencies = json.at("frequencies").get<std::vector<double>>();
    if (static_cast<int>(frequencies.size()) != clusters || tables.stay_rate < 0 || tables.stay_rate > 1) {
      throw InputError("next-mood tables: 'frequencies' should have one value per cluster and 'stay_rate' lie in 0..1");
    }
    tables.frequencies = Eigen::Map<const Eigen::RowVectorXd>(frequencies.data(), clusters);
    return tables;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("next-mood tables: ") + error.what());
  }
}

std::vector<std::string> NextMoodChoice::learners_needed() const {
  std::vector<std::string> needed;
  for (const auto& [id, weight] : weights) {
    if (!is_table_candidate(id) && weight > 0) needed.push_back(id);
  }
  return needed;
}

int NextMoodChoice::decide(const Eigen::RowVectorXd& probabilities, int current) const {
  return decide_next_mood(probabilities, tables.frequencies, rule, current);
}

Eigen::RowVectorXd NextMoodChoice::probabilities(const std::map<std::string, Eigen::RowVectorXd>& learner_probabilities,
                                                 int current, int segment) const {
  Eigen::RowVectorXd out = Eigen::RowVectorXd::Zero(tables.frequencies.size());
  for (const auto& [id, weight] : weights) {
    if (weight <= 0) continue;
    if (is_table_candidate(id)) {
      out += weight * tables.probabilities(id, current, segment);
    } else {
      const auto found = learner_probabilities.find(id);
      if (found == learner_probabilities.end()) throw InputError("the next-mood choice needs the " + id + " model");
      out += weight * found->second;
    }
  }
  return out;
}

NextMoodChoiceTraining choose_next_mood(const features::NextMoodDataset& data, const TimeSplit& split,
                                        const std::map<std::string, LearnerProbabilities>& learners, int clusters) {
  const Eigen::Index validation_rows = split.test_begin - split.validation_begin;
  const Eigen::Index test_rows = split.rows - split.test_begin;
  const auto for_choice = fit_next_mood_tables(data, split.validation_begin, clusters);
  const auto for_test = fit_next_mood_tables(data, split.test_begin, clusters);
  std::vector<NextMoodCandidate> candidates;
  for (const char* id : {"net", "gbdt"}) {
    const auto found = learners.find(id);
    if (found == learners.end()) continue;
    if (found->second.validation.rows() != validation_rows || found->second.test.rows() != test_rows) {
      throw InputError(std::string("the ") + id + " learner's probabilities do not cover the validation and test rows");
    }
    candidates.push_back({id, false, found->second.validation, found->second.test});
  }
  for (const char* id : kTableCandidates) {
    const bool baseline = std::string(id) != "transition_time_of_day";
    candidates.push_back({id, baseline,
                          table_rows(for_choice, id, data, split.validation_begin, validation_rows, clusters),
                          table_rows(for_test, id, data, split.test_begin, test_rows, clusters)});
  }
  NextMoodChoiceTraining result;
  result.selection = select_next_mood(candidates, data.next_cluster.segment(split.validation_begin, validation_rows),
                                      data.next_cluster.tail(test_rows), clusters);
  result.choice.chosen = result.selection.chosen;
  result.choice.weights = result.selection.chosen_weights();
  result.choice.tables = fit_next_mood_tables(data, split.rows, clusters);
  // The decision rule, fixed on the validation slice against the training rows' prior before the
  // test part is scored (with the prior of the rows before it, as its tables are).
  result.choice.rule = choose_decision_rule(
      chosen_rows(candidates, result.choice.weights, &NextMoodCandidate::validation),
      data.next_cluster.segment(split.validation_begin, validation_rows),
      data.current_cluster.segment(split.validation_begin, validation_rows), for_choice.frequencies, clusters);

  // The chosen one's test probabilities, for the evaluation every next-mood model reports.
  const Eigen::MatrixXd chosen = chosen_rows(candidates, result.choice.weights, &NextMoodCandidate::test);
  result.evaluation = evaluate_next_mood(data, split, chosen, clusters);
  result.plain_argmax = result.evaluation.model;
  result.evaluation.model = next_mood_scores(
      data.next_cluster.tail(test_rows), chosen,
      decide_next_moods(chosen, for_test.frequencies, result.choice.rule, data.current_cluster.tail(test_rows)),
      clusters);
  return result;
}

void save_next_mood_choice(const std::filesystem::path& path, const NextMoodChoice& choice,
                           const tracking::ModelFileInfo& info) {
  auto envelope = info;
  envelope.format = kNextMoodChoice.format;
  envelope.version = kNextMoodChoice.version;
  envelope.feature_names = {"current_cluster", "time_of_day_segment"};
  tracking::save_model_file(path, envelope,
                            {{"chosen", choice.chosen},
                             {"weights", choice.weights},
                             {"tables", choice.tables.to_json()},
                             {"prior_exponent", choice.rule.prior_exponent},
                             {"stay_bonus", choice.rule.stay_bonus}});
}

NextMoodChoice load_next_mood_choice(const std::filesystem::path& path, int clusters, tracking::ModelFileInfo* info) {
  const auto file =
      tracking::load_model_file(path, kNextMoodChoice.format, kNextMoodChoice.version, kNextMoodChoice.how_to_make());
  return tracking::reading_model_file(path, [&] {
    try {
      NextMoodChoice choice;
      choice.chosen = file.model().at("chosen").get<std::string>();
      choice.weights = file.model().at("weights").get<std::map<std::string, double>>();
      choice.tables = NextMoodTables::from_json(file.model().at("tables"), clusters);
      // Version 1 had no decision rule (the plain argmax), version 2 no stay bonus.
      const auto read_rule_part = [&](const std::string& key, double most, const std::string& range) {
        const double value = file.model().at(key).get<double>();
        if (!std::isfinite(value) || value < 0 || value > most) {
          throw InputError("next-mood choice: '" + key + "' should lie in " + range);
        }
        return value;
      };
      if (file.info.version >= 2) choice.rule.prior_exponent = read_rule_part("prior_exponent", 1, "0..1");
      if (file.info.version >= 3) choice.rule.stay_bonus = read_rule_part("stay_bonus", kMaxStayBonus, "0..3");
      for (const auto& [id, weight] : choice.weights) {
        if (!is_table_candidate(id) && id != "net" && id != "gbdt") {
          throw InputError("the next-mood choice names an unknown candidate '" + id + "'");
        }
      }
      if (info) *info = file.info;
      return choice;
    } catch (const nlohmann::json::exception& error) {
      throw InputError(std::string("next-mood choice: ") + error.what());
    }
  });
}

}  // namespace sonic::mood
