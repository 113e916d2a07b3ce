// The hit model of the catalog lab on an imported catalog: for each split (random, temporal)
// writes the split's train and test rows as CSV (inputs, then `label`) for the reference tools
// to fit on exactly the same rows, and prints one JSON line per split with sonic's boosted-tree
// ROC-AUC, its logistic regression's, and the boosted trees' fit time.
//
//   catalog_bench STORE.db CATALOG LABEL OUT_DIR
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "sonic/catalog/hit_model.hpp"
#include "sonic/ml/gbdt/trainer.hpp"
#include "sonic/store/catalog_store.hpp"
#include "sonic/store/schema.hpp"

namespace {

using namespace sonic;

void write_rows(const std::string& path, const catalog::HitData& data, const std::vector<std::size_t>& rows) {
  std::ofstream out(path);
  for (const std::string& name : data.input_names) out << name << ',';
  out << "label\n";
  char text[40];
  for (const std::size_t row : rows) {
    for (Eigen::Index c = 0; c < data.inputs.cols(); ++c) {
      std::snprintf(text, sizeof text, "%.17g,", data.inputs(static_cast<Eigen::Index>(row), c));
      out << text;
    }
    out << data.labels[row] << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: catalog_bench STORE.db CATALOG LABEL OUT_DIR\n";
    return 2;
  }
  auto db = store::open_store(argv[1]);
  const auto summary = store::find_catalog(db, argv[2]);
  if (!summary) {
    std::cerr << "no catalog " << argv[2] << "\n";
    return 3;
  }
  store::CatalogTableRequest request;
  request.artists = true;
  request.label_column = argv[3];
  const records::CatalogTable table = store::read_catalog_table(db, summary->id, request);
  catalog::HitLabelRule rule;
  rule.column = argv[3];
  rule.positive = 1;
  const catalog::HitData data = catalog::build_hit_data(table, rule, {}, false);
  catalog::HitTrainingOptions options;
  options.threads = 2;
  const std::string out = argv[4];
  for (const catalog::HitSplit& split : {catalog::stratified_random_split(data.labels, options.seed),
                                         catalog::grouped_temporal_split(data.periods, data.artists)}) {
    write_rows(out + "/" + split.name + "_train.csv", data, split.train);
    write_rows(out + "/" + split.name + "_test.csv", data, split.test);
    bench::Stopwatch fit_clock;
    ml::GbdtParams params = options.gbdt;
    params.num_threads = 2;
    Eigen::MatrixXd train(static_cast<Eigen::Index>(split.train.size()), data.inputs.cols());
    Eigen::VectorXi labels(train.rows());
    for (std::size_t i = 0; i < split.train.size(); ++i) {
      train.row(static_cast<Eigen::Index>(i)) = data.inputs.row(static_cast<Eigen::Index>(split.train[i]));
      labels(static_cast<Eigen::Index>(i)) = data.labels[split.train[i]];
    }
    const ml::GbdtModel model = ml::train_gbdt(train, labels, params);
    const double fit_seconds = fit_clock.seconds();
    const catalog::SplitEvaluation evaluation = catalog::evaluate_split(data, split, options);
    nlohmann::json line = {
        {"task", "catalog-hits"},         {"tool", "sonic"},       {"split", split.name}, {"rows", split.train.size()},
        {"test_rows", split.test.size()}, {"seconds", fit_seconds}};
    for (const catalog::ModelScores& scores : evaluation.models) line[scores.model + "_auc"] = scores.roc_auc;
    line["auc"] = line["gbdt_auc"];
    std::cout << line.dump() << std::endl;
  }
  return 0;
}
