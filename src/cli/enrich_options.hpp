#pragma once
// The enrichment settings `sonic enrich` and `sonic ingest` share, declared once.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "sonic/pipeline/enrich.hpp"

namespace sonic::cli {

struct EnrichFlags {
  std::vector<std::string> services = {"reccobeats", "lastfm"};
  int reccobeats_interval_ms = 250;
  int lastfm_interval_ms = 250;
  int unknown_retry_days = 30;
};

void add_enrich_options(CLI::App& command, EnrichFlags& flags);

// Flags plus the environment (service URLs, LASTFM_API_KEY, registered as a secret).
pipeline::EnrichOptions to_enrich_options(const EnrichFlags& flags);

// "enriching [#########-----------]  120/500 tracks", redrawn in place on stderr.
class ProgressBar {
 public:
  void draw(const pipeline::EnrichProgress& progress);
  void finish();  // a run that stopped early leaves the bar's line open

 private:
  bool open_line_ = false;
};

}  // namespace sonic::cli
