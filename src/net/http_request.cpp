#include "sonic/net/http_request.hpp"

#include <algorithm>
#include <stdexcept>

#include "base64.hpp"
#include "sonic/core/logging.hpp"
#include "sonic/net/url_encoding.hpp"

namespace sonic::net {
namespace {

constexpr const char* kMasked = "[redacted]";

// "a=1&b=2", each part percent-encoded; secret values shown as [redacted] when masking.
std::string encode_fields(const std::vector<HttpField>& fields, bool mask_secrets) {
  std::string encoded;
  for (const auto& field : fields) {
    if (!encoded.empty()) encoded += '&';
    encoded += percent_encode(field.name);
    encoded += '=';
    encoded += mask_secrets && field.secret ? kMasked : percent_encode(field.value);
  }
  return encoded;
}

std::string with_query(const std::string& url, const std::string& query) {
  if (query.empty()) return url;
  return url + (url.find('?') == std::string::npos ? '?' : '&') + query;
}

}  // namespace

const char* method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::get:
      return "GET";
    case HttpMethod::post:
      return "POST";
    case HttpMethod::put:
      return "PUT";
    case HttpMethod::patch:
      return "PATCH";
    case HttpMethod::delete_:
      return "DELETE";
  }
  return "GET";
}

HttpRequest::HttpRequest(HttpMethod method, std::string url) : method_(method), url_(std::move(url)) {}

HttpRequest& HttpRequest::query(std::string name, std::string value) {
  query_.push_back({std::move(name), std::move(value), false});
  return *this;
}

HttpRequest& HttpRequest::secret_query(std::string name, std::string value) {
  add_secret(value);
  query_.push_back({std::move(name), std::move(value), true});
  return *this;
}

HttpRequest& HttpRequest::header(std::string name, std::string value) {
  headers_.set(std::move(name), std::move(value));
  return *this;
}

HttpRequest& HttpRequest::secret_header(std::string name, std::string value) {
  add_secret(value);
  return header(std::move(name), std::move(value));
}

HttpRequest& HttpRequest::bearer_token(const std::string& token) {
  add_secret(token);
  return header("Authorization", "Bearer " + token);
}

HttpRequest& HttpRequest::basic_auth(const std::string& user, const std::string& password) {
  const std::string credentials = base64_encode(user + ":" + password);
  add_secret(password);
  add_secret(credentials);
  return header("Authorization", "Basic " + credentials);
}

HttpRequest& HttpRequest::form_field(std::string name, std::string value) {
  expect_body_kind(BodyKind::form);
  form_.push_back({std::move(name), std::move(value), false});
  return *this;
}

HttpRequest& HttpRequest::secret_form_field(std::string name, std::string value) {
  expect_body_kind(BodyKind::form);
  add_secret(value);
  form_.push_back({std::move(name), std::move(value), true});
  return *this;
}

HttpRequest& HttpRequest::json_body(std::string json) { return body("application/json", std::move(json)); }

HttpRequest& HttpRequest::body(std::string content_type, std::string bytes) {
  expect_body_kind(BodyKind::raw);
  content_type_ = std::move(content_type);
  raw_body_ = std::move(bytes);
  return *this;
}

HttpRequest& HttpRequest::accept_status(int status) {
  accepted_statuses_.push_back(status);
  return *this;
}

HttpRequest& HttpRequest::secret_value(std::string secret) {
  add_secret(std::move(secret));
  return *this;
}

std::string HttpRequest::url() const { return with_query(url_, encode_fields(query_, false)); }

std::string HttpRequest::body() const {
  switch (body_kind_) {
    case BodyKind::form:
      return encode_fields(form_, false);
    case BodyKind::raw:
      return raw_body_;
    case BodyKind::none:
      break;
  }
  return {};
}

bool HttpRequest::accepts(int status) const {
  return std::find(accepted_statuses_.begin(), accepted_statuses_.end(), status) != accepted_statuses_.end();
}

std::string HttpRequest::describe() const {
  return std::string(method_name(method_)) + " " + mask(with_query(url_, encode_fields(query_, true)));
}

std::string HttpRequest::describe_body() const {
  if (body_kind_ == BodyKind::form) return mask(encode_fields(form_, true));
  return mask(raw_body_);
}

std::string HttpRequest::mask(std::string text) const {
  for (const auto& secret : secrets_) {  // longest first, so no secret is half-masked by another
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), kMasked);
    }
  }
  return redact_secrets(std::move(text));
}

// A secret is masked as given and as it travels in a URL or form body, whatever its length
// (the global registry ignores very short ones; this request knows they are secrets).
void HttpRequest::add_secret(std::string secret) {
  if (secret.empty()) return;
  for (auto& form : {percent_encode(secret), std::move(secret)}) {
    register_secret(form);
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) secrets_.push_back(form);
  }
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void HttpRequest::expect_body_kind(BodyKind kind) {
  if (body_kind_ != BodyKind::none && body_kind_ != kind) {
    throw std::logic_error("an HTTP request has either form fields or a raw body, not both");
  }
  body_kind_ = kind;
  if (kind == BodyKind::form) content_type_ = "application/x-www-form-urlencoded";
}

}  // namespace sonic::net
