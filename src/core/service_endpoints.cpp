#include "sonic/core/service_endpoints.hpp"

#include <cstdlib>

namespace sonic {
namespace {

void override_from(const char* variable, std::string& url) {
  const char* value = std::getenv(variable);
  if (!value || !*value) return;
  url = value;
  while (!url.empty() && url.back() == '/') url.pop_back();
}

}  // namespace

ServiceEndpoints ServiceEndpoints::from_environment() {
  ServiceEndpoints endpoints;
  override_from("SPOTIFY_ACCOUNTS_URL", endpoints.spotify_accounts);
  override_from("SPOTIFY_API_URL", endpoints.spotify_api);
  override_from("RECCOBEATS_URL", endpoints.reccobeats);
  override_from("LASTFM_URL", endpoints.lastfm);
  return endpoints;
}

}  // namespace sonic
