#include "sonic/pipeline/export_prefetcher.hpp"

#include "sonic/sources/export_file_reader.hpp"

namespace sonic::pipeline {

ExportPrefetcher::ExportPrefetcher(const std::vector<sources::ExportInput>& inputs, std::size_t batch_rows,
                                   std::size_t queued_batches)
    : inputs_(inputs), batch_rows_(batch_rows), queued_batches_(queued_batches) {
  reader_ = std::thread([this] { read_all(); });
}

ExportPrefetcher::~ExportPrefetcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  reader_.join();
}

std::unique_ptr<RowBatch> ExportPrefetcher::next() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !full_.empty() || done_; });
  if (full_.empty()) return nullptr;
  auto batch = std::move(full_.front());
  full_.pop_front();
  lock.unlock();
  changed_.notify_all();
  return batch;
}

void ExportPrefetcher::recycle(std::unique_ptr<RowBatch> batch) {
  std::lock_guard lock(mutex_);
  spare_.push_back(std::move(batch));
}

std::unique_ptr<RowBatch> ExportPrefetcher::empty_batch() {
  std::unique_ptr<RowBatch> batch;
  {
    std::lock_guard lock(mutex_);
    if (!spare_.empty()) {
      batch = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  if (!batch) {
    batch = std::make_unique<RowBatch>();
    batch->records.resize(batch_rows_);
  }
  batch->size = 0;
  batch->rows = 0;
  batch->skipped.clear();
  batch->last = false;
  batch->layout.clear();
  batch->error = nullptr;
  return batch;
}

bool ExportPrefetcher::push(std::unique_ptr<RowBatch> batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return full_.size() < queued_batches_ || stopping_; });
  if (stopping_) return false;
  full_.push_back(std::move(batch));
  lock.unlock();
  changed_.notify_all();
  return true;
}

void ExportPrefetcher::read_input(std::size_t index) {
  auto batch = empty_batch();
  batch->input = index;
  try {
    auto source = inputs_[index].open();
    sources::ExportFileReader reader(*source, inputs_[index].name);
    std::string skip_reason;
    while (true) {
      if (batch->size == batch_rows_) {
        if (!push(std::move(batch))) return;
        batch = empty_batch();
        batch->input = index;
      }
      sources::PlayRecord& record = batch->records[batch->size];
      if (!reader.next(record, skip_reason)) break;
      ++batch->rows;
      if (skip_reason.empty()) {
        ++batch->size;
      } else {
        batch->skipped[skip_reason] += 1;
      }
    }
    batch->layout = sources::to_string(reader.layout());
  } catch (...) {
    batch->error = std::current_exception();
  }
  batch->last = true;
  push(std::move(batch));
}

void ExportPrefetcher::read_all() {
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    if (!inputs_[i].video) read_input(i);
  }
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  changed_.notify_all();
}

}  // namespace sonic::pipeline
