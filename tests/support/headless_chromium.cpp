#include "support/headless_chromium.hpp"

#include <cstdio>
#include <cstdlib>

namespace sonic::testing {
namespace {

std::string chromium_command(const std::string& chromium, const TempDir& profile, const std::string& action,
                             const std::string& url, int width, int height) {
  return "HOME='" + profile.path().string() + "' timeout 60 '" + chromium +
         "' --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --user-data-dir='" +
         (profile / "profile").string() + "' --window-size=" + std::to_string(width) + "," + std::to_string(height) +
         " " + action + " '" + url + "' 2>/dev/null";
}

}  // namespace

std::string find_chromium() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    const std::size_t end = std::min(dirs.find(':', at), dirs.size());
    for (const char* name : {"chromium", "chromium-browser"}) {
      const auto candidate = std::filesystem::path(dirs.substr(at, end - at)) / name;
      if (!candidate.parent_path().empty() && std::filesystem::exists(candidate)) return candidate.string();
    }
    at = end + 1;
  }
  return "";
}

std::string file_url(const std::filesystem::path& page) { return "file://" + page.string(); }

std::string chromium_dom(const std::string& chromium, const TempDir& profile, const std::string& url) {
  std::string out;
  FILE* pipe = popen(chromium_command(chromium, profile, "--dump-dom", url, 1200, 2000).c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

bool chromium_screenshot(const std::string& chromium, const TempDir& profile, const std::string& url,
                         const std::filesystem::path& png, int width, int height) {
  const std::string action = "--screenshot='" + png.string() + "'";
  return std::system(chromium_command(chromium, profile, action, url, width, height).c_str()) == 0 &&
         std::filesystem::exists(png);
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

}  // namespace sonic::testing
