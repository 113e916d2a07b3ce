#pragma once
// The decay flags of `sonic recommend`, `sonic profile export` and `sonic compare`, declared once.
#include <CLI/CLI.hpp>
#include <string>

#include "sonic/taste/decay.hpp"

namespace sonic::cli {

struct DecayFlags {
  std::string kind = "exponential";
  double half_life_days = 90.0;
  double power_d = 0.5;

  taste::DecayOptions options() const {
    return {.kind = taste::parse_decay_kind(kind), .half_life_days = half_life_days, .power_d = power_d};
  }
};

inline void add_decay_options(CLI::App& command, DecayFlags& flags) {
  command
      .add_option("--decay", flags.kind, "How old listens fade: exponential (half-life) or power (ACT-R, ln Σ age^-d)")
      ->check(CLI::IsMember({"exponential", "power"}))
      ->capture_default_str();
  command.add_option("--half-life", flags.half_life_days, "Days after which a listen counts half (exponential decay)")
      ->check(CLI::Range(1.0, 36500.0))
      ->capture_default_str();
  command.add_option("--power-d", flags.power_d, "The power law's exponent d (power decay)")
      ->check(CLI::Range(0.01, 5.0))
      ->capture_default_str();
}

}  // namespace sonic::cli
