// Finding, loading and calling exporter plugins (kansli/exporter.h) with
// Boost.DLL.
#ifndef KANSLI_PLUGIN_HOST_HPP
#define KANSLI_PLUGIN_HOST_HPP

#include <kansli/exporter.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kansli {

// One plugin file the host found, loaded or not.
struct Plugin {
  std::filesystem::path path;
  // Filled when loaded; `error` says why not otherwise.
  std::string id, display_name, version, file_extension, media_type;
  std::uint32_t abi_version = 0;
  std::string error;
  // Set when another plugin with the same id was found earlier in the
  // search path: the earlier one wins.
  std::filesystem::path shadowed_by;

  bool usable() const { return error.empty() && shadowed_by.empty(); }

  // Implementation detail: keeps the library loaded.
  std::shared_ptr<void> library;
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
  // Directories searched, in order (earlier wins for the same id):
  // KANSLI_PLUGIN_PATH (':'-separated), the build tree's plugin directory
  // (when it exists), and <prefix>/lib/kansli/plugins of the installation.
  static std::vector<std::filesystem::path> default_search_path();

  // Loads every shared library (*.so) in `directories`. Never throws for a
  // bad plugin: it is kept with its error.
  void load(const std::vector<std::filesystem::path>& directories);
  // Loads one plugin file.
  void load_file(const std::filesystem::path& path);

  const std::vector<Plugin>& plugins() const { return plugins_; }
  // The usable plugin with this id, or nullptr.
  const Plugin* find(std::string_view id) const;
  // The usable plugin writing files with this extension (no dot), or nullptr.
  const Plugin* find_by_extension(std::string_view extension) const;

  // Calls the plugin's render with serialized IR and source. Exceptions
  // cannot cross the ABI; failures come back in RenderResult.
  static RenderResult render(const Plugin& plugin, std::string_view ir, std::string_view source,
                             const std::map<std::string, std::string>& options = {});

 private:
  std::vector<Plugin> plugins_;
};

}  // namespace kansli

#endif
