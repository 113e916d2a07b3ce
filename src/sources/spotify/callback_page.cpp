#include "callback_page.hpp"

namespace sonic::sources::spotify {
namespace {

struct PageText {
  const char* title;
  const char* message;
};

PageText text_of(CallbackPage page) {
  switch (page) {
    case CallbackPage::received:
      return {"Back to the terminal",
              "Spotify sent sonic its answer, and sonic is finishing the login now. You can close "
              "this tab and go back to the terminal."};
    case CallbackPage::declined:
      return {"sonic was not connected",
              "You declined, so sonic cannot read your listening. You can close this tab; run "
              "<code>sonic auth spotify</code> again whenever you change your mind."};
    case CallbackPage::other_login:
      return {"This link belongs to another login",
              "This page came from an earlier or different login attempt, so sonic ignored it. "
              "Use the address that <code>sonic auth spotify</code> printed most recently."};
    case CallbackPage::not_a_redirect:
      break;
  }
  return {"Nothing to do here",
          "This address is where Spotify sends the browser during <code>sonic auth spotify</code>."};
}

}  // namespace

std::string callback_page_html(CallbackPage page) {
  const PageText text = text_of(page);
  return std::string(
             "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>") +
         text.title +
         "</title><style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;"
         "padding:0 1em;line-height:1.5;color:#222}h1{font-size:1.4em}code{background:#eee;"
         "padding:0 .2em}</style></head><body><h1>" +
         text.title + "</h1><p>" + text.message + "</p></body></html>\n";
}

}  // namespace sonic::sources::spotify
