#include "sonic/sources/spotify/authorization_redirect.hpp"

#include "sonic/core/logging.hpp"
#include "sonic/net/url_encoding.hpp"

namespace sonic::sources::spotify {
namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

bool AuthorizationRedirect::belongs_to(std::string_view expected_state) const {
  return !expected_state.empty() && state == expected_state;
}

std::optional<AuthorizationRedirect> parse_authorization_redirect(std::string_view text) {
  text = trimmed(text);
  if (const auto fragment = text.find('#'); fragment != std::string_view::npos) {
    text = text.substr(0, fragment);
  }
  if (const auto mark = text.find('?'); mark != std::string_view::npos) {
    text = text.substr(mark + 1);
  }
  AuthorizationRedirect redirect;
  for (auto& [name, value] : net::parse_query(text)) {
    if (name == "code") redirect.code = std::move(value);
    if (name == "state") redirect.state = std::move(value);
    if (name == "error") redirect.error = std::move(value);
  }
  if (redirect.code.empty() && redirect.error.empty()) return std::nullopt;
  if (!redirect.error.empty()) redirect.code.clear();
  register_secret(redirect.code);
  return redirect;
}

}  // namespace sonic::sources::spotify
