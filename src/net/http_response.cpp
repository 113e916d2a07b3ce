#include "sonic/net/http_response.hpp"

#include "sonic/core/error.hpp"
#include "sonic/net/http_errors.hpp"
#include "sonic/net/http_request.hpp"

namespace sonic::net {

nlohmann::json parse_json_body(const HttpRequest& request, const HttpResponse& response) {
  try {
    return nlohmann::json::parse(response.body);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(request.describe() + " answered HTTP " + std::to_string(response.status) +
                     " with a body that is not JSON (at byte " + std::to_string(error.byte) +
                     "): " + body_excerpt(request.mask(response.body)));
  }
}

}  // namespace sonic::net
