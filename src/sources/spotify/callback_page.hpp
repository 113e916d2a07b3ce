#pragma once
// The page the browser shows at the end of the login. Self-contained (no scripts, images or
// outside styles), and it never echoes anything from the request.
#include <string>

namespace sonic::sources::spotify {

enum class CallbackPage {
  received,        // a code for this login
  declined,        // the person declined (error=access_denied)
  other_login,     // a redirect with another login's state
  not_a_redirect,  // /callback without code or error
};

std::string callback_page_html(CallbackPage page);

}  // namespace sonic::sources::spotify
