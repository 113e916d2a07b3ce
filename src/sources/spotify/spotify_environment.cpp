#include "sonic/sources/spotify/spotify_environment.hpp"

#include <cstdlib>

#include "sonic/core/logging.hpp"

namespace sonic::sources::spotify {
namespace {

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

SpotifyEnvironment SpotifyEnvironment::from_process() {
  SpotifyEnvironment environment;
  environment.client_id = variable("SPOTIFY_CLIENT_ID");
  environment.client_secret = variable("SPOTIFY_CLIENT_SECRET");
  environment.refresh_token = variable("SPOTIFY_REFRESH_TOKEN");
  register_secret(environment.client_secret);
  register_secret(environment.refresh_token);
  return environment;
}

}  // namespace sonic::sources::spotify
