// sonic playlist: a playlist from a sentence ("calm morning music, not sad") or from the person's
// habits (--for weekend-night), as a table or one JSON object.
#include <optional>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "shared_options.hpp"
#include "sonic/pipeline/playlist.hpp"

namespace sonic::cli {
namespace {

struct PlaylistFlags {
  std::optional<std::string> prompt;
  std::optional<std::string> for_segment;
  std::optional<std::string> before;
  std::optional<std::string> out;
  bool explain = false;
  bool spotify = false;
  bool offline = false;
  bool json = false;
};

// A language model reads the prompt when OPENAI_* names one and --offline does not forbid it.
std::optional<pipeline::ConstraintModel> constraint_model(const PlaylistFlags& flags) {
  if (flags.offline || !flags.prompt) return std::nullopt;
  auto openai = insight::OpenAiSettings::from_environment();
  if (!openai.configured()) return std::nullopt;
  return pipeline::ConstraintModel{.openai = std::move(openai)};
}

void run_playlist(const GlobalOptions& globals, const PlaylistFlags& flags) {
  pipeline::PlaylistRequest request{.prompt = flags.prompt,
                                    .for_segment = flags.for_segment,
                                    .before_date = flags.before,
                                    .out = flags.out ? std::optional<std::filesystem::path>(*flags.out) : std::nullopt,
                                    .model = std::nullopt};
  // A bad prompt is refused before the home is looked at (or a model asked); --explain needs no
  // store at all.
  pipeline::explain_playlist(request);
  request.model = constraint_model(flags);
  if (flags.explain) {
    apply_log_level(globals);
    print_result(pipeline::explain_playlist(request), flags.json);
    return;
  }
  CommandContext context(globals, {.time_zone = true, .store = StoreNeed::existing});
  std::optional<sources::spotify::SpotifyConnection> spotify;
  if (flags.spotify) {
    // The login and its scope are checked before anything is chosen or written.
    spotify.emplace(context.home());
    spotify->require_scope(sources::spotify::kPlaylistModifyScope);
  }
  auto result = pipeline::make_playlist(context.db(), context.zone(), request);
  if (spotify) pipeline::publish_to_spotify(*spotify, result);
  print_result(result, flags.json);
}

}  // namespace

void set_playlist_command(CLI::App& app, GlobalOptions& globals) {
  auto flags = std::make_shared<PlaylistFlags>();
  CLI::App* command = app.add_subcommand(
      "playlist", "A playlist from your library for a sentence (\"high energy morning music\") or a time of day");
  command->add_option("prompt", flags->prompt, "What you are in the mood for, in words");
  command->add_option("--for", flags->for_segment,
                      "From what you play then: morning, afternoon, evening, night, weekday, weekend, "
                      "or weekday-/weekend- and a time of day (weekend-night)");
  auto* explain =
      command->add_flag("--explain", flags->explain, "Print the constraints the prompt asks for; choose nothing");
  command
      ->add_option("--out", flags->out,
                   "Also write the playlist to this file, as .m3u8, .xspf or .jspf by its extension (atomically)")
      ->excludes(explain);
  command
      ->add_flag("--spotify", flags->spotify,
                 "Also create it as a private playlist in your Spotify account (needs `sonic auth spotify` with "
                 "playlist-modify-private)")
      ->excludes(explain);
  command->add_option("--before", flags->before,
                      "Use only listens before this local date (YYYY-MM-DD), e.g. to hold out the last month");
  command->add_flag("--offline", flags->offline,
                    "Ask no language model, even when OPENAI_* names one: the word parser reads the prompt");
  add_json_flag(*command, flags->json);
  command->callback([&globals, flags] { run_playlist(globals, *flags); });
}

}  // namespace sonic::cli
