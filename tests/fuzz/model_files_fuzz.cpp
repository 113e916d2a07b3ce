// Every model-file loader: the input is written to a file and handed to each loader in turn (mood
// clusters, mood net, next-mood net, boosted trees and choice, the session model, the catalog
// hit model), as `sonic predict`, `serve` and `report` load them. Each either loads or refuses
// with an InputError naming the file. The seeds are real model files of `sonic demo`, so the
// mutations reach past the envelope into each body.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_input.hpp"
#include "sonic/catalog/hit_model.hpp"
#include "sonic/mood/mood_clusters.hpp"
#include "sonic/mood/mood_net.hpp"
#include "sonic/mood/next_mood.hpp"
#include "sonic/mood/next_mood_choice.hpp"
#include "sonic/mood/next_mood_gbdt.hpp"
#include "sonic/session/session_model_file.hpp"

namespace {

// The clusters of the seed files (`sonic demo`'s K).
constexpr int kClusters = 3;

const std::filesystem::path& model_path() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sonic-fuzz-model-" + std::to_string(getpid()) + ".json");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(model_path(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const auto& path = model_path();
  using sonic::fuzz::expect_input_error_only;
  expect_input_error_only([&] { sonic::mood::load_mood_cluster_model(path); });
  expect_input_error_only([&] { sonic::mood::load_mood_net(path); });
  expect_input_error_only([&] { sonic::mood::load_next_mood_net(path, kClusters); });
  expect_input_error_only([&] { sonic::mood::load_next_mood_gbdt(path, kClusters); });
  expect_input_error_only([&] { sonic::mood::load_next_mood_choice(path, kClusters); });
  expect_input_error_only([&] { sonic::session::load_session_model(path); });
  expect_input_error_only([&] { sonic::catalog::load_hit_model(path); });
  return 0;
}
