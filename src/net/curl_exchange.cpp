#include "curl_exchange.hpp"

#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "curl_trace.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/version.hpp"

namespace sonic::net {
namespace {

void initialise_curl_once() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (result != CURLE_OK) {
    throw Error(ExitCode::unexpected, std::string("libcurl failed to initialise: ") + curl_easy_strerror(result));
  }
}

const std::string& user_agent() {
  static const std::string agent = std::string("sonic/") + kVersion;
  return agent;
}

// curl honours http_proxy/https_proxy/no_proxy from the environment, which suits a user behind
// a proxy, but loopback must never go through one: a local Ollama or llama.cpp server, the
// OAuth redirect catcher and the tests' stub servers all live there. CURLOPT_NOPROXY replaces
// no_proxy, so the user's list is kept and loopback added to it.
const std::string& no_proxy_hosts() {
  static const std::string hosts = [] {
    std::string list = "localhost,127.0.0.1,::1";
    for (const char* name : {"no_proxy", "NO_PROXY"}) {
      const char* user_list = std::getenv(name);
      if (user_list == nullptr || *user_list == '\0') continue;
      return std::string_view(user_list) == "*" ? std::string("*") : user_list + ("," + list);
    }
    return list;
  }();
  return hosts;
}

struct Reception {
  std::size_t max_bytes = 0;
  bool over_limit = false;
  HttpResponse response;
};

std::size_t receive_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& reception = *static_cast<Reception*>(user);
  const std::size_t bytes = size * count;
  if (reception.response.body.size() + bytes > reception.max_bytes) {
    reception.over_limit = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  reception.response.body.append(data, bytes);
  return bytes;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::size_t receive_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& reception = *static_cast<Reception*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    reception.response.headers = {};  // a new reply begins (after a 100 Continue, say)
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    reception.response.headers.add(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

HeaderList header_list(const HttpRequest& request) {
  HeaderList list(nullptr, curl_slist_free_all);
  const auto append = [&](const std::string& line) {
    curl_slist* longer = curl_slist_append(list.get(), line.c_str());
    if (longer == nullptr) throw std::bad_alloc();
    list.release();
    list.reset(longer);
  };
  for (const auto& [name, value] : request.headers()) append(name + ": " + value);
  if (!request.content_type().empty() && !request.headers().contains("Content-Type")) {
    append("Content-Type: " + request.content_type());
  }
  append("Expect:");  // no "100-continue" round trip before a larger body
  return list;
}

void set_method_and_body(CURL* handle, const HttpRequest& request, const std::string& body) {
  switch (request.method()) {
    case HttpMethod::get:
      curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
      return;
    case HttpMethod::post:
      curl_easy_setopt(handle, CURLOPT_POST, 1L);
      break;
    default:
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method_name(request.method()));
  }
  if (request.method() == HttpMethod::post || !body.empty()) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
  }
}

TransportFault classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return TransportFault::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFault::timeout;
    case CURLE_PARTIAL_FILE:
      return TransportFault::truncated;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_BAD_CONTENT_ENCODING:
      return TransportFault::broken;
    case CURLE_FILESIZE_EXCEEDED:
      return TransportFault::too_large;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return TransportFault::bad_url;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return TransportFault::tls_rejected;
    default:
      return TransportFault::other;
  }
}

}  // namespace

bool is_transient(TransportFault fault) {
  switch (fault) {
    case TransportFault::connect:
    case TransportFault::timeout:
    case TransportFault::broken:
    case TransportFault::truncated:
      return true;
    default:
      return false;
  }
}

CurlExchange::CurlExchange(const HttpSettings& settings)
    : handle_(nullptr),
      connect_timeout_(settings.connect_timeout),
      total_timeout_(settings.total_timeout),
      max_response_bytes_(settings.max_response_bytes) {
  initialise_curl_once();
  handle_ = curl_easy_init();
  if (handle_ == nullptr) throw Error(ExitCode::unexpected, "libcurl could not create a handle");
}

CurlExchange::~CurlExchange() { curl_easy_cleanup(handle_); }

ExchangeOutcome CurlExchange::perform(const HttpRequest& request) {
  curl_easy_reset(handle_);
  const std::string url = request.url();
  const std::string body = request.body();
  const HeaderList headers = header_list(request);
  Reception reception;
  reception.max_bytes = max_response_bytes_;
  char curl_error[CURL_ERROR_SIZE] = "";

  curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
  if (curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK) {
    throw Error(ExitCode::unexpected, "this libcurl cannot be limited to http and https");
  }
  curl_easy_setopt(handle_, CURLOPT_NOPROXY, no_proxy_hosts().c_str());
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: thread-safe
  curl_easy_setopt(handle_, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle_, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(handle_, CURLOPT_FOLLOWLOCATION, 0L);  // no service redirects; never resend a token
  curl_easy_setopt(handle_, CURLOPT_USERAGENT, user_agent().c_str());
  curl_easy_setopt(handle_, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, static_cast<long>(total_timeout_.count()));
  // Refuses at once a reply whose Content-Length is already too big; receive_body catches the rest.
  curl_easy_setopt(handle_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_response_bytes_));
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, receive_body);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &reception);
  curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, receive_header);
  curl_easy_setopt(handle_, CURLOPT_HEADERDATA, &reception);
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers.get());
  set_method_and_body(handle_, request, body);
  trace_transfer_if_enabled(handle_, request);

  const CURLcode code = curl_easy_perform(handle_);
  if (code != CURLE_OK) {
    const TransportFault fault = reception.over_limit ? TransportFault::too_large : classify(code);
    std::string message = curl_easy_strerror(code);
    if (curl_error[0] != '\0') message += std::string(" (") + curl_error + ")";
    return TransportFailure{fault, request.mask(std::move(message))};
  }
  long status = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  reception.response.status = static_cast<int>(status);
  return std::move(reception.response);
}

}  // namespace sonic::net
