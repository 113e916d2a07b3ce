#pragma once
// Reads export files on a second thread while the importer writes the previous rows: parsing
// and SQLite each get a core. Rows travel in batches through a short queue, and spent batches
// come back to be refilled, so memory stays flat and strings keep their capacity.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sonic/sources/export_inputs.hpp"
#include "sonic/sources/play_record.hpp"

namespace sonic::pipeline {

struct RowBatch {
  std::size_t input = 0;                     // index into the inputs
  std::vector<sources::PlayRecord> records;  // rows to write (the first `size` are valid)
  std::size_t size = 0;
  std::size_t rows = 0;  // rows read, including skipped ones
  std::map<std::string, std::int64_t> skipped;
  bool last = false;         // the input's final batch
  std::string layout;        // set on the final batch
  std::exception_ptr error;  // the input failed here (its earlier batches stand)
};

class ExportPrefetcher {
 public:
  // Video inputs are passed over (they produce no batch).
  explicit ExportPrefetcher(const std::vector<sources::ExportInput>& inputs, std::size_t batch_rows = 2048,
                            std::size_t queued_batches = 4);
  ~ExportPrefetcher();  // stops the reader thread, whatever it is doing
  ExportPrefetcher(const ExportPrefetcher&) = delete;
  ExportPrefetcher& operator=(const ExportPrefetcher&) = delete;

  // The next batch in input order; nullptr once every input is read. Hand it back with
  // recycle() when its rows are written.
  std::unique_ptr<RowBatch> next();
  void recycle(std::unique_ptr<RowBatch> batch);

 private:
  void read_all();
  void read_input(std::size_t index);
  std::unique_ptr<RowBatch> empty_batch();
  bool push(std::unique_ptr<RowBatch> batch);  // false when stopping

  const std::vector<sources::ExportInput>& inputs_;
  const std::size_t batch_rows_;
  const std::size_t queued_batches_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<RowBatch>> full_;
  std::vector<std::unique_ptr<RowBatch>> spare_;
  bool done_ = false;
  bool stopping_ = false;
  std::thread reader_;
};

}  // namespace sonic::pipeline
