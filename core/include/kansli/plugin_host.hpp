// Finding, loading and calling exporter plugins (kansli/exporter.h) with
// Boost.DLL. Plugins are shared libraries in the search path, or exporters
// linked into the core library (KANSLI_STATIC_EXPORTERS), which are looked
// up as symbols kansli_exporter_entry_<id> of the running program.
#ifndef KANSLI_PLUGIN_HOST_HPP
#define KANSLI_PLUGIN_HOST_HPP

#include <kansli/exporter.h>

#include <filesystem>
#include <functional>
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
  // Linked into the program (KANSLI_STATIC_EXPORTERS); `path` is the module
  // that holds it.
  bool built_in = false;

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
  // Receives warnings about refused plugins (a plugin file or directory
  // writable by others). The default prints "kansli: warning: ..." to stderr.
  using WarningHandler = std::function<void(const std::string& message)>;
  PluginHost();
  explicit PluginHost(WarningHandler on_warning);

  // Directories searched, in order (earlier wins for the same id):
  // KANSLI_PLUGIN_PATH (':'-separated), the build tree's plugin directory
  // (only when this core library runs from the build tree), and
  // <prefix>/lib/kansli/plugins of the installation.
  static std::vector<std::filesystem::path> default_search_path();
  // The directories of a ':'-separated list (empty entries skipped).
  static std::vector<std::filesystem::path> split_search_path(std::string_view list);
  // Ids of the exporters linked into this core library (empty unless built
  // with KANSLI_STATIC_EXPORTERS).
  static std::vector<std::string> built_in_ids();

  // Loads every shared library (*.so) in `directories`, then, once, the
  // built-in exporters (so a plugin in the search path with the same id
  // wins over a built-in one). Never throws for a bad plugin: it is kept
  // with its error.
  void load(const std::vector<std::filesystem::path>& directories);
  // Loads one plugin file.
  void load_file(const std::filesystem::path& path);
  // Loads the exporter whose entry point kansli_exporter_entry_<id> is
  // linked into this core library or the running program.
  void load_linked(const std::string& id);

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
  // Checks the descriptor an entry point returned and adds the plugin.
  void add(Plugin plugin, std::shared_ptr<void> library,
           const std::function<const kansli_exporter_descriptor*()>& entry);

  std::vector<Plugin> plugins_;
  WarningHandler on_warning_;
  bool built_ins_loaded_ = false;
};

}  // namespace kansli

#endif
