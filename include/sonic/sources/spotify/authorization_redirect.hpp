#pragma once
// Where Spotify sends the browser after the authorize page:
//   http://127.0.0.1:PORT/callback?code=AQD...&state=...          (the person allowed access)
//   http://127.0.0.1:PORT/callback?error=access_denied&state=...  (the person declined)
// It reaches sonic either through the loopback listener or pasted by the person.
#include <optional>
#include <string>
#include <string_view>

namespace sonic::sources::spotify {

struct AuthorizationRedirect {
  std::string code;  // empty when `error` is set
  std::string state;
  std::string error;  // "access_denied" when the person declined

  // The state is the login's own: anything else is a stale or forged redirect, never used.
  bool belongs_to(std::string_view expected_state) const;
};

// Reads a whole redirect URL, a path with its query, or the query alone (surrounding white
// space and a #fragment are ignored). nullopt when it carries neither a code nor an error.
std::optional<AuthorizationRedirect> parse_authorization_redirect(std::string_view text);

}  // namespace sonic::sources::spotify
