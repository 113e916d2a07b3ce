// Tokenizing speed of sonic's JsonReader against nlohmann's SAX parser on the same files.
//
//   json_reader_bench [--runs N] FILE...
//
// Prints one JSON line: {"task":"json-tokenize","tool":"sonic","bytes":N,"seconds":S,
// "mb_per_s":X,"nlohmann_mb_per_s":Y,...}, seconds being the median over the runs (the machines
// are shared and noisy). Ours reads through open_file_source, as the importer will, so its time
// includes the read() calls from the page cache; nlohmann gets the files already in memory, its
// best case, so the ratio errs in nlohmann's favour.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/sources/byte_source.hpp"
#include "sonic/sources/json_reader.hpp"

namespace {

using sonic::sources::JsonReader;
using sonic::sources::JsonToken;

// Counts events and does nothing else, so the parse is all that is timed.
struct SaxCounter : nlohmann::json_sax<nlohmann::json> {
  std::size_t events = 0;
  bool null() override { return count(); }
  bool boolean(bool) override { return count(); }
  bool number_integer(number_integer_t) override { return count(); }
  bool number_unsigned(number_unsigned_t) override { return count(); }
  bool number_float(number_float_t, const string_t&) override { return count(); }
  bool string(string_t&) override { return count(); }
  bool binary(binary_t&) override { return count(); }
  bool start_object(std::size_t) override { return count(); }
  bool key(string_t&) override { return count(); }
  bool end_object() override { return count(); }
  bool start_array(std::size_t) override { return count(); }
  bool end_array() override { return count(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    throw std::runtime_error(e.what());
  }

 private:
  bool count() {
    ++events;
    return true;  // keep parsing
  }
};

std::size_t sonic_tokens(const std::vector<std::string>& files) {
  std::size_t tokens = 0;
  for (const auto& file : files) {
    auto source = sonic::sources::open_file_source(file);
    JsonReader reader(*source, file);
    while (reader.next() != JsonToken::end_of_input) ++tokens;
  }
  return tokens;
}

std::size_t nlohmann_tokens(const std::vector<std::string>& contents) {
  SaxCounter counter;
  for (const auto& json : contents) nlohmann::json::sax_parse(json, &counter);
  return counter.events;
}

// Median wall time of `runs` calls; `tokens` gets what the last call returned.
double median_seconds(int runs, const std::function<std::size_t()>& work, std::size_t& tokens) {
  std::vector<double> seconds;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    tokens = work();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto [runs, files] = sonic::bench::parse_runs_and_files(argc, argv, "json_reader_bench", 5);
    std::vector<std::string> contents;
    std::size_t bytes = 0;
    for (const auto& file : files) {
      contents.push_back(read_whole(file));  // also warms the page cache for our run
      bytes += contents.back().size();
    }

    std::size_t ours = 0;
    std::size_t theirs = 0;
    const double seconds = median_seconds(
        runs, [&] { return sonic_tokens(files); }, ours);
    const double nlohmann_seconds = median_seconds(
        runs, [&] { return nlohmann_tokens(contents); }, theirs);
    if (ours != theirs) {
      std::fprintf(stderr, "token counts differ: sonic %zu, nlohmann %zu\n", ours, theirs);
      return 1;
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf(
        "{\"task\":\"json-tokenize\",\"tool\":\"sonic\",\"bytes\":%zu,\"tokens\":%zu,\"runs\":%d,"
        "\"seconds\":%.4f,\"mb_per_s\":%.1f,\"nlohmann_seconds\":%.4f,\"nlohmann_mb_per_s\":%.1f}\n",
        bytes, ours, runs, seconds, mb / seconds, nlohmann_seconds, mb / nlohmann_seconds);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "json_reader_bench: %s\n", error.what());
    return 1;
  }
}
