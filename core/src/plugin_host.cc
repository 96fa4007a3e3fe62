#include <elf.h>
#include <fmt/core.h>
#include <kansli/kansli.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <kansli/plugin_host.hpp>
#include <mutex>
#include <set>

#include "exporter_contract.hpp"
#include "exporter_process.hpp"

// Where the build puts this library; the build tree's plugins are searched
// only when it runs from there.
#ifndef KANSLI_BUILD_CORE_DIR
#define KANSLI_BUILD_CORE_DIR ""
#endif
#ifndef KANSLI_BUILD_PLUGIN_DIR
#define KANSLI_BUILD_PLUGIN_DIR ""
#endif
#ifndef KANSLI_PLUGIN_INSTALL_DIR
#define KANSLI_PLUGIN_INSTALL_DIR "lib/kansli/plugins"
#endif
// The worker, relative to the installation prefix; in the build tree it
// sits beside this library.
#ifndef KANSLI_WORKER_INSTALL_PATH
#define KANSLI_WORKER_INSTALL_PATH "libexec/kansli/kansli-exporter-worker"
#endif
// Comma-separated ids of the exporters linked into this library; set by
// kansli_add_exporter when KANSLI_STATIC_EXPORTERS is ON.
#ifndef KANSLI_STATIC_EXPORTER_IDS
#define KANSLI_STATIC_EXPORTER_IDS ""
#endif

namespace kansli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWorkerName = "kansli-exporter-worker";
constexpr const char* kPluginPrefix = "kansli-exporter-";

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return !a.empty() && !b.empty() && fs::equivalent(a, b, ec);
}

// The directory of the module that holds this code: <prefix>/lib, or the
// build tree's core directory.
fs::path this_module_directory() {
  std::error_code ec;
  return boost::dll::this_line_location(ec).parent_path();
}

bool runs_from_build_tree() { return same_directory(this_module_directory(), KANSLI_BUILD_CORE_DIR); }

fs::path worker_path() {
  const fs::path self = this_module_directory();
  if (runs_from_build_tree()) return self / kWorkerName;
  return (self.parent_path() / KANSLI_WORKER_INSTALL_PATH).lexically_normal();
}

// The non-empty parts of `list` between `separator`s.
std::vector<std::string> split(std::string_view list, char separator) {
  std::vector<std::string> parts;
  while (!list.empty()) {
    const size_t at = list.find(separator);
    if (const auto part = list.substr(0, at); !part.empty()) parts.emplace_back(part);
    if (at == std::string_view::npos) break;
    list.remove_prefix(at + 1);
  }
  return parts;
}

