#include "sonic/sources/spotify/authorization_redirect.hpp"

#include <gtest/gtest.h>

namespace sonic::sources::spotify {
namespace {

TEST(AuthorizationRedirect, ReadsAWholeUrlAPathOrAQuery) {
  for (const std::string text : {"http://127.0.0.1:8888/callback?code=AQD%2Fx-1&state=s%7E1",
                                 "  http://127.0.0.1:8888/callback?state=s~1&code=AQD/x-1#_=_\n",
                                 "/callback?code=AQD%2Fx-1&state=s~1", "code=AQD%2Fx-1&state=s~1"}) {
    const auto redirect = parse_authorization_redirect(text);
    ASSERT_TRUE(redirect) << text;
    EXPECT_EQ(redirect->code, "AQD/x-1") << text;
    EXPECT_EQ(redirect->state, "s~1") << text;
    EXPECT_EQ(redirect->error, "") << text;
  }
}

TEST(AuthorizationRedirect, ReadsADeclinedLogin) {
  const auto redirect = parse_authorization_redirect("http://127.0.0.1:9/callback?error=access_denied&state=abc");
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->error, "access_denied");
  EXPECT_EQ(redirect->code, "");
  EXPECT_TRUE(redirect->belongs_to("abc"));
}

TEST(AuthorizationRedirect, NothingToUseIsNullopt) {
  EXPECT_FALSE(parse_authorization_redirect(""));
  EXPECT_FALSE(parse_authorization_redirect("http://127.0.0.1:8888/callback"));
  EXPECT_FALSE(parse_authorization_redirect("http://127.0.0.1:8888/callback?state=abc"));
  EXPECT_FALSE(parse_authorization_redirect("yes"));
}

TEST(AuthorizationRedirect, BelongsOnlyToTheLoginWithItsState) {
  const auto redirect = parse_authorization_redirect("?code=c&state=abc");
  EXPECT_TRUE(redirect->belongs_to("abc"));
  EXPECT_FALSE(redirect->belongs_to("abd"));
  EXPECT_FALSE(redirect->belongs_to(""));
  EXPECT_FALSE(parse_authorization_redirect("?code=c")->belongs_to(""));  // no state, no match
}

}  // namespace
}  // namespace sonic::sources::spotify
