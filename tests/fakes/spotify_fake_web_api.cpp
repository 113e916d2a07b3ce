// The fake's Web API: recently played over the plays it holds, and track look-ups.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>

#include "fakes/spotify_fake.hpp"
#include "sonic/core/utc_time.hpp"

namespace sonic::testing {
namespace {

StubReply api_error(int status, const std::string& message) {
  return StubReply::json({{"error", {{"status", status}, {"message", message}}}}, status);
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string fake_track_id(int n) {
  // Built by appending: g++ 12 at -O3 misreads "T" + to_string(n) (a false -Wrestrict).
  std::string id = std::to_string(n);
  id.insert(id.begin(), 'T');
  id.resize(22, 'x');
  return id;
}

nlohmann::json fake_track(int n) {
  std::string artist_id = std::to_string(n % 7);
  artist_id.insert(artist_id.begin(), 'A');
  artist_id.resize(22, 'y');
  return {{"id", fake_track_id(n)},
          {"name", "Track " + std::to_string(n)},
          {"type", "track"},
          {"uri", "spotify:track:" + fake_track_id(n)},
          {"duration_ms", 180'000 + n},
          {"is_local", false},
          {"artists",
           {{{"id", artist_id},
             {"name", "Artist " + std::to_string(n % 7)},
             {"type", "artist"},
             {"uri", "spotify:artist:" + artist_id}}}},
          {"album",
           {{"id", "B" + std::string(21, 'z')}, {"name", "Album " + std::to_string(n / 10)}, {"album_type", "album"}}}};
}

nlohmann::json fake_play(int n, std::int64_t played_at_ms) {
  return {{"played_at", format_iso8601_utc(played_at_ms)}, {"context", nullptr}, {"track", fake_track(n)}};
}

void SpotifyFake::add_track(const nlohmann::json& track_object) {
  const std::string id = track_object.at("id").get<std::string>();
  const bool known = locked([&] {
    const bool seen = tracks_.count(id) > 0;
    tracks_[id] = track_object;
    return seen;
  });
  if (!known) {
    // The single route's faults are queued under one key for every ID.
    route("GET", std::string(kTracksPath) + "/" + id, kTrackPath,
          [this, id](const RecordedRequest& request) { return track(id, request); });
  }
}

void SpotifyFake::add_play(const nlohmann::json& item) {
  const auto played_at = parse_iso8601_utc(item.at("played_at").get<std::string>());
  if (!played_at) throw std::invalid_argument("a play's played_at is not an ISO-8601 time");
  add_track(item.at("track"));
  locked([&] { plays_[*played_at] = item; });
}

void SpotifyFake::load_plays(const std::filesystem::path& recently_played_reply) {
  std::ifstream in(recently_played_reply);
  if (!in) throw std::runtime_error("cannot read " + recently_played_reply.string());
  const auto reply = nlohmann::json::parse(in);
  for (const auto& item : reply.at("items")) add_play(item);
}

void SpotifyFake::forbid_batch_tracks(bool forbid) {
  locked([&] { batch_forbidden_ = forbid; });
}

std::size_t SpotifyFake::play_count() const {
  return locked([&] { return plays_.size(); });
}

// Called with the mutex held.
std::optional<StubReply> SpotifyFake::reject_bearer(const RecordedRequest& request) const {
  const std::string authorization = request.header("Authorization");
  const std::string prefix = "Bearer ";
  if (authorization.rfind(prefix, 0) != 0) return api_error(401, "No token provided");
  if (access_tokens_.count(authorization.substr(prefix.size())) == 0) {
    return api_error(401, "The access token expired");
  }
  return std::nullopt;
}

StubReply SpotifyFake::recently_played(const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  if (auto rejected = reject_bearer(request)) return *rejected;
  const auto limit = whole_number(request.query.count("limit") ? request.query_value("limit") : "20");
  if (!limit || *limit < 1 || *limit > 50) return api_error(400, "Invalid limit");
  const bool has_after = request.query.count("after") > 0;
  const bool has_before = request.query.count("before") > 0;
  if (has_after && has_before) return api_error(400, "Only one of after or before may be given");
  const auto after = has_after ? whole_number(request.query_value("after")) : std::nullopt;
  const auto before = has_before ? whole_number(request.query_value("before")) : std::nullopt;
  if ((has_after && !after) || (has_before && !before)) return api_error(400, "Invalid cursor");

  // `after` pages forward from the cursor (the plays just after it), otherwise backward from
  // `before` or from now. Both exclusive; the reply lists the newest first.
  std::vector<std::pair<std::int64_t, const nlohmann::json*>> page;
  bool more = false;
  if (after) {
    for (auto it = plays_.upper_bound(*after); it != plays_.end(); ++it) {
      if (static_cast<std::int64_t>(page.size()) == *limit) {
        more = true;
        break;
      }
      page.emplace_back(it->first, &it->second);
    }
    std::reverse(page.begin(), page.end());
  } else {
    auto end = before ? plays_.lower_bound(*before) : plays_.end();
    while (end != plays_.begin()) {
      --end;
      if (static_cast<std::int64_t>(page.size()) == *limit) {
        more = true;
        break;
      }
      page.emplace_back(end->first, &end->second);
    }
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [ms, item] : page) items.push_back(*item);
  const std::string base = server_.url(kRecentlyPlayedPath);
  const std::string limit_part = "limit=" + std::to_string(*limit);
  nlohmann::json body = {
      {"items", items}, {"limit", *limit}, {"href", base + "?" + limit_part}, {"next", nullptr}, {"cursors", nullptr}};
  if (!page.empty()) {
    const std::string newest = std::to_string(page.front().first);
    const std::string oldest = std::to_string(page.back().first);
    body["cursors"] = {{"after", newest}, {"before", oldest}};
    if (more) {
      body["next"] =
          after ? base + "?after=" + newest + "&" + limit_part : base + "?before=" + oldest + "&" + limit_part;
    }
  }
  return StubReply::json(body);
}

StubReply SpotifyFake::tracks(const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  if (auto rejected = reject_bearer(request)) return *rejected;
  if (batch_forbidden_) return api_error(403, "Forbidden");
  std::vector<std::string> ids;
  const std::string ids_text = request.query_value("ids");
  std::string_view list = ids_text;
  while (!list.empty()) {
    const auto comma = list.find(',');
    ids.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  if (ids.empty()) return api_error(400, "invalid id");
  if (ids.size() > 50) return api_error(400, "Too many ids requested");
  nlohmann::json found = nlohmann::json::array();
  for (const auto& id : ids) {
    const auto track = tracks_.find(id);
    found.push_back(track == tracks_.end() ? nlohmann::json(nullptr) : track->second);
  }
  return StubReply::json({{"tracks", found}});
}

StubReply SpotifyFake::track(const std::string& id, const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  if (auto rejected = reject_bearer(request)) return *rejected;
  return StubReply::json(tracks_.at(id));
}

}  // namespace sonic::testing
