#pragma once
// The subcommands of `sonic catalog`, one file each, attached by catalog_command.cpp.
#include <CLI/CLI.hpp>
#include <string>

#include "global_options.hpp"

namespace sonic::cli {

void add_catalog_import_command(CLI::App& catalog, GlobalOptions& globals);
void add_catalog_trends_command(CLI::App& catalog, GlobalOptions& globals);
void add_catalog_clusters_command(CLI::App& catalog, GlobalOptions& globals);
void add_catalog_train_command(CLI::App& catalog, GlobalOptions& globals);
void add_catalog_explain_command(CLI::App& catalog, GlobalOptions& globals);
void add_catalog_report_command(CLI::App& catalog, GlobalOptions& globals);

// --catalog NAME: which catalog (default: the only one; an error naming them when several).
inline void add_catalog_name_option(CLI::App& command, std::string& name) {
  command.add_option("--catalog", name, "The catalog's name (default: the only one imported)");
}

}  // namespace sonic::cli
