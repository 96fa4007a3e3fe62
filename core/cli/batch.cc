// Batch rendering: see batch.hpp.
#include "batch.hpp"

#include <fmt/core.h>
#include <kansli/kansli.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <kansli/load.hpp>
#include <kansli/output_file.hpp>
#include <kansli/render.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace kansli::cli {
namespace {

namespace fs = std::filesystem;

// A document file, read and parsed once however many documents name it, and
// let go of when its last job has rendered: a batch holds in memory only
// the documents being rendered, however many it has.
struct Source {
  std::string file;
  std::once_flag loaded;
  std::optional<Result<LoadedDocument>> document;
  std::atomic<size_t> jobs_left{0};
};

// Counts a job of `source` as done with its document when it goes out of
// scope; the last one frees the document.
class DoneWithSource {
 public:
  explicit DoneWithSource(Source& source) : source_(source) {}
  ~DoneWithSource() {
    if (source_.jobs_left.fetch_sub(1) == 1) source_.document.reset();
  }
  DoneWithSource(const DoneWithSource&) = delete;
  DoneWithSource& operator=(const DoneWithSource&) = delete;

 private:
  Source& source_;
};

struct Document {
  BatchDocument spec;
  Source* source;
  std::atomic<bool> failed{false};
};

struct Job {
  Document* document;
  size_t exporter;  // index into BatchRequest::exporter_ids
  fs::path output;
};

// Messages, progress and counts, shared by the worker threads.
class Report {
 public:
  Report(size_t total, bool progress) : total_(total), progress_(progress) {}

  void problem(const std::string& text) {
    std::lock_guard lock(mutex_);
    clear_line();
    fmt::print(stderr, "{}\n", text);
    draw();
  }
  void problems(const Problems& problems) {
    std::lock_guard lock(mutex_);
    clear_line();
    for (const auto& p : problems) fmt::print(stderr, "{}\n", p.to_string());
    draw();
  }
  void job_done(bool written) {
    std::lock_guard lock(mutex_);
    ++done_;
    if (written) ++written_;
    clear_line();
    draw();
  }
  void finish() {
    std::lock_guard lock(mutex_);
    clear_line();
  }
  size_t written() const { return written_; }

 private:
  void clear_line() {
    if (progress_ && drawn_) fmt::print(stderr, "\r\033[K");
    drawn_ = false;
  }
  void draw() {
    if (!progress_ || done_ == total_) return;
    constexpr size_t kWidth = 30;
    const size_t filled = total_ ? done_ * kWidth / total_ : kWidth;
    fmt::print(stderr, "[{}{}] {}/{} files", std::string(filled, '#'), std::string(kWidth - filled, '.'),
               done_, total_);
    std::fflush(stderr);
    drawn_ = true;
  }

  std::mutex mutex_;
  const size_t total_;
  const bool progress_;
  size_t done_ = 0, written_ = 0;
  bool drawn_ = false;
};

// The documents an input names: itself, or a directory's document files
// (sorted). An empty list after reporting why.
std::vector<std::string> documents_of(const std::string& input, Report& report) {
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return {input};
  std::vector<std::string> files;
  for (fs::directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && input_format_for(it->path())) files.push_back(it->path().string());
  if (ec) {
    report.problem(fmt::format("{}: cannot read the directory: {}", input, ec.message()));
    return {};
  }
  if (files.empty())
    report.problem(fmt::format("{}: no documents in this directory (*.txtpb, *.json, *.binpb)", input));
  std::sort(files.begin(), files.end());
  return files;
}

void run_job(const BatchRequest& request, const Job& job, PluginHost& host, OutputGroup& outputs,
             Report& report) {
  Document& doc = *job.document;
  Source& source = *doc.source;
  const DoneWithSource done_with_source(source);
  std::call_once(source.loaded, [&] {
    source.document.emplace(load_document_file(source.file));
    if (!*source.document) report.problems(source.document->problems);
  });
  auto fail = [&](const std::string& message) {
    if (!message.empty()) report.problem(fmt::format("{}: {}", source.file, message));
    doc.failed = true;
    report.job_done(false);
  };
  if (!*source.document) return fail("");
  const std::string& id = request.exporter_ids[job.exporter];
  const Plugin* exporter = host.exporter(id);
  if (!exporter) return fail(host.why_not(id));
  auto outcome = render(**source.document, *exporter, doc.spec.compose_options, request.exporter_options);
  if (!outcome) {
    if (outcome.failure == Failure::exporter_failed) return fail(outcome.problems.front().message);
    report.problems(outcome.problems);
    return fail("");
  }
  // The file is in place (or has failed) when its group is committed,
  // perhaps by another thread: `doc`, `source` and `report` outlive that.
  outputs.write(job.output, outcome.value, [&doc, &source, &report](const Problems& problems) {
    if (problems.empty()) return report.job_done(true);
    report.problem(fmt::format("{}: {}", source.file, problems.front().message));
    doc.failed = true;
    report.job_done(false);
  });
}

}  // namespace

