#include "sonic/net/http_request.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "sonic/core/logging.hpp"

namespace sonic::net {
namespace {

TEST(HttpRequest, BuildsTheUrlWithAnEncodedQuery) {
  const auto request = HttpRequest::get("https://ws.audioscrobbler.com/2.0/")
                           .query("method", "track.getTopTags")
                           .query("artist", "AC/DC")
                           .query("track", "Hells Bells");
  EXPECT_EQ(request.url(),
            "https://ws.audioscrobbler.com/2.0/?method=track.getTopTags&artist=AC%2FDC&track=Hells%20Bells");
}

TEST(HttpRequest, AppendsToAQueryTheUrlAlreadyHas) {
  const auto request = HttpRequest::get("https://api.spotify.com/v1/x?before=1575332662799").query("limit", "50");
  EXPECT_EQ(request.url(), "https://api.spotify.com/v1/x?before=1575332662799&limit=50");
}

TEST(HttpRequest, DescribeMasksSecretQueryValuesOnly) {
  const auto request = HttpRequest::get("https://ws.audioscrobbler.com/2.0/")
                           .query("format", "json")
                           .secret_query("api_key", "lastfm-key-0123");
  EXPECT_NE(request.url().find("lastfm-key-0123"), std::string::npos);
  EXPECT_EQ(request.describe(), "GET https://ws.audioscrobbler.com/2.0/?format=json&api_key=[redacted]");
}

TEST(HttpRequest, FormBodyIsPercentEncodedAndDescribedWithoutSecrets) {
  const auto request = HttpRequest::post("https://accounts.spotify.com/api/token")
                           .form_field("grant_type", "refresh_token")
                           .secret_form_field("refresh_token", "AQC+x/y=")
                           .form_field("note", "a b");
  EXPECT_EQ(request.content_type(), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.body(), "grant_type=refresh_token&refresh_token=AQC%2Bx%2Fy%3D&note=a%20b");
  EXPECT_EQ(request.describe_body(), "grant_type=refresh_token&refresh_token=[redacted]&note=a%20b");
}

TEST(HttpRequest, BasicAuthIsBase64OfUserColonPassword) {
  // RFC 7617's example, then the three padding cases.
  EXPECT_EQ(HttpRequest::post("https://a").basic_auth("Aladdin", "open sesame").headers().find("Authorization"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(HttpRequest::post("https://a").basic_auth("", "").headers().find("Authorization"), "Basic Og==");
  EXPECT_EQ(HttpRequest::post("https://a").basic_auth("a", "").headers().find("Authorization"), "Basic YTo=");
  EXPECT_EQ(HttpRequest::post("https://a").basic_auth("ab", "").headers().find("Authorization"), "Basic YWI6");
}

TEST(HttpRequest, MaskRemovesSecretsRawAndEncodedWhateverTheirLength) {
  const auto request = HttpRequest::get("https://example.test/")
                           .bearer_token("bearer-token-0123")
                           .secret_query("k", "a b/c")
                           .secret_query("pin", "x9z");
  EXPECT_EQ(request.mask("token bearer-token-0123, key a b/c or a%20b%2Fc, pin x9z"),
            "token [redacted], key [redacted] or [redacted], pin [redacted]");
  // The process-wide registry ignores secrets this short; only the request knows about them.
  EXPECT_EQ(redact_secrets("pin x9z"), "pin x9z");
  EXPECT_EQ(redact_secrets("token bearer-token-0123"), "token [redacted]");
}

TEST(HttpRequest, JsonBodySetsItsContentTypeAndCannotBeMixedWithFormFields) {
  auto request = HttpRequest::post("https://example.test/").json_body(R"({"a":1})");
  EXPECT_EQ(request.content_type(), "application/json");
  EXPECT_EQ(request.body(), R"({"a":1})");
  EXPECT_THROW(request.form_field("b", "2"), std::logic_error);
}

TEST(HttpRequest, AcceptsOnlyTheStatusesItNames) {
  const auto request = HttpRequest::get("https://example.test/").accept_status(404).accept_status(401);
  EXPECT_TRUE(request.accepts(404));
  EXPECT_TRUE(request.accepts(401));
  EXPECT_FALSE(request.accepts(403));
}

}  // namespace
}  // namespace sonic::net
