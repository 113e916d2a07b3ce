#pragma once
// What a server answered: status, header fields and the whole (decoded) body.
#include <nlohmann/json.hpp>
#include <string>

#include "sonic/net/http_headers.hpp"

namespace sonic::net {

class HttpRequest;

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;

  bool ok() const { return status >= 200 && status < 300; }
};

// The body parsed as JSON. A body that is not JSON is an InputError naming the request (its
// secrets masked) and quoting a short, safe excerpt of what came back.
nlohmann::json parse_json_body(const HttpRequest& request, const HttpResponse& response);

}  // namespace sonic::net
