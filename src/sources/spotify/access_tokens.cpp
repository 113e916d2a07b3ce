#include "sonic/sources/spotify/access_tokens.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "sonic/core/utc_time.hpp"

namespace sonic::sources::spotify {
namespace {

constexpr std::int64_t kRenewBeforeExpiryMs = kMsPerMinute;
constexpr std::int64_t kLoginWarningMs = 14 * kMsPerDay;

}  // namespace

AccessTokens::AccessTokens(AccountsClient& accounts, const CredentialsStore& store, SpotifyCredentials credentials,
                           net::Clock& clock)
    : accounts_(&accounts), store_(&store), credentials_(std::move(credentials)), clock_(&clock) {}

const std::string& AccessTokens::current() {
  if (access_token_.empty() || clock_->now_utc_ms() + kRenewBeforeExpiryMs >= expires_at_ms_) {
    return renew();
  }
  return access_token_;
}

const std::string& AccessTokens::renew() {
  const TokenGrant grant = accounts_->refresh(credentials_.refresh_token);
  ++refreshes_;
  if (!grant.scope.empty()) credentials_.scope = grant.scope;
  if (grant.refresh_token_replaced) {
    const bool was_environment = credentials_.origin == CredentialsOrigin::environment;
    credentials_.refresh_token = grant.refresh_token;
    store_->save(credentials_, clock_->now_utc_ms());
    if (was_environment) {
      spdlog::warn(
          "Spotify replaced the refresh token of SPOTIFY_REFRESH_TOKEN; the new one is "
          "stored in {} and used from now on (update the secret wherever else you "
          "keep it)",
          store_->file().string());
    } else {
      spdlog::debug("Spotify issued a new refresh token; stored in {}", store_->file().string());
    }
  }
  access_token_ = grant.access_token;
  expires_at_ms_ = grant.expires_at_ms;
  warn_if_login_ends_soon();
  return access_token_;
}

void AccessTokens::warn_if_login_ends_soon() {
  const auto expiry = login_expiry_ms(credentials_);
  if (refreshes_ != 1 || !expiry) return;  // once per run is enough
  const std::int64_t left = *expiry - clock_->now_utc_ms();
  if (left < kLoginWarningMs) {
    spdlog::warn("the Spotify login ends in {} days, on {}: run `sonic auth spotify` before then",
                 std::max<std::int64_t>(0, left / kMsPerDay), format_iso8601_utc(*expiry).substr(0, 10));
  }
}

}  // namespace sonic::sources::spotify
