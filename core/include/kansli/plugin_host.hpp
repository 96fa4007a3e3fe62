// Finding, loading and calling exporters (kansli/exporter.h). An exporter
// is carried by a plugin file kansli-exporter-<id>.so in the search path, or
// linked into the core library (KANSLI_STATIC_EXPORTERS) and found as the
// symbol kansli_exporter_entry_<id> of the running program.
//
// Only the exporter asked for is loaded (`exporter(id)`); `load_all` tries
// every plugin, for listing. An exporter runs in the host process or, when
// isolated, in a worker process (kansli-exporter-worker) with a time and a
// memory limit, so that a crash, exit, hang or runaway allocation is
// reported as that exporter's failure. Every contract of exporter.h is
// checked (exporter_contract.hpp); failures come back as messages (valid
// UTF-8), never as exceptions or undefined behaviour.
//
// Threads: a PluginHost is used by one thread at a time; `render` may be
// called from several threads on separate hosts.
#ifndef KANSLI_PLUGIN_HOST_HPP
#define KANSLI_PLUGIN_HOST_HPP

#include <kansli/exporter.h>
#include <kansli/ir.pb.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kansli {

// Where exporters run.
enum class Isolation {
  // In a worker for plugins outside kansli's own plugin directories (the
  // installation's and the build tree's); in-process for those and the
  // built-in ones.
  automatic,
  // Every plugin file in a worker (built-in exporters stay in-process).
  always,
  // Everything in-process.
  never,
};

struct HostOptions {
  // Searched in order; the first usable plugin of an id wins.
  std::vector<std::filesystem::path> directories;
  // Also the exporters linked into the program (KANSLI_STATIC_EXPORTERS).
  bool built_ins = true;
  Isolation isolation = Isolation::automatic;
  // Limits of one call in a worker: wall-clock time, and the address space
  // the exporter may add to the worker's.
  std::chrono::milliseconds time_limit{60'000};
  std::uint64_t memory_limit = std::uint64_t(2) << 30;
};

// One plugin file (or linked exporter) the host found, loaded or not.
struct Plugin {
  std::filesystem::path path;
  // Filled when loaded; `error` says why not otherwise.
  std::string id, display_name, version, file_extension, media_type;
  std::uint32_t abi_version = 0;
  // The IR version it was built against, and the features it reads.
  std::uint32_t ir_version = 0;
  std::vector<std::string> reads;
  std::string error;
  // Set when another plugin with the same id was found earlier in the
  // search path: the earlier one wins.
  std::filesystem::path shadowed_by;
  // Linked into the program (KANSLI_STATIC_EXPORTERS); `path` is the module
  // that holds it.
  bool built_in = false;
  // Runs in a worker process, within these limits (HostOptions).
  bool isolated = false;
  std::chrono::milliseconds time_limit{0};
  std::uint64_t memory_limit = 0;

  bool usable() const { return error.empty() && shadowed_by.empty(); }

  // Implementation details: keeps the library loaded (in-process), or the
  // worker process that runs it (isolated; restarted by render when gone).
  std::shared_ptr<void> library;
  std::shared_ptr<void> worker;
  const kansli_exporter_descriptor* descriptor = nullptr;
};

// The result of one render: the bytes, or an error message.
struct RenderResult {
  bool ok = false;
  std::string bytes;
  std::string error;
};

class PluginHost {
 public:
  // Receives warnings about refused plugins (a plugin file or directory
  // writable by others), once per file or directory. The default prints
  // "kansli: warning: ..." to stderr.
  using WarningHandler = std::function<void(const std::string& message)>;
  // Searches default_search_path().
  PluginHost();
  explicit PluginHost(WarningHandler on_warning);
  explicit PluginHost(HostOptions options, WarningHandler on_warning = {});

  // KANSLI_PLUGIN_PATH (':'-separated) when `environment`, then
  // standard_search_path().
  static std::vector<std::filesystem::path> default_search_path(bool environment = true);
  // kansli's own plugin directories: the build tree's (only when this core
  // library runs from the build tree) and <prefix>/lib/kansli/plugins.
  static std::vector<std::filesystem::path> standard_search_path();
  // The directories of a ':'-separated list (empty entries skipped).
  static std::vector<std::filesystem::path> split_search_path(std::string_view list);
  // Ids of the exporters linked into this core library (empty unless built
  // with KANSLI_STATIC_EXPORTERS).
  static std::vector<std::string> built_in_ids();
  // The features (block kinds) `ir` uses, sorted: ir.features, or worked
  // out from its blocks when that is empty.
  static std::vector<std::string> features_of(const ir::Document& ir);

  // The exporter with this id: the first plugin file kansli-exporter-<id>.so
  // in the search path that loads, else the built-in one. Loads nothing
  // else. nullptr when there is none; why_not(id) then says why.
  const Plugin* exporter(std::string_view id);
  // The exporter writing files with this extension (no dot): the one whose
  // id is the extension, else the first of load_all().
  const Plugin* exporter_for_extension(std::string_view extension);
  // "no exporter 'x' ...": why exporter(id) returned nullptr.
  std::string why_not(std::string_view id) const;

  // Tries every *.so file in the search path and every built-in exporter
  // (isolated plugins are probed in a worker), for listing: returns them in
  // the search order, each failed one with its error and each one hidden by
  // an earlier plugin of the same id with `shadowed_by`.
  const std::vector<const Plugin*>& load_all();
  // Loads one plugin file, once; the result is also in plugins().
  const Plugin& load_file(const std::filesystem::path& path);
  // Loads the exporter whose entry point kansli_exporter_entry_<id> is
  // linked into this core library or the running program.
  const Plugin& load_linked(const std::string& id);

  // What was loaded so far, in order. References stay valid.
  const std::deque<Plugin>& plugins() const { return plugins_; }

  // Hands `ir` (its version and features declared) and the serialized
  // source to the exporter, in-process or in a worker, and checks what comes
  // back. A document using a feature the exporter does not read is refused.
  static RenderResult render(const Plugin& exporter, const ir::Document& ir, std::string_view source,
                             const std::map<std::string, std::string>& options = {});
  // The same, freeing `ir` once it is serialized, before the exporter runs
  // (less memory at the peak); `ir` is left empty.
  static RenderResult render(const Plugin& exporter, ir::Document&& ir, std::string_view source,
                             const std::map<std::string, std::string>& options = {});

  // The same for a serialized kansli.ir.Document (for exporters' tests).
  static RenderResult render(const Plugin& exporter, std::string_view ir, std::string_view source,
                             const std::map<std::string, std::string>& options = {});
  // Searches `directories` instead and loads every plugin in them, as
  // load_all (for exporters' tests).
  void load(const std::vector<std::filesystem::path>& directories);
  // The usable exporter with this id among those loaded so far, or nullptr.
  const Plugin* find(std::string_view id) const;

  // For the CLI: a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) inside an
  // in-process exporter call names the exporter on stderr before the
  // process dies. Installs signal handlers; call once, early.
  static void report_crashes_of_exporters();

 private:
  static RenderResult render(const Plugin& exporter, const ir::Document& ir, ir::Document* owned,
                             std::string_view source, const std::map<std::string, std::string>& options);
  void add_described(Plugin& plugin, kansli_exporter_entry_fn entry);
  bool isolate(const std::filesystem::path& path) const;
  void warn_once(const std::string& key, const std::string& message);

  HostOptions options_;
  WarningHandler on_warning_;
  std::deque<Plugin> plugins_;
  std::vector<const Plugin*> listing_;
  std::vector<std::string> warned_;
  bool all_loaded_ = false;
};

}  // namespace kansli

#endif