int run_batch(const BatchRequest& request) {
  auto warn = [](const std::string& message) { fmt::print(stderr, "kansli: warning: {}\n", message); };
  // The exporters asked for, checked before anything is rendered.
  std::vector<std::string> extensions;
  {
    PluginHost host(request.host_options, warn);
    for (const auto& id : request.exporter_ids) {
      const Plugin* exporter = host.exporter(id);
      if (!exporter) {
        fmt::print(stderr, "kansli render: {}\n", host.why_not(id));
        return KANSLI_EXPORTER_FAILED;
      }
      extensions.push_back(exporter->file_extension);
    }
  }
  std::error_code ec;
  fs::create_directories(request.outdir, ec);
  if (ec || !fs::is_directory(request.outdir) || ::access(request.outdir.c_str(), W_OK | X_OK) != 0) {
    fmt::print(stderr, "kansli render: cannot write into the output directory {}{}\n", request.outdir,
               ec ? ": " + ec.message() : std::string());
    return KANSLI_OUTPUT_FAILED;
  }

  Report listing(0, false);
  size_t failed_inputs = 0;
  std::vector<BatchDocument> specs;
  for (const auto& input : request.inputs) {
    const auto files = documents_of(input, listing);
    if (files.empty()) ++failed_inputs;
    for (const auto& file : files)
      specs.push_back({file, fs::path(file).stem().string(), request.compose_options});
  }
  specs.insert(specs.end(), request.documents.begin(), request.documents.end());
  std::map<std::string, std::unique_ptr<Source>> sources;
  std::vector<std::unique_ptr<Document>> documents;
  for (auto& spec : specs) {
    auto& source = sources[fs::path(spec.file).lexically_normal().string()];
    if (!source) {
      source = std::make_unique<Source>();
      source->file = spec.file;
    }
    documents.push_back(std::make_unique<Document>());
    documents.back()->spec = std::move(spec);
    documents.back()->source = source.get();
  }
  // One job per (document, exporter); two documents may not share an output.
  std::vector<Job> jobs;
  std::map<fs::path, std::string> owners;
  for (auto& doc : documents) {
    const std::string& file = doc->spec.file;
    std::vector<Job> mine;
    for (size_t e = 0; e < extensions.size(); ++e) {
      fs::path output = fs::path(request.outdir) / (doc->spec.output_name + "." + extensions[e]);
      if (auto owner = owners.find(output); owner != owners.end()) {
        listing.problem(fmt::format("{}: its output {} is also {}'s; render it on its own", file,
                                    output.string(), owner->second));
        doc->failed = true;
        break;
      }
      if (std::error_code same; fs::equivalent(file, output, same)) {
        listing.problem(
            fmt::format("{}: the output {} is the input; choose another --outdir", file, output.string()));
        doc->failed = true;
        break;
      }
      mine.push_back({doc.get(), e, output});
    }
    if (doc->failed) continue;
    for (auto& job : mine) {
      owners.emplace(job.output, file);
      ++job.document->source->jobs_left;
      jobs.push_back(std::move(job));
    }
  }

  // Memory a document frees is kept for the next one instead of going back
  // to the kernel and being faulted in again: glibc's defaults (trim the heap
  // beyond 128 KiB free, map blocks of 128 KiB and more on their own) made
  // the year's batch spend 93 ms of its 340 ms CPU as system time, faulting
  // pages in again; with these, 28 ms (docs/batch.md). A batch's peak memory is what its largest
  // documents need at once, as before; only the CLI's batch sets this.
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
  ::mallopt(M_TOP_PAD, 64 << 20);

  Report report(jobs.size(), ::isatty(STDERR_FILENO) == 1);
  const unsigned threads = std::max(
      1u, std::min<unsigned>(request.jobs ? request.jobs : std::max(1u, std::thread::hardware_concurrency()),
                             static_cast<unsigned>(jobs.size())));
  std::atomic<size_t> next{0};
  // Files are flushed to disk a group at a time, not one by one: for 1 000
  // PDFs that is 16 flushes of the file system (each file's own fsync then
  // finds nothing left to write) instead of 2 000 flushes (docs/batch.md).
  OutputGroup outputs(64);
  auto work = [&] {
    PluginHost host(request.host_options, warn);
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) run_job(request, jobs[i], host, outputs, report);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  outputs.commit();
  report.finish();

  const size_t failed =
      failed_inputs + static_cast<size_t>(std::count_if(documents.begin(), documents.end(),
                                                        [](const auto& doc) { return doc->failed.load(); }));
  fmt::print("{} documents, {} files written, {} failed\n", documents.size(), report.written(), failed);
  std::fflush(stdout);
  return failed ? KANSLI_INVALID_INPUT : KANSLI_OK;
}

}  // namespace kansli::cli
