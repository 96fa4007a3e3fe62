#include <kansli/plugin_host.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>

#ifndef KANSLI_BUILD_PLUGIN_DIR
#define KANSLI_BUILD_PLUGIN_DIR ""
#endif
#ifndef KANSLI_PLUGIN_INSTALL_DIR
#define KANSLI_PLUGIN_INSTALL_DIR "lib/kansli/plugins"
#endif

namespace kansli {

namespace fs = std::filesystem;

std::vector<fs::path> PluginHost::default_search_path() {
  std::vector<fs::path> directories;
  if (const char* env = std::getenv("KANSLI_PLUGIN_PATH")) {
    std::string_view list(env);
    while (!list.empty()) {
      const size_t colon = list.find(':');
      const auto part = list.substr(0, colon);
      if (!part.empty()) directories.emplace_back(part);
      if (colon == std::string_view::npos) break;
      list.remove_prefix(colon + 1);
    }
  }
  std::error_code ec;
  if (fs::path build(KANSLI_BUILD_PLUGIN_DIR); !build.empty() && fs::is_directory(build, ec))
    directories.push_back(build);
  // The installation: <prefix>/bin/kansli or <prefix>/lib/libkansli_core.so.
  const fs::path self = boost::dll::this_line_location(ec).parent_path();
  if (!ec && !self.empty()) {
    const fs::path installed = (self.parent_path() / KANSLI_PLUGIN_INSTALL_DIR).lexically_normal();
    if (std::find(directories.begin(), directories.end(), installed) == directories.end() &&
        fs::is_directory(installed, ec))
      directories.push_back(installed);
  }
  return directories;
}

void PluginHost::load(const std::vector<fs::path>& directories) {
  for (const auto& directory : directories) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(directory, ec))
      if (entry.path().extension() == ".so" && !entry.is_directory()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // A stable order: which one wins must not vary.
    for (const auto& file : files) load_file(file);
  }
}

void PluginHost::load_file(const fs::path& path) {
  Plugin plugin;
  plugin.path = path;
  auto reject = [&](std::string error) {
    plugin.error = std::move(error);
    plugins_.push_back(std::move(plugin));
  };
  // Like ssh with loose key permissions: code that others may replace is
  // never loaded.
  for (const fs::path& p : {path, path.parent_path()}) {
    struct stat info {};
    if (::stat(p.c_str(), &info) == 0 && (info.st_mode & (S_IWGRP | S_IWOTH)))
      return reject(fmt::format("refused: {} is writable by others (chmod go-w)", p.string()));
  }
  std::shared_ptr<boost::dll::shared_library> library;
  try {
    library = std::make_shared<boost::dll::shared_library>(
        boost::dll::fs::path(path.string()), boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return reject(fmt::format("not a loadable shared library: {}", e.what()));
  }
  if (!library->has(KANSLI_EXPORTER_ENTRY_SYMBOL))
    return reject(fmt::format("no entry point '{}': not a kansli exporter", KANSLI_EXPORTER_ENTRY_SYMBOL));
  const kansli_exporter_descriptor* descriptor = nullptr;
  try {
    auto entry = library->get<const kansli_exporter_descriptor*()>(KANSLI_EXPORTER_ENTRY_SYMBOL);
    descriptor = entry();
  } catch (const std::exception& e) {
    return reject(fmt::format("entry point failed: {}", e.what()));
  } catch (...) {
    return reject("entry point failed with an unknown exception");
  }
  if (!descriptor) return reject("entry point returned no descriptor");
  plugin.abi_version = descriptor->abi_version;
  if (descriptor->abi_version > KANSLI_EXPORTER_ABI_VERSION)
    return reject(fmt::format("built for exporter ABI {}, newer than this kansli supports ({}); update kansli",
                              descriptor->abi_version, KANSLI_EXPORTER_ABI_VERSION));
  if (descriptor->abi_version < KANSLI_EXPORTER_ABI_MIN_VERSION)
    return reject(fmt::format("built for exporter ABI {}, older than this kansli supports ({}-{}); rebuild the plugin",
                              descriptor->abi_version, KANSLI_EXPORTER_ABI_MIN_VERSION, KANSLI_EXPORTER_ABI_VERSION));
  auto text = [](const char* s) { return std::string(s ? s : ""); };
  plugin.id = text(descriptor->id);
  plugin.display_name = text(descriptor->display_name);
  plugin.version = text(descriptor->version);
  plugin.file_extension = text(descriptor->file_extension);
  plugin.media_type = text(descriptor->media_type);
  if (plugin.id.empty() || !descriptor->render) return reject("descriptor has no id or no render function");
  for (const auto& other : plugins_)
    if (other.usable() && other.id == plugin.id) plugin.shadowed_by = other.path;
  plugin.descriptor = descriptor;
  plugin.library = library;
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
    s->result->error = message ? message : "unknown error";
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
