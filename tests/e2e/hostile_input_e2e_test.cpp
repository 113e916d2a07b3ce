// Hostile inputs beyond fuzzing, each against the real binary on a real store: the message, the
// exit code, and the store's fingerprint exactly as before. Deep nesting, a zip bomb and a `../`
// zip entry, invalid UTF-8 and NUL bytes in names, timestamps in year 0 and 9999, negative and
// huge play lengths, a read-only home and a disk that fills up mid-import (both on a tmpfs
// mounted for the test: they skip, saying why, when it cannot mount one).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/run_sonic.hpp"
#include "support/store_fingerprint.hpp"
#include "support/temp_dir.hpp"
#include "support/zip_builder.hpp"

namespace sonic::testing {
namespace {

namespace fs = std::filesystem;

// One extended-history row; `ts` and `ms_played` are given as JSON text, names as JSON strings.
std::string row(const std::string& ts, const std::string& ms_played, const std::string& track_name = "\"Song\"",
                const std::string& track_id = "4uLU6hMCjMI75M1A2tKUQC") {
  return R"({"ts":)" + ts + R"(,"ms_played":)" + ms_played + R"(,"master_metadata_track_name":)" + track_name +
         R"(,"master_metadata_album_artist_name":"Artist","master_metadata_album_album_name":"Album",)"
         R"("spotify_track_uri":"spotify:track:)" +
         track_id + R"("})";
}

std::string history(const std::vector<std::string>& rows) {
  std::string json = "[";
  for (const auto& r : rows) json += (json.size() > 1 ? "," : "") + r;
  return json + "]";
}

const std::string kGoodRow = row(R"("2024-03-01T10:00:00Z")", "200000");

