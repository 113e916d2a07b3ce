#pragma once
// curl's verbose account of an exchange (connection notes and header lines, never bodies),
// sent to the trace log line by line with credentials masked: the Authorization, Cookie and
// Set-Cookie values by name, and the request's secrets wherever they appear (the query of the
// request line included).
#include <curl/curl.h>

#include "sonic/net/http_request.hpp"

namespace sonic::net {

// Turns tracing on for the next transfer on `handle` when the trace level is enabled. The
// request must outlive the transfer.
void trace_transfer_if_enabled(CURL* handle, const HttpRequest& request);

}  // namespace sonic::net
