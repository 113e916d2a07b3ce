#pragma once
// The access token of one run. It is refreshed from the stored login on first use, again
// shortly before it expires, and at once when the Web API answers 401. Whenever Spotify
// issues a new refresh token it is written to the credentials store before anything else
// happens: a PKCE refresh token may be good for one refresh only, so losing the new one would
// lose the login.
#include <cstdint>
#include <string>

#include "sonic/net/clock.hpp"
#include "sonic/sources/spotify/accounts_client.hpp"
#include "sonic/sources/spotify/credentials_store.hpp"

namespace sonic::sources::spotify {

class AccessTokens {
 public:
  // `accounts` and `store` must outlive this object.
  AccessTokens(AccountsClient& accounts, const CredentialsStore& store, SpotifyCredentials credentials,
               net::Clock& clock = net::system_clock());

  // A token good for at least another minute.
  const std::string& current();
  // A new token now: after a 401, or to check that the login still works.
  const std::string& renew();

  const SpotifyCredentials& credentials() const { return credentials_; }
  int refreshes() const { return refreshes_; }

 private:
  void warn_if_login_ends_soon();

  AccountsClient* accounts_;
  const CredentialsStore* store_;
  SpotifyCredentials credentials_;
  net::Clock* clock_;
  std::string access_token_;
  std::int64_t expires_at_ms_ = 0;
  int refreshes_ = 0;
};

}  // namespace sonic::sources::spotify
