#pragma once
// One HTTP request, built fluently by the service clients:
//
//   auto request = net::HttpRequest::get(base_url + "/me/player/recently-played")
//                      .query("limit", "50")
//                      .bearer_token(access_token);
//
// Secrets are marked where they are added (bearer_token, basic_auth and the secret_* calls).
// A request never shows them: describe() and describe_body() print "[redacted]" in their place,
// and mask() removes them, raw or percent-encoded, from any other text (curl's trace, an error
// body that echoes them). Each secret is also given to sonic::register_secret(), so every log
// line masks it from then on, whoever writes it.
#include <string>
#include <string_view>
#include <vector>

#include "sonic/net/http_headers.hpp"

namespace sonic::net {

enum class HttpMethod { get, post, put, patch, delete_ };

const char* method_name(HttpMethod method);  // "GET", "POST", ...

// A query parameter or form field.
struct HttpField {
  std::string name;
  std::string value;
  bool secret = false;
};

class HttpRequest {
 public:
  // `url` may already carry a query (a "next" link, say); query() appends to it. Secrets do not
  // belong in `url` itself: pass them through secret_query() so they can be masked.
  HttpRequest(HttpMethod method, std::string url);
  static HttpRequest get(std::string url) { return {HttpMethod::get, std::move(url)}; }
  static HttpRequest post(std::string url) { return {HttpMethod::post, std::move(url)}; }

  HttpRequest& query(std::string name, std::string value);
  HttpRequest& secret_query(std::string name, std::string value);

  HttpRequest& header(std::string name, std::string value);
  HttpRequest& secret_header(std::string name, std::string value);
  HttpRequest& bearer_token(const std::string& token);  // Authorization: Bearer <token>
  HttpRequest& basic_auth(const std::string& user, const std::string& password);

  // Form fields make the body application/x-www-form-urlencoded.
  HttpRequest& form_field(std::string name, std::string value);
  HttpRequest& secret_form_field(std::string name, std::string value);
  HttpRequest& json_body(std::string json);  // Content-Type: application/json
  HttpRequest& body(std::string content_type, std::string bytes);

  // A status the caller handles itself: send() returns it at once, never retries it and never
  // throws for it (a 404 meaning "unknown track", a 401 meaning "refresh the token").
  HttpRequest& accept_status(int status);
  // A secret inside a body or URL that this request cannot see as a field.
  HttpRequest& secret_value(std::string secret);

  HttpMethod method() const { return method_; }
  // The URL as sent, with the encoded query. It contains the secret query values: never log it.
  std::string url() const;
  const HttpHeaders& headers() const { return headers_; }
  // Empty when the request has no body.
  const std::string& content_type() const { return content_type_; }
  std::string body() const;
  bool accepts(int status) const;

  // Safe to log or to put in an error message.
  std::string describe() const;       // "GET https://host/path?limit=50&api_key=[redacted]"
  std::string describe_body() const;  // the body with secret form fields and values masked
  std::string mask(std::string text) const;

 private:
  enum class BodyKind { none, form, raw };
  void add_secret(std::string secret);
  void expect_body_kind(BodyKind kind);

  HttpMethod method_;
  std::string url_;
  std::vector<HttpField> query_;
  HttpHeaders headers_;
  BodyKind body_kind_ = BodyKind::none;
  std::vector<HttpField> form_;
  std::string raw_body_;
  std::string content_type_;
  std::vector<int> accepted_statuses_;
  std::vector<std::string> secrets_;  // raw and wire forms, longest first
};

}  // namespace sonic::net
