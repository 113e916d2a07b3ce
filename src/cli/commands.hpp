#pragma once
// The registry of subcommands: one file each, `set_<name>_command(app, globals)`.
#include <CLI/CLI.hpp>

#include "global_options.hpp"

namespace sonic::cli {

void set_import_command(CLI::App& app, GlobalOptions& globals);
void set_import_features_command(CLI::App& app, GlobalOptions& globals);
void set_stats_command(CLI::App& app, GlobalOptions& globals);
void set_demo_command(CLI::App& app, GlobalOptions& globals);
void set_enrich_command(CLI::App& app, GlobalOptions& globals);
void set_auth_command(CLI::App& app, GlobalOptions& globals);
void set_ingest_command(CLI::App& app, GlobalOptions& globals);
void set_report_command(CLI::App& app, GlobalOptions& globals);
void set_cluster_command(CLI::App& app, GlobalOptions& globals);
void set_runs_command(CLI::App& app, GlobalOptions& globals);
void set_retrain_command(CLI::App& app, GlobalOptions& globals);
void set_train_command(CLI::App& app, GlobalOptions& globals);    // parent of train <model>
void set_predict_command(CLI::App& app, GlobalOptions& globals);  // parent of predict <model>
void set_summarize_command(CLI::App& app, GlobalOptions& globals);
void set_serve_command(CLI::App& app, GlobalOptions& globals);
void set_recommend_command(CLI::App& app, GlobalOptions& globals);
void set_profile_command(CLI::App& app, GlobalOptions& globals);
void set_compare_command(CLI::App& app, GlobalOptions& globals);
void set_catalog_command(CLI::App& app, GlobalOptions& globals);  // parent of catalog <lab step>
void set_playlist_command(CLI::App& app, GlobalOptions& globals);
void set_backup_command(CLI::App& app, GlobalOptions& globals);
void set_restore_command(CLI::App& app, GlobalOptions& globals);
void set_export_command(CLI::App& app, GlobalOptions& globals);

inline void register_commands(CLI::App& app, GlobalOptions& globals) {
  set_import_command(app, globals);
  set_import_features_command(app, globals);
  set_stats_command(app, globals);
  set_demo_command(app, globals);
  set_enrich_command(app, globals);
  set_auth_command(app, globals);
  set_ingest_command(app, globals);
  set_report_command(app, globals);
  set_cluster_command(app, globals);
  set_runs_command(app, globals);
  set_retrain_command(app, globals);
  set_train_command(app, globals);
  set_predict_command(app, globals);
  set_summarize_command(app, globals);
  set_serve_command(app, globals);
  set_recommend_command(app, globals);
  set_profile_command(app, globals);
  set_compare_command(app, globals);
  set_catalog_command(app, globals);
  set_playlist_command(app, globals);
  set_backup_command(app, globals);
  set_restore_command(app, globals);
  set_export_command(app, globals);
}

}  // namespace sonic::cli
