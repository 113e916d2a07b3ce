#pragma once
// Reads ReccoBeats /v1/audio-features and /v1/track/recommendation replies. Private to sources/.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/sources/audio_features.hpp"
#include "sonic/sources/reccobeats_client.hpp"

namespace sonic::sources {

// The Spotify ID at the end of an href ("https://open.spotify.com/track/<id>?si=…"); also takes
// a "spotify:track:<id>" URI. Empty when there is none.
std::string_view spotify_id_of_href(std::string_view href);

// The `content` records of `reply`, keyed by the Spotify ID their href names. Only IDs in
// `asked` are kept (an ISRC or UUID match may bring others). When several records name one track
// (an ISRC can match several), the most complete wins, then the smallest ReccoBeats `id`, so the
// choice never depends on the reply's order. `where` names the request in InputError messages.
std::map<std::string, AudioFeatures> read_audio_features_reply(const nlohmann::json& reply,
                                                               const std::set<std::string>& asked,
                                                               const std::string& where);

// The tracks of a /v1/track/recommendation reply in its order: {"content":[{"id":…,"trackTitle":…,
// "artists":[{"name":…}],"href":"https://open.spotify.com/track/<id>",…}]}. The first artist is the
// track's; a record with no title or artist is dropped, a Spotify track named twice kept once, and
// a href that names no Spotify track leaves spotify_id empty.
std::vector<RecommendedTrack> read_recommendation_reply(const nlohmann::json& reply, const std::string& where);

}  // namespace sonic::sources
