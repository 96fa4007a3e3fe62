// Writing an output file so that a failure never leaves half a file.
#ifndef KANSLI_OUTPUT_FILE_HPP
#define KANSLI_OUTPUT_FILE_HPP

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <kansli/problem.hpp>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kansli {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`. Returns no problem on success, or one naming
// `path` with the reason it failed; on failure `path` is untouched and no
// temporary file remains. Only a regular file is replaced: an existing
// directory, device, FIFO or socket at `path` (also through a symbolic link)
// is refused. A signal that ends the process (SIGINT, SIGTERM, ...) leaves no
// temporary file either: the file has no name while it is written
// (O_TMPFILE), and such signals are deferred in the calling thread while it
// has one. Thread-safe for distinct paths; a signal delivered to another
// thread of an embedding program is not deferred (see below).
Problems write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Many output files flushed to disk together, for a batch: one flush of the
// file system per group of files instead of two flushes (the file and its
// directory) per file, with the same guarantee as write_file_atomically:
// a target is either untouched or wholly replaced, durably, and nothing is
// left behind. write() puts the bytes in an unnamed file (O_TMPFILE) in the
// target's directory; when `group_size` files wait, or at commit(), the
// file systems are flushed once (syncfs), each file is checked flushed
// (fsync, cheap by then), named and renamed over its target, and each
// directory is flushed once. Until then no file is visible, and whatever
// ends the process leaves nothing behind. Where the file system has no
// O_TMPFILE, write() falls back to write_file_atomically at once.
// A full group is committed by a thread of the object's own, started with
// the first full group, so that writers go on rendering meanwhile.
// `done` is called exactly once per write(), with no problem when the file
// is in place, or with one naming the target: from write() itself on an
// early failure, otherwise from the thread that commits the group (the
// object's own, or the caller of commit() or the destructor).
// Thread-safe: any thread may write() and commit(). Signals: the object's
// thread inherits the mask of the thread whose write() starts it.
class OutputGroup {
 public:
  using Done = std::function<void(const Problems&)>;
  explicit OutputGroup(size_t group_size = 64) : group_size_(group_size ? group_size : 1) {}
  // Commits what waits and ends the object's thread.
  ~OutputGroup();
  OutputGroup(const OutputGroup&) = delete;
  OutputGroup& operator=(const OutputGroup&) = delete;

  void write(const std::filesystem::path& path, std::string_view bytes, Done done);
  // Commits the files written so far, after any full group still being
  // committed; returns when they are all in place.
  void commit();

  struct Waiting {
    int fd;
    std::filesystem::path path;
    Done done;
  };

 private:
  void commit_full_groups();

  const size_t group_size_;
  std::mutex mutex_;
  std::condition_variable work_, idle_;
  std::vector<Waiting> waiting_;           // the group being filled
  std::deque<std::vector<Waiting>> full_;  // full groups, oldest first
  bool committing_ = false, stopping_ = false;
  std::thread committer_;
};

// For programs that end on SIGINT, SIGTERM, SIGHUP and SIGQUIT and write
// from several threads (the CLI's batch render). Call once, before starting
// any thread: it blocks those signals in the calling thread (so in every
// thread started after) and receives them in a thread of its own, which
// waits until no write_file_atomically call is between naming and renaming
// its file, then ends the process with the signal's default action. Not for
// embedding programs that handle these signals themselves.
void end_on_signals_without_leftovers();

}  // namespace kansli

#endif
