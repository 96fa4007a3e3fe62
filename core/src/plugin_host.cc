#include <kansli/plugin_host.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <sys/stat.h>

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
// Comma-separated ids of the exporters linked into this library; set by
// kansli_add_exporter when KANSLI_STATIC_EXPORTERS is ON.
#ifndef KANSLI_STATIC_EXPORTER_IDS
#define KANSLI_STATIC_EXPORTER_IDS ""
#endif

namespace kansli {

namespace fs = std::filesystem;

namespace {

// The smallest descriptor the host accepts: ABI version 1 ends with render.
constexpr size_t kMinDescriptorSize =
    offsetof(kansli_exporter_descriptor, render) + sizeof(kansli_exporter_descriptor::render);

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return !a.empty() && !b.empty() && fs::equivalent(a, b, ec);
}

}  // namespace

PluginHost::PluginHost()
    : PluginHost([](const std::string& message) { fmt::print(stderr, "kansli: warning: {}\n", message); }) {}

PluginHost::PluginHost(WarningHandler on_warning) : on_warning_(std::move(on_warning)) {}

std::vector<fs::path> PluginHost::default_search_path() {
  std::vector<fs::path> directories;
  if (const char* env = std::getenv("KANSLI_PLUGIN_PATH")) directories = split_search_path(env);
  std::error_code ec;
  // <prefix>/bin/kansli or <prefix>/lib/libkansli_core.so: the module that
  // holds this code.
  const fs::path self = boost::dll::this_line_location(ec).parent_path();
  // An installed kansli never looks into the tree it was built in.
  if (fs::path build(KANSLI_BUILD_PLUGIN_DIR);
      !build.empty() && same_directory(self, KANSLI_BUILD_CORE_DIR) && fs::is_directory(build, ec))
    directories.push_back(build);
  if (!self.empty()) {
    const fs::path installed = (self.parent_path() / KANSLI_PLUGIN_INSTALL_DIR).lexically_normal();
    if (std::find(directories.begin(), directories.end(), installed) == directories.end() &&
        fs::is_directory(installed, ec))
      directories.push_back(installed);
  }
  return directories;
}

namespace {
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
}  // namespace

std::vector<fs::path> PluginHost::split_search_path(std::string_view list) {
  std::vector<fs::path> directories;
  for (auto& part : split(list, ':')) directories.emplace_back(std::move(part));
  return directories;
}

std::vector<std::string> PluginHost::built_in_ids() { return split(KANSLI_STATIC_EXPORTER_IDS, ','); }

void PluginHost::load(const std::vector<fs::path>& directories) {
  for (const auto& directory : directories) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(directory, ec))
      if (entry.path().extension() == ".so" && !entry.is_directory()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // A stable order: which one wins must not vary.
    for (const auto& file : files) load_file(file);
  }
  if (!built_ins_loaded_) {
    built_ins_loaded_ = true;
    for (const auto& id : built_in_ids()) load_linked(id);
  }
}