class HostileInputE2e : public ::testing::Test {
 protected:
  void SetUp() override { home_ = dir_ / "home"; }

  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.string()});
    return run_sonic(args);
  }
  // A store holding one listen, so "unchanged" means something.
  void import_a_listen() {
    const auto result = sonic({"import", write_file(dir_ / "Streaming_History_Audio_0.json", history({kGoodRow}))});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  // Imports `json` as a file and expects it refused: exit 3, `message` beside the file's name, the
  // store as before.
  void expect_refused(const std::string& json, const std::string& message) {
    const std::string before = store_fingerprint(home_ / "sonic.db");
    const fs::path file = write_file(dir_ / "Streaming_History_Audio_9.json", json);
    const auto result = sonic({"import", file.string()});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_NE(result.err.find(file.string()), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
    EXPECT_EQ(store_fingerprint(home_ / "sonic.db"), before);
  }

  TempDir dir_;
  fs::path home_;
};

TEST_F(HostileInputE2e, DeeplyNestedArraysAreRefusedAtTheDepthLimitWithoutAStackOverflow) {
  import_a_listen();
  // 200,000 levels: a recursive parser would overflow its stack long before the end.
  const std::string deep(200000, '[');
  expect_refused(R"([{"ts":"2024-03-01T10:00:00Z","ms_played":1,"x":)" + deep, "nesting deeper than 1024 levels");
  expect_refused(deep, "row 1: expected an object");
}

TEST_F(HostileInputE2e, InvalidUtf8InANameIsRefusedWithItsByte) {
  import_a_listen();
  expect_refused(history({row(R"("2024-03-01T11:00:00Z")", "200000", "\"Caf\xff\xfe\"")}), "invalid UTF-8 in a string");
}

TEST_F(HostileInputE2e, ANulByteInANameIsKeptWholeAndNeverPrintedRaw) {
  import_a_listen();
  const auto result = sonic(
      {"import",
       write_file(dir_ / "Streaming_History_Audio_1.json",
                  history({row(R"("2024-03-02T10:00:00Z")", "200000", R"("Nul\u0000Name")", "7ouMYWpwJ422jRcDASZB7P")}))
           .string(),
       "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["imported"], 1);
  const auto stats = sonic({"stats"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(stats.out.find('\0'), std::string::npos) << "a raw NUL reached the terminal";
  const auto json = sonic({"stats", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("Nul\\u0000Name"), std::string::npos) << json.out;
}

TEST_F(HostileInputE2e, TimestampsInYearZeroAndNineThousandNineHundredNinetyNineAreRefused) {
  import_a_listen();
  expect_refused(history({kGoodRow, row(R"("0000-01-01T00:00:00Z")", "1000")}),
                 "row 2: 'ts' 0000-01-01T00:00:00Z is outside the years 2000 to 2099");
  expect_refused(history({row(R"("9999-12-31T23:59:59Z")", "1000")}),
                 "'ts' 9999-12-31T23:59:59Z is outside the years 2000 to 2099");
  expect_refused(R"([{"endTime":"0000-01-01 00:00","artistName":"A","trackName":"T","msPlayed":1000}])",
                 "'endTime' 0000-01-01 00:00 is outside the years 2000 to 2099");
}

TEST_F(HostileInputE2e, NegativeAndHugePlayLengthsAreRefused) {
  import_a_listen();
  expect_refused(history({row(R"("2024-03-01T12:00:00Z")", "-5")}), "'ms_played' is negative");
  // Stored, this one made every later `sonic stats` fail with SQLite's "integer overflow".
  expect_refused(history({row(R"("2024-03-01T12:00:00Z")", "9223372036854775807")}),
                 "'ms_played' 9223372036854775807 is longer than the time from 2000 to the play's end");
  EXPECT_EQ(sonic({"stats"}).exit_code, 0);
}

// A zip entry is read in place, never extracted: a `../` name writes nothing anywhere.
TEST_F(HostileInputE2e, AZipEntryNamedWithDotDotIsReadFromTheZipAndWritesNothingOutside) {
  const fs::path zip = dir_ / "data" / "my_spotify_data.zip";
  fs::create_directories(zip.parent_path());
  write_zip(zip, {{"../../escaped/Streaming_History_Audio_2024_0.json", history({kGoodRow})}});
  const auto result = sonic({"import", zip.string(), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["imported"], 1);
  // Where "../../escaped" would land from the zip's folder, the home, or the working folder.
  EXPECT_FALSE(fs::exists(dir_.path().parent_path() / "escaped"));
  EXPECT_FALSE(fs::exists(dir_ / "escaped"));
  EXPECT_FALSE(fs::exists(home_.parent_path().parent_path() / "escaped"));
}

// libzip reads this source as the entry's content: `size` bytes of `[`, spaces..., a row, `]`.
struct SpacesEntry {
  std::uint64_t size;
  std::uint64_t offset = 0;
  std::string head = "[";
  std::string tail = kGoodRow + "]";
};

zip_int64_t spaces_entry(void* state, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  auto* entry = static_cast<SpacesEntry*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      entry->offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      auto* out = static_cast<char*>(data);
      zip_uint64_t written = 0;
      while (written < length && entry->offset < entry->size) {
        const std::uint64_t at = entry->offset;
        const std::uint64_t tail_at = entry->size - entry->tail.size();
        out[written++] = at < entry->head.size() ? entry->head[at] : at >= tail_at ? entry->tail[at - tail_at] : ' ';
        ++entry->offset;
      }
      return static_cast<zip_int64_t>(written);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* stat = static_cast<zip_stat_t*>(data);
      zip_stat_init(stat);
      stat->size = entry->size;
      stat->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS, -1);
    default:
      return -1;
  }
}

// `sonic --home HOME ARGS...` under /usr/bin/time: its exit code, stdout, stderr and peak resident
// memory in kB (0 when time could not tell).
struct MeasuredRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  long peak_kb = 0;
};

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

MeasuredRun run_measured(const fs::path& home, const std::vector<std::string>& args) {
  const fs::path stem = fs::temp_directory_path() / ("sonic-measured-" + std::to_string(getpid()));
  std::string command =
      "/usr/bin/time -f '%M' -o " + stem.string() + ".kb " + SONIC_BINARY + " --home '" + home.string() + "'";
  for (const auto& arg : args) command += " '" + arg + "'";
  const int status = std::system((command + " >" + stem.string() + ".out 2>" + stem.string() + ".err").c_str());
  MeasuredRun run;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  run.out = slurp(stem.string() + ".out");
  run.err = slurp(stem.string() + ".err");
  // The figure is the last line: time writes "Command exited with non-zero status N" before it.
  const std::string time_report = slurp(stem.string() + ".kb");
  const auto last_line = time_report.find_last_of('\n', time_report.size() >= 2 ? time_report.size() - 2 : 0);
  run.peak_kb = std::atol(time_report.c_str() + (last_line == std::string::npos ? 0 : last_line + 1));
  for (const char* extension : {".kb", ".out", ".err"}) fs::remove(stem.string() + extension);
  return run;
}

TEST_F(HostileInputE2e, AZipBombStreamsThroughWithFlatMemory) {
  if (!fs::exists("/usr/bin/time")) GTEST_SKIP() << "needs /usr/bin/time to measure memory";
  import_a_listen();
  // 256 MiB of whitespace around one row, deflated about a thousand to one.
  const fs::path zip = dir_ / "bomb.zip";
  SpacesEntry entry{.size = 256ull << 20};
  int error = 0;
  zip_t* archive = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  zip_source_t* source = zip_source_function(archive, spaces_entry, &entry);
  ASSERT_GE(zip_file_add(archive, "Streaming_History_Audio_2024_1.json", source, 0), 0);
  ASSERT_EQ(zip_close(archive), 0);
  ASSERT_LT(fs::file_size(zip), entry.size / 500) << "not much of a bomb";

  const auto run = run_measured(home_, {"import", zip.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_GT(run.peak_kb, 0);
  // The reader holds one 256 KiB buffer: the 256 MiB entry must not show in the peak.
  EXPECT_LT(run.peak_kb, 150 * 1024) << "peak " << run.peak_kb << " kB";
}

// Writes `head`, `filler` over and over, then `tail` (about `total` bytes in all: whole fillers
// only, `size()` exactly) into the FIFO at
// `path` from a thread, so no file of that size ever exists. It waits for a reader to open the
// FIFO, and stops at the first failed write: the reader has gone (EPIPE, with SIGPIPE blocked in
// this thread only).
class FifoWriter {
 public:
  FifoWriter(fs::path path, std::string head, std::string filler, std::uint64_t total, std::string tail)
      : path_(std::move(path)), head_(std::move(head)), tail_(std::move(tail)) {
    while (chunk_.size() < (1u << 20)) chunk_ += filler;  // whole fillers: a last, shorter piece still ends between two
    const std::uint64_t fillers = (total - head_.size() - tail_.size()) / filler.size();
    size_ = head_.size() + fillers * filler.size() + tail_.size();
    if (::mkfifo(path_.c_str(), 0600) != 0) throw std::runtime_error("mkfifo: " + std::string(std::strerror(errno)));
    thread_ = std::thread([this] { run(); });
  }
  ~FifoWriter() { finish(); }
  std::uint64_t size() const { return size_; }
  // Stops waiting for a reader that never came, and returns the bytes the reader took.
  std::uint64_t finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return written_;
  }

 private:
  void run() {
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    int fd = -1;
    while (fd < 0 && !stop_) {  // ENXIO until the reader opens its end
      fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (fd < 0) return;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const std::uint64_t filler_end = size_ - tail_.size();
    bool open = put(fd, head_);
    while (open && written_ < filler_end) {
      open = put(fd, std::string_view(chunk_).substr(0, std::min<std::uint64_t>(chunk_.size(), filler_end - written_)));
    }
    if (open) put(fd, tail_);
    ::close(fd);
  }
  bool put(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd, bytes.data(), bytes.size());
      if (n <= 0) return false;
      written_ += static_cast<std::uint64_t>(n);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  fs::path path_;
  std::string head_;
  std::string tail_;
  std::string chunk_;
  std::uint64_t size_ = 0;
  std::atomic<bool> stop_ = false;
  std::atomic<std::uint64_t> written_ = 0;
  std::thread thread_;
};

constexpr std::uint64_t kTwoGiB = 2ull << 30;

// One line of 2 GiB, piped: the reader streams it through its fixed buffer, so neither the line
// nor the run of tokens on it shows in the peak memory, and the one play on it is imported.
TEST_F(HostileInputE2e, ATwoGigabyteLineThroughAFifoImportsWithFlatMemory) {
  if (!fs::exists("/usr/bin/time")) GTEST_SKIP() << "needs /usr/bin/time to measure memory";
  import_a_listen();
  const fs::path fifo = dir_ / "Streaming_History_Audio_2024_7.json";
  const std::string head = "[" + row(R"("2024-03-07T10:00:00Z")", "200000", "\"Piped\"", "7ouMYWpwJ422jRcDASZB7P");
  FifoWriter writer(fifo, head, " ", kTwoGiB, "]");
  const auto run = run_measured(home_, {"import", fifo.string(), "--json"});
  EXPECT_EQ(writer.finish(), writer.size()) << "sonic stopped reading early";
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["imported"], 1) << run.out;
  ASSERT_GT(run.peak_kb, 0);
  EXPECT_LT(run.peak_kb, 150 * 1024) << "peak " << run.peak_kb << " kB";
}

// A 2 GiB track name on one line, piped: refused once it passes the reader's 1 MiB bound for a
// token (it would otherwise be gathered whole), with the file and byte named and the store as
// before; sonic stops reading there.
TEST_F(HostileInputE2e, ATwoGigabyteNameThroughAFifoIsRefusedAtTheTokenBoundWithFlatMemory) {
  if (!fs::exists("/usr/bin/time")) GTEST_SKIP() << "needs /usr/bin/time to measure memory";
  import_a_listen();
  const std::string before = store_fingerprint(home_ / "sonic.db");
  const fs::path fifo = dir_ / "Streaming_History_Audio_2024_8.json";
  const std::string head = R"([{"ts":"2024-03-08T10:00:00Z","ms_played":200000,"master_metadata_track_name":")";
  FifoWriter writer(fifo, head, "Song ", kTwoGiB, R"("}])");
  const auto run = run_measured(home_, {"import", fifo.string()});
  EXPECT_LT(writer.finish(), 64ull << 20) << "sonic read on past the bound";
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find(fifo.string() + ": byte " + std::to_string(head.size() - 1) + ": a string longer than 1 MiB"),
            std::string::npos)
      << run.err;
  ASSERT_GT(run.peak_kb, 0);
  EXPECT_LT(run.peak_kb, 150 * 1024) << "peak " << run.peak_kb << " kB";
  EXPECT_EQ(store_fingerprint(home_ / "sonic.db"), before);
}

// A tmpfs mounted on a folder for one test (root only; containers may forbid it: skipped then).
class Tmpfs {
 public:
  Tmpfs(const fs::path& at, const std::string& size) : at_(at) {
    fs::create_directories(at);
    mounted_ = mount("tmpfs", at.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    if (!mounted_) why_ = std::strerror(errno);
  }
  ~Tmpfs() {
    if (mounted_) umount2(at_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& why() const { return why_; }
  bool remount(unsigned long flags, const std::string& size) {
    return mount(nullptr, at_.c_str(), nullptr, MS_REMOUNT | flags, ("size=" + size).c_str()) == 0;
  }

 private:
  fs::path at_;
  bool mounted_ = false;
  std::string why_;
};

TEST_F(HostileInputE2e, ADiskThatFillsUpMidImportKeepsNothingOfTheFileAndSaysSo) {
  Tmpfs disk(home_, "640k");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs to fill (" << disk.why() << "): needs root";
  import_a_listen();
  std::vector<std::string> rows;
  for (int i = 0; i < 20000; ++i) {
    char ts[40];
    std::snprintf(ts, sizeof ts, "\"2020-01-%02dT%02d:%02d:%02dZ\"", 1 + i / 1440, i / 60 % 24, i % 60, i % 50);
    rows.push_back(row(ts, std::to_string(200000 + i), "\"Track " + std::to_string(i) + "\""));
  }
  const std::string before = store_fingerprint(home_ / "sonic.db");
  const fs::path big = write_file(dir_ / "Streaming_History_Audio_2020_0.json", history(rows));
  const auto result = sonic({"import", big.string()});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("is full; nothing of the interrupted change was kept"), std::string::npos) << result.err;
  ASSERT_TRUE(disk.remount(0, "16m"));  // room to read the store again
  EXPECT_EQ(store_fingerprint(home_ / "sonic.db"), before);
  EXPECT_EQ(sonic({"import", big.string()}).exit_code, 0) << "the same file imports once there is room";
}

TEST_F(HostileInputE2e, AReadOnlyHomeIsNamedAndLeftAsItWas) {
  Tmpfs disk(home_, "4m");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs to make read-only (" << disk.why() << "): needs root";
  import_a_listen();
  const std::string before = store_fingerprint(home_ / "sonic.db");
  // The fingerprint's read-only connection leaves the -wal and -shm files, with which SQLite can
  // read a read-only folder; sonic's own last connection removes them, as after any command.
  ASSERT_EQ(sonic({"stats"}).exit_code, 0);
  ASSERT_FALSE(fs::exists(home_ / "sonic.db-shm"));
  ASSERT_TRUE(disk.remount(MS_RDONLY, "4m"));
  const auto imported = sonic({"import", write_file(dir_ / "Streaming_History_Audio_5.json",
                                                    history({row(R"("2024-03-05T10:00:00Z")", "200000")}))
                                             .string()});
  EXPECT_EQ(imported.exit_code, 1) << imported.err;
  EXPECT_NE(imported.err.find("Read-only file system"), std::string::npos) << imported.err;
  const auto stats = sonic({"stats"});
  EXPECT_EQ(stats.exit_code, 1) << stats.err;
  EXPECT_NE(stats.err.find("cannot open the database " + (home_ / "sonic.db").string()), std::string::npos)
      << stats.err;
  EXPECT_NE(stats.err.find("is read-only"), std::string::npos) << stats.err;
  ASSERT_TRUE(disk.remount(0, "4m"));
  EXPECT_EQ(store_fingerprint(home_ / "sonic.db"), before);
}

}  // namespace
}  // namespace sonic::testing
