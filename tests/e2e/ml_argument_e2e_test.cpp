// ml/ throws its own argument errors (ml::InvalidArgument); main maps them to bad usage, so the
// person sees the same message and exit status as when ml/ threw UsageError itself.
#include <gtest/gtest.h>

#include <string>

#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

TEST(MlArguments, AnOptionMlRefusesIsBadUsageWithMlsOwnWords) {
  TempDir home;
  std::string csv =
      "danceability,acousticness,energy,instrumentalness,liveness,valence,loudness,speechiness,tempo,mood\n";
  for (int i = 0; i < 10; ++i)
    csv += i % 2 ? "0.8,0.1,0.7,0.0,0.1,0.75,-5,0.05,125,Happy\n" : "0.3,0.8,0.2,0.3,0.1,0.25,-14,0.04,80,Calm\n";
  const auto labels = write_file(home / "labels.csv", csv);
  // --folds 1 passes the flag's range check; ml's cross-validation refuses it.
  const auto result = run_sonic(
      {"--home", home.path().string(), "train", "mood", "--labels", labels.string(), "--folds", "1", "--epochs", "1"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(
      result.err.find("sonic: error: cross-validation needs between 2 and 10 folds (one row each at least), not 1\n"),
      std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace sonic::testing