void PluginHost::load_file(const fs::path& path) {
  Plugin plugin;
  plugin.path = path;
  // Like ssh with loose key permissions: code that others may replace is
  // never loaded, and the user is told.
  for (const fs::path& p : {path, path.parent_path()}) {
    struct stat info {};
    if (::stat(p.c_str(), &info) == 0 && (info.st_mode & (S_IWGRP | S_IWOTH))) {
      plugin.error = fmt::format("refused: {} is writable by others (chmod go-w {})", p.string(), p.string());
      if (on_warning_) on_warning_(fmt::format("plugin {} {}", path.string(), plugin.error));
      plugins_.push_back(std::move(plugin));
      return;
    }
  }
  std::shared_ptr<boost::dll::shared_library> library;
  try {
    library = std::make_shared<boost::dll::shared_library>(
        boost::dll::fs::path(path.string()), boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    plugin.error = fmt::format("not a loadable shared library: {}", e.what());
    plugins_.push_back(std::move(plugin));
    return;
  }
  if (!library->has(KANSLI_EXPORTER_ENTRY_SYMBOL)) {
    plugin.error = fmt::format("no entry point '{}': not a kansli exporter", KANSLI_EXPORTER_ENTRY_SYMBOL);
    plugins_.push_back(std::move(plugin));
    return;
  }
  auto& entry = library->get<const kansli_exporter_descriptor*()>(KANSLI_EXPORTER_ENTRY_SYMBOL);
  add(std::move(plugin), library, entry);
}

void PluginHost::load_linked(const std::string& id) {
  const std::string symbol = std::string(KANSLI_EXPORTER_ENTRY_SYMBOL) + "_" + id;
  Plugin plugin;
  plugin.built_in = true;
  // First this core library (it holds the built-in exporters, even when a
  // program loaded it with RTLD_LOCAL), then the program itself and what it
  // was linked with.
  for (const auto& module : {boost::dll::this_line_location(), boost::dll::program_location()}) {
    try {
      auto library = std::make_shared<boost::dll::shared_library>(module, boost::dll::load_mode::rtld_lazy);
      if (!library->has(symbol)) continue;
      plugin.path = module.string();
      auto& entry = library->get<const kansli_exporter_descriptor*()>(symbol);
      add(std::move(plugin), library, entry);
      return;
    } catch (const std::exception&) {
      continue;  // Not loadable as a library: try the next place.
    }
  }
  plugin.path = boost::dll::program_location().string();
  plugin.error = fmt::format("built-in exporter '{}' not found: no symbol {} in the program", id, symbol);
  plugins_.push_back(std::move(plugin));
}

void PluginHost::add(Plugin plugin, std::shared_ptr<void> library,
                     const std::function<const kansli_exporter_descriptor*()>& entry) {
  auto reject = [&](std::string error) {
    plugin.error = std::move(error);
    plugins_.push_back(std::move(plugin));
  };
  const kansli_exporter_descriptor* descriptor = nullptr;
  try {
    descriptor = entry();
  } catch (const std::exception& e) {
    return reject(fmt::format("entry point failed: {}", e.what()));
  } catch (...) {
    return reject("entry point failed with an unknown exception");
  }
  if (!descriptor) return reject("entry point returned no descriptor");
  // abi_version is the first member in every version: safe to read first.
  plugin.abi_version = descriptor->abi_version;
  if (descriptor->abi_version > KANSLI_EXPORTER_ABI_VERSION)
    return reject(fmt::format("built for exporter ABI {}, newer than this kansli supports ({}-{}); update kansli",
                              descriptor->abi_version, KANSLI_EXPORTER_ABI_MIN_VERSION, KANSLI_EXPORTER_ABI_VERSION));
  if (descriptor->abi_version < KANSLI_EXPORTER_ABI_MIN_VERSION)
    return reject(fmt::format("built for exporter ABI {}, older than this kansli supports ({}-{}); rebuild the plugin",
                              descriptor->abi_version, KANSLI_EXPORTER_ABI_MIN_VERSION, KANSLI_EXPORTER_ABI_VERSION));
  if (descriptor->struct_size < kMinDescriptorSize)
    return reject(fmt::format("descriptor too small ({} bytes, ABI {} needs at least {})", descriptor->struct_size,
                              descriptor->abi_version, kMinDescriptorSize));
  auto text = [](const char* s) { return std::string(s ? s : ""); };
  plugin.id = text(descriptor->id);
  plugin.display_name = text(descriptor->display_name);
  plugin.version = text(descriptor->version);
  plugin.file_extension = text(descriptor->file_extension);
  plugin.media_type = text(descriptor->media_type);
  if (plugin.id.empty() || !descriptor->render) return reject("descriptor has no id or no render function");
  for (const auto& other : plugins_)
    if (other.usable() && other.id == plugin.id) {
      plugin.shadowed_by = other.path;
      break;
    }
  plugin.descriptor = descriptor;
  plugin.library = std::move(library);
  plugins_.push_back(std::move(plugin));
}

const Plugin* PluginHost::find(std::string_view id) const {
  for (const auto& plugin : plugins_)
    if (plugin.usable() && plugin.id == id) return &plugin;
  return nullptr;
}

const Plugin* PluginHost::find_by_extension(std::string_view extension) const {
  for (const auto& plugin : plugins_)
    if (plugin.usable() && plugin.file_extension == extension) return &plugin;
  return nullptr;
}

namespace {
struct Sink {
  RenderResult* result;
  bool failed = false;
};
}  // namespace

RenderResult PluginHost::render(const Plugin& plugin, std::string_view ir, std::string_view source,
                                const std::map<std::string, std::string>& options) {
  RenderResult result;
  Sink sink{&result};
  std::vector<kansli_option> option_list;
  for (const auto& [key, value] : options) option_list.push_back({key.c_str(), value.c_str()});
  kansli_render_input input{};
  input.struct_size = sizeof input;
  input.ir = {reinterpret_cast<const uint8_t*>(ir.data()), ir.size()};
  input.source = {reinterpret_cast<const uint8_t*>(source.data()), source.size()};
  input.options = option_list.data();
  input.option_count = option_list.size();
  kansli_render_output output{};
  output.struct_size = sizeof output;
  output.context = &sink;
  output.write = [](void* context, const void* data, size_t size) -> int {
    try {
      static_cast<Sink*>(context)->result->bytes.append(static_cast<const char*>(data), size);
      return 0;
    } catch (...) {
      return 1;
    }
  };
  output.fail = [](void* context, const char* message) {
    auto* s = static_cast<Sink*>(context);
    s->failed = true;
    try {  // Nothing may unwind into the plugin.
      s->result->error = message ? message : "unknown error";
    } catch (...) {
      s->result->error.clear();
    }
  };
  const int status = plugin.descriptor->render(&input, &output);
  if (status != 0 || sink.failed) {
    result.ok = false;
    result.bytes.clear();
    if (result.error.empty()) result.error = fmt::format("exporter '{}' failed (status {})", plugin.id, status);
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace kansli