// The DT_NEEDED entries of a 64-bit ELF shared library; empty when it is
// not one (loading then fails with the loader's own message). Read by hand:
// a few lines of <elf.h> against a new dependency (libelf) for them.
std::vector<std::string> needed_libraries(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  auto read_at = [&](std::uint64_t offset, void* into, std::uint64_t size) {
    file.seekg(static_cast<std::streamoff>(offset));
    return static_cast<bool>(file.read(static_cast<char*>(into), static_cast<std::streamsize>(size)));
  };
  Elf64_Ehdr header{};
  if (!read_at(0, &header, sizeof header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_phentsize != sizeof(Elf64_Phdr) ||
      header.e_phnum > 256)
    return {};
  std::vector<Elf64_Phdr> segments(header.e_phnum);
  if (!read_at(header.e_phoff, segments.data(), segments.size() * sizeof(Elf64_Phdr))) return {};
  auto file_offset = [&](std::uint64_t address) -> std::uint64_t {
    for (const auto& s : segments)
      if (s.p_type == PT_LOAD && address >= s.p_vaddr && address < s.p_vaddr + s.p_filesz)
        return address - s.p_vaddr + s.p_offset;
    return 0;
  };
  for (const auto& segment : segments) {
    if (segment.p_type != PT_DYNAMIC || segment.p_filesz > (1 << 20)) continue;
    std::vector<Elf64_Dyn> dynamic(segment.p_filesz / sizeof(Elf64_Dyn));
    if (!read_at(segment.p_offset, dynamic.data(), dynamic.size() * sizeof(Elf64_Dyn))) return {};
    std::uint64_t strtab = 0, strsz = 0;
    for (const auto& entry : dynamic) {
      if (entry.d_tag == DT_STRTAB) strtab = file_offset(entry.d_un.d_ptr);
      if (entry.d_tag == DT_STRSZ) strsz = entry.d_un.d_val;
    }
    if (strtab == 0 || strsz == 0 || strsz > (16 << 20)) return {};
    std::string strings(strsz, '\0');
    if (!read_at(strtab, strings.data(), strsz)) return {};
    std::vector<std::string> needed;
    for (const auto& entry : dynamic)
      if (entry.d_tag == DT_NEEDED && entry.d_un.d_val < strsz)
        needed.emplace_back(strings.c_str() + entry.d_un.d_val);
    return needed;
  }
  return {};
}

// The libkansli_proto a plugin links when it is not this kansli's (the C++
// classes of the schema differ: loading it here would be undefined
// behaviour, or Protobuf's abort on a second copy of the schema).
std::string foreign_schema_library(const fs::path& path) {
  const std::string ours = "libkansli_proto.so." + std::to_string(KANSLI_IR_VERSION);
  for (const auto& library : needed_libraries(path))
    if (library.rfind("libkansli_proto.so", 0) == 0 && library != ours) return library;
  return {};
}

// --- Calls into a plugin in this process --------------------------------
//
// While any call runs, standard output is standard error (a plugin's
// printf never reaches a document written to stdout), and an exit() or a
// crash names the exporter. Process-wide, so counted under a mutex.
std::mutex call_mutex;
std::atomic<int> calls{0};
int saved_stdout = -1;
// "exporter 'x' (/path/kansli-exporter-x.so) in render": for the handlers.
char current_call[768];

void write_stderr(const char* text) {
  for (size_t left = std::strlen(text); left > 0;) {
    const ssize_t n = ::write(2, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

void exit_during_call() {
  if (calls.load() == 0) return;
  write_stderr("kansli: ");
  write_stderr(current_call);
  write_stderr(" ended the process (exit); an exporter must return instead\n");
  ::_exit(KANSLI_EXPORTER_FAILED);
}

void crash_during_call(int signal) {
  if (calls.load() > 0) {
    char number[16];
    std::snprintf(number, sizeof number, "%d", signal);  // glibc: no allocation for %d
    write_stderr("kansli: ");
    write_stderr(current_call);
    write_stderr(" crashed (signal ");
    write_stderr(number);
    write_stderr("); run it isolated with --isolate to keep kansli running\n");
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

class InProcessCall {
 public:
  InProcessCall(const Plugin& plugin, const char* what) {
    std::lock_guard lock(call_mutex);
    static const bool registered = std::atexit(&exit_during_call) == 0;
    (void)registered;
    std::snprintf(current_call, sizeof current_call, "exporter '%s' (%s) in %s",
                  plugin.id.empty() ? "?" : plugin.id.c_str(), plugin.path.c_str(), what);
    if (calls.fetch_add(1) == 0) {
      std::fflush(stdout);
      saved_stdout = ::dup(1);
      if (saved_stdout >= 0) ::dup2(2, 1);
    }
  }
  ~InProcessCall() {
    std::lock_guard lock(call_mutex);
    std::fflush(stdout);  // What the plugin buffered goes to stderr too.
    if (calls.fetch_sub(1) == 1 && saved_stdout >= 0) {
      ::dup2(saved_stdout, 1);
      ::close(saved_stdout);
      saved_stdout = -1;
    }
  }
  InProcessCall(const InProcessCall&) = delete;
  InProcessCall& operator=(const InProcessCall&) = delete;
};

void apply(const contract::Description& d, Plugin& plugin) {
  plugin.abi_version = d.abi_version;
  plugin.ir_version = d.ir_version;
  plugin.id = d.id;
  plugin.display_name = d.display_name;
  plugin.version = d.version;
  plugin.file_extension = d.file_extension;
  plugin.media_type = d.media_type;
  plugin.reads = d.reads;
}

WorkerLimits limits_of(const Plugin& plugin) { return {plugin.time_limit, plugin.memory_limit}; }

// Starts a worker for an isolated plugin and takes its description; sets
// plugin.error when that fails. The worker stays with the plugin.
void start_worker(Plugin& plugin) {
  plugin.worker.reset();
  try {
    WorkerAnswer first;
    auto worker = std::make_shared<WorkerProcess>(worker_path(), plugin.path, limits_of(plugin), first);
    if (!first.failure.empty()) {
      plugin.error = "loading it " + first.failure;
      return;
    }
    size_t pos = 0;
    contract::wire::Tag tag;
    std::string_view payload;
    contract::Description description;
    bool described = false;
    while (contract::wire::next_record(first.records, pos, tag, payload)) {
      if (tag == contract::wire::Tag::error) plugin.error = contract::valid_utf8(payload);
      if (tag == contract::wire::Tag::description) described = contract::wire::decode(payload, description);
    }
    if (!plugin.error.empty()) return;
    // The worker ran plugin code: check again what it says.
    if (!described || !contract::is_safe_name(description.id) ||
        !contract::is_safe_name(description.file_extension) ||
        (!plugin.id.empty() && plugin.id != description.id)) {
      plugin.error = "the worker gave no valid description of the exporter";
      return;
    }
    for (std::string* text : {&description.display_name, &description.version, &description.media_type})
      *text = contract::valid_utf8(*text);
    for (auto& feature : description.reads) feature = contract::valid_utf8(feature);
    apply(description, plugin);
    plugin.worker = std::move(worker);
  } catch (const std::exception& e) {
    plugin.error = fmt::format("cannot run it isolated: {}", contract::valid_utf8(e.what()));
  }
}

}  // namespace

PluginHost::PluginHost()
    : PluginHost([](const std::string& message) { fmt::print(stderr, "kansli: warning: {}\n", message); }) {}

PluginHost::PluginHost(WarningHandler on_warning)
    : PluginHost(HostOptions{default_search_path()}, std::move(on_warning)) {}

PluginHost::PluginHost(HostOptions options, WarningHandler on_warning)
    : options_(std::move(options)), on_warning_(std::move(on_warning)) {
  // The same directory twice is searched once.
  std::vector<fs::path> unique;
  for (const auto& directory : options_.directories)
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const fs::path& d) { return d == directory || same_directory(d, directory); }))
      unique.push_back(directory);
  options_.directories = std::move(unique);
}

std::vector<fs::path> PluginHost::standard_search_path() {
  std::vector<fs::path> directories;
  std::error_code ec;
  const fs::path self = this_module_directory();
  // An installed kansli never looks into the tree it was built in.
  if (fs::path build(KANSLI_BUILD_PLUGIN_DIR);
      !build.empty() && runs_from_build_tree() && fs::is_directory(build, ec))
    directories.push_back(build);
  if (!self.empty()) {
    const fs::path installed = (self.parent_path() / KANSLI_PLUGIN_INSTALL_DIR).lexically_normal();
    if (fs::is_directory(installed, ec)) directories.push_back(installed);
  }
  return directories;
}

std::vector<fs::path> PluginHost::default_search_path(bool environment) {
  std::vector<fs::path> directories;
  if (const char* env = std::getenv("KANSLI_PLUGIN_PATH"); env && environment)
    directories = split_search_path(env);
  for (auto& directory : standard_search_path())
    if (std::find(directories.begin(), directories.end(), directory) == directories.end())
      directories.push_back(std::move(directory));
  return directories;
}

std::vector<fs::path> PluginHost::split_search_path(std::string_view list) {
  std::vector<fs::path> directories;
  for (auto& part : split(list, ':')) directories.emplace_back(std::move(part));
  return directories;
}

std::vector<std::string> PluginHost::built_in_ids() { return split(KANSLI_STATIC_EXPORTER_IDS, ','); }

void PluginHost::warn_once(const std::string& key, const std::string& message) {
  if (std::find(warned_.begin(), warned_.end(), key) != warned_.end()) return;
  warned_.push_back(key);
  if (on_warning_) on_warning_(message);
}

bool PluginHost::isolate(const fs::path& path) const {
  switch (options_.isolation) {
    case Isolation::always: return true;
    case Isolation::never: return false;
    case Isolation::automatic: break;
  }
  const fs::path directory = path.parent_path();
  for (const auto& standard : standard_search_path())
    if (same_directory(standard, directory)) return false;
  return true;
}

const Plugin& PluginHost::load_file(const fs::path& path) {
  for (const auto& plugin : plugins_)
    if (!plugin.built_in && plugin.path == path) return plugin;
  Plugin& plugin = plugins_.emplace_back();
  plugin.path = path;
  // Like ssh with loose key permissions: code that others may replace is
  // never loaded, and the user is told (once per file or directory).
  for (const fs::path& p : {path, path.parent_path()}) {
    struct stat info {};
    if (::stat(p.c_str(), &info) == 0 && (info.st_mode & (S_IWGRP | S_IWOTH))) {
      plugin.error = fmt::format("refused: {} is writable by others (chmod go-w {})", p.string(), p.string());
      warn_once(p.string(), fmt::format("plugin {} {}", path.string(), plugin.error));
      return plugin;
    }
  }
  plugin.isolated = isolate(path);
  plugin.time_limit = options_.time_limit;
  plugin.memory_limit = options_.memory_limit;
  if (plugin.isolated) {
    start_worker(plugin);
    add_described(plugin, nullptr);
    return plugin;
  }

  if (const auto foreign = foreign_schema_library(path); !foreign.empty()) {
    plugin.error = fmt::format(
        "built against another IR schema ({}); this kansli has IR schema {} (libkansli_proto.so.{}): rebuild "
        "the "
        "plugin against this kansli's SDK, or run it isolated (--isolate)",
        foreign, KANSLI_IR_VERSION, KANSLI_IR_VERSION);
    return plugin;
  }
  std::shared_ptr<boost::dll::shared_library> library;
  try {
    library = std::make_shared<boost::dll::shared_library>(
        boost::dll::fs::path(path.string()),
        boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    plugin.error = fmt::format("not a loadable shared library: {}", contract::valid_utf8(e.what()));
    return plugin;
  }
  if (!library->has(KANSLI_EXPORTER_ENTRY_SYMBOL)) {
    plugin.error = fmt::format("no entry point '{}': not a kansli exporter", KANSLI_EXPORTER_ENTRY_SYMBOL);
    return plugin;
  }
  plugin.library = library;
  add_described(plugin, &library->get<const kansli_exporter_descriptor*()>(KANSLI_EXPORTER_ENTRY_SYMBOL));
  return plugin;
}

const Plugin& PluginHost::load_linked(const std::string& id) {
  for (const auto& plugin : plugins_)
    if (plugin.built_in && plugin.id == id) return plugin;
  const std::string symbol = std::string(KANSLI_EXPORTER_ENTRY_SYMBOL) + "_" + id;
  Plugin& plugin = plugins_.emplace_back();
  plugin.built_in = true;
  // First this core library (it holds the built-in exporters, even when a
  // program loaded it with RTLD_LOCAL), then the program itself and what it
  // was linked with.
  for (const auto& module : {boost::dll::this_line_location(), boost::dll::program_location()}) {
    try {
      auto library = std::make_shared<boost::dll::shared_library>(module, boost::dll::load_mode::rtld_lazy);
      if (!library->has(symbol)) continue;
      plugin.path = module.string();
      plugin.library = library;
      add_described(plugin, &library->get<const kansli_exporter_descriptor*()>(symbol));
      return plugin;
    } catch (const std::exception&) {
      continue;  // Not loadable as a library: try the next place.
    }
  }
  plugin.path = boost::dll::program_location().string();
  plugin.id = id;
  plugin.error = fmt::format("built-in exporter '{}' not found: no symbol {} in the program", id, symbol);
  return plugin;
}

// For an in-process plugin, calls `entry` and checks the descriptor; an
// isolated one is described already. Then checks the file name.
void PluginHost::add_described(Plugin& plugin, kansli_exporter_entry_fn entry) {
  if (entry) {
    const kansli_exporter_descriptor* descriptor = nullptr;
    try {
      InProcessCall call(plugin, "its entry point");
      descriptor = entry();
    } catch (const std::exception& e) {
      plugin.error = fmt::format("entry point failed: {}", contract::valid_utf8(e.what()));
    } catch (...) {
      plugin.error = "entry point failed with an unknown exception";
    }
    contract::Description description;
    if (plugin.error.empty()) plugin.error = contract::describe(descriptor, description);
    if (!plugin.error.empty()) {
      plugin.abi_version = description.abi_version;
      plugin.library.reset();
      return;
    }
    apply(description, plugin);
    plugin.descriptor = descriptor;
  }
  if (plugin.error.empty() && !plugin.built_in &&
      plugin.path.filename() != kPluginPrefix + plugin.id + ".so") {
    plugin.error =
        fmt::format("the file of exporter '{}' must be named {}{}.so", plugin.id, kPluginPrefix, plugin.id);
    plugin.descriptor = nullptr;
    plugin.library.reset();
  }
}

const Plugin* PluginHost::exporter(std::string_view id) {
  if (!contract::is_safe_name(id)) return nullptr;
  std::error_code ec;
  for (const auto& directory : options_.directories) {
    const fs::path file = directory / (kPluginPrefix + std::string(id) + ".so");
    if (!fs::exists(file, ec)) continue;
    if (const Plugin& plugin = load_file(file); plugin.error.empty() && plugin.id == id) return &plugin;
  }
  if (options_.built_ins)
    for (const auto& built_in : built_in_ids())
      if (built_in == id)
        if (const Plugin& plugin = load_linked(built_in); plugin.error.empty()) return &plugin;
  return nullptr;
}

const Plugin* PluginHost::exporter_for_extension(std::string_view extension) {
  if (!contract::is_safe_name(extension)) return nullptr;
  if (const Plugin* plugin = exporter(extension); plugin && plugin->file_extension == extension)
    return plugin;
  for (const Plugin* plugin : load_all())
    if (plugin->usable() && plugin->file_extension == extension) return plugin;
  return nullptr;
}

std::string PluginHost::why_not(std::string_view id) const {
  if (!contract::is_safe_name(id))
    return fmt::format("no exporter '{}': an exporter id is [a-z0-9][a-z0-9_-]{{0,31}}",
                       contract::valid_utf8(id));
  std::string reasons;
  for (const auto& plugin : plugins_)
    if (!plugin.error.empty() &&
        (plugin.built_in ? plugin.id == id
                         : plugin.path.filename() == kPluginPrefix + std::string(id) + ".so"))
      reasons += fmt::format("; {}: {}", plugin.path.string(), plugin.error);
  if (reasons.empty()) return fmt::format("no exporter '{}' (see kansli plugins)", id);
  return fmt::format("exporter '{}' cannot be used{}", id, reasons);
}

const std::vector<const Plugin*>& PluginHost::load_all() {
  if (all_loaded_) return listing_;
  all_loaded_ = true;
  auto& order = listing_;
  for (const auto& directory : options_.directories) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(directory, ec))
      if (entry.path().extension() == ".so" && !entry.is_directory()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // A stable order: which one wins must not vary.
    for (const auto& file : files) {
      const bool loaded_before = std::any_of(plugins_.begin(), plugins_.end(),
                                             [&](const Plugin& p) { return !p.built_in && p.path == file; });
      const Plugin& plugin = load_file(file);
      // Listed, not used: its worker need not wait.
      if (!loaded_before) const_cast<Plugin&>(plugin).worker.reset();
      order.push_back(&plugin);
    }
  }
  if (options_.built_ins)
    for (const auto& id : built_in_ids()) order.push_back(&load_linked(id));
  // The first usable plugin of an id in the search order wins.
  for (size_t i = 0; i < order.size(); ++i) {
    auto* plugin = const_cast<Plugin*>(order[i]);
    if (!plugin->error.empty()) continue;
    for (size_t k = 0; k < i; ++k)
      if (order[k]->error.empty() && order[k]->shadowed_by.empty() && order[k]->id == plugin->id) {
        plugin->shadowed_by = order[k]->path;
        break;
      }
  }
  return listing_;
}

std::vector<std::string> PluginHost::features_of(const ir::Document& ir) {
  std::set<std::string> features(ir.features().begin(), ir.features().end());
  if (features.empty()) {
    const auto* descriptor = ir::Block::descriptor();
    for (const auto& block : ir.blocks())
      if (const auto* field = descriptor->FindFieldByNumber(block.content_case()))
        features.insert(field->name());
  }
  return {features.begin(), features.end()};
}

RenderResult PluginHost::render(const Plugin& exporter, const ir::Document& ir, std::string_view source,
                                const std::map<std::string, std::string>& options) {
  return render(exporter, ir, nullptr, source, options);
}

RenderResult PluginHost::render(const Plugin& exporter, ir::Document&& ir, std::string_view source,
                                const std::map<std::string, std::string>& options) {
  return render(exporter, ir, &ir, source, options);
}

RenderResult PluginHost::render(const Plugin& exporter, const ir::Document& ir, ir::Document* owned,
                                std::string_view source, const std::map<std::string, std::string>& options) {
  RenderResult result;
  if (!exporter.error.empty() || !exporter.shadowed_by.empty() ||
      (!exporter.isolated && !exporter.descriptor)) {
    result.error = exporter.error.empty() ? "not loaded" : exporter.error;
    return result;
  }
  // A feature the exporter does not read would be lost: refuse.
  const auto features = features_of(ir);
  std::string missing;
  for (const auto& feature : features)
    if (std::find(exporter.reads.begin(), exporter.reads.end(), feature) == exporter.reads.end())
      missing += (missing.empty() ? "" : ", ") + feature;
  if (!missing.empty()) {
    result.error = fmt::format(
        "does not read {} used by this document (IR version {}; the exporter was built for IR version {}); "
        "nothing is rendered rather than content lost: update the exporter",
        missing, ir.ir_version(), exporter.ir_version);
    return result;
  }
  // The IR declares its version and features: appended as a second message,
  // which Protobuf merges into the first.
  std::string declared_bytes;
  if (ir.features().empty() || ir.ir_version() == 0) {
    ir::Document declared;
    if (ir.ir_version() == 0) declared.set_ir_version(KANSLI_IR_VERSION);
    if (ir.features().empty())
      for (const auto& feature : features) declared.add_features(feature);
    declared_bytes = declared.SerializeAsString();
  }
  // Sized once: a long document's IR is tens of MB, and growing the string
  // would briefly hold it twice.
  const size_t ir_size = ir.ByteSizeLong();
  std::string ir_bytes(ir_size + declared_bytes.size(), '\0');
  ir.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(ir_bytes.data()));
  ir_bytes.replace(ir_size, declared_bytes.size(), declared_bytes);
  if (owned) {
    // The exporter parses its own copy from ir_bytes: free this one, and
    // give what was freed back to the system before the exporter's peak.
    ir::Document().Swap(owned);
    if (ir_size >= (1u << 20)) ::malloc_trim(0);  // a heap walk: for long documents only
  }
  const contract::Options option_list(options.begin(), options.end());

  if (!exporter.isolated) {
    contract::CallResult call;
    {
      InProcessCall guard(exporter, "render");
      call = contract::call_render(*exporter.descriptor, ir_bytes, source, option_list);
    }
    result.ok = call.ok;
    result.bytes = std::move(call.bytes);
    result.error = std::move(call.error);
    return result;
  }

  try {
    auto* plugin = const_cast<Plugin*>(&exporter);  // Its worker is the host's to restart.
    if (!plugin->worker || !std::static_pointer_cast<WorkerProcess>(plugin->worker)->alive()) {
      Plugin fresh = exporter;
      fresh.error.clear();
      start_worker(fresh);
      if (!fresh.error.empty()) {
        result.error = fresh.error;
        return result;
      }
      plugin->worker = fresh.worker;
    }
    auto worker = std::static_pointer_cast<WorkerProcess>(plugin->worker);
    auto answer =
        worker->call(contract::wire::encode({std::move(ir_bytes), std::string(source), option_list}));
    // After a failed allocation its heap is not to be trusted: a new worker next time.
    if (answer.memory_exhausted || !worker->alive()) plugin->worker.reset();
    if (!answer.failure.empty()) {
      result.error = fmt::format("{}; it ran isolated: {}", answer.failure, exporter.path.string());
      return result;
    }
    size_t pos = 0;
    contract::wire::Tag tag;
    std::string_view payload;
    bool answered = false;
    while (contract::wire::next_record(answer.records, pos, tag, payload)) {
      if (tag == contract::wire::Tag::error) result.error = contract::valid_utf8(payload), answered = true;
      if (tag == contract::wire::Tag::bytes) result.bytes.assign(payload), result.ok = answered = true;
    }
    if (answer.memory_exhausted && !result.ok)
      result.error =
          fmt::format("exceeded the memory limit of {} MiB ({})", exporter.memory_limit >> 20, result.error);
    if (!answered) result.error = "the worker gave no answer";
  } catch (const std::exception& e) {
    result = {};
    result.error = fmt::format("cannot run it isolated: {}", contract::valid_utf8(e.what()));
  }
  if (!result.ok) std::string().swap(result.bytes);
  return result;
}

RenderResult PluginHost::render(const Plugin& exporter, std::string_view ir, std::string_view source,
                                const std::map<std::string, std::string>& options) {
  ir::Document document;
  if (!document.ParseFromArray(ir.data(), static_cast<int>(ir.size())))
    return {false, {}, "the IR does not parse"};
  return render(exporter, std::move(document), source, options);
}

void PluginHost::load(const std::vector<fs::path>& directories) {
  options_.directories = directories;
  all_loaded_ = false;
  listing_.clear();
  load_all();
}

const Plugin* PluginHost::find(std::string_view id) const {
  for (const auto& plugin : plugins_)
    if (plugin.usable() && plugin.id == id) return &plugin;
  return nullptr;
}

void PluginHost::report_crashes_of_exporters() {
  for (int signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) {
    struct sigaction action {};
    action.sa_handler = &crash_during_call;
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
  }
}

}  // namespace kansli
