// The C API (kansli/kansli.h) over the C++ pipeline (kansli::render): every
// entry point catches everything, so no exception leaves the library.
#include <fmt/core.h>
#include <kansli/kansli.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <kansli/load.hpp>
#include <kansli/plugin_host.hpp>
#include <kansli/render.hpp>
#include <kansli/style.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "exporter_contract.hpp"

#ifndef KANSLI_VERSION
#define KANSLI_VERSION "unknown"
#endif

// Threads (kansli.h): renders on one context may run at once. `host` is
// guarded by `host_mutex` while an exporter is looked up or loaded; a
// render then uses its Plugin without the lock: loading another exporter
// only adds to the host and never changes a loaded one (plugin_host.hpp:
// references stay valid). Listing every plugin changes what it loads, so
// it has a host of its own. A plugin in a worker process answers one call
// at a time: its renders take its own mutex. Each thread has its own last
// error.
struct kansli_context {
  explicit kansli_context(kansli::HostOptions options)
      : options(options), host(std::move(options), [this](const std::string& message) { warn(message); }) {}

  // Each warning once, whichever host gives it.
  void warn(const std::string& message) {
    std::lock_guard lock(warned_mutex);
    if (warned.insert(message).second) fmt::print(stderr, "kansli: warning: {}\n", message);
  }

  const kansli::HostOptions options;
  std::mutex warned_mutex;
  std::set<std::string> warned;
  std::mutex host_mutex;
  kansli::PluginHost host;
  // Exporters looked up so far by id, and a mutex for each isolated one.
  std::map<std::string, const kansli::Plugin*, std::less<>> by_id;
  std::map<const kansli::Plugin*, std::unique_ptr<std::mutex>> worker_mutexes;

  // kansli_exporter_count and kansli_exporter_id: filled once.
  std::once_flag listed;
  std::unique_ptr<kansli::PluginHost> listing_host;
  std::vector<const kansli::Plugin*> exporters;

  std::mutex errors_mutex;
  // Each thread's last error (nodes, so the strings stay where they are).
  std::unordered_map<std::thread::id, std::string> errors;

  std::mutex style_mutex;
  // kansli_context_set_style; null: each document's own style.
  std::shared_ptr<const kansli::LoadedStyle> style;

  const std::vector<const kansli::Plugin*>& list() {
    std::call_once(listed, [this] {
      auto listing = std::make_unique<kansli::PluginHost>(
          options, [this](const std::string& message) { warn(message); });
      std::vector<const kansli::Plugin*> usable;
      for (const kansli::Plugin* plugin : listing->load_all())
        if (plugin->usable()) usable.push_back(plugin);
      listing_host = std::move(listing);
      exporters = std::move(usable);
    });
    return exporters;
  }

  // The exporter with this id, loaded once, and the mutex its renders take
  // (null: none needed); nullptr after setting `why_not`.
  const kansli::Plugin* exporter(std::string_view id, std::mutex*& worker_mutex, std::string& why_not) {
    std::lock_guard lock(host_mutex);
    auto found = by_id.find(id);
    if (found == by_id.end()) {
      const kansli::Plugin* plugin = host.exporter(id);
      if (!plugin) {
        why_not = host.why_not(id);
        return nullptr;
      }
      found = by_id.emplace(std::string(id), plugin).first;
      if (plugin->isolated) worker_mutexes.emplace(plugin, std::make_unique<std::mutex>());
    }
    worker_mutex = found->second->isolated ? worker_mutexes.at(found->second).get() : nullptr;
    return found->second;
  }

  // This thread's last error.
  std::string& last_error() {
    std::lock_guard lock(errors_mutex);
    return errors[std::this_thread::get_id()];
  }

  std::shared_ptr<const kansli::LoadedStyle> current_style() {
    std::lock_guard lock(style_mutex);
    return style;
  }
};

namespace {

// The name problems are reported under: "input:12:5: ...".
constexpr const char* kInputName = "input";

std::string join(const kansli::Problems& problems) {
  std::string text;
  for (const auto& problem : problems) {
    if (!text.empty()) text += '\n';
    text += problem.to_string();
  }
  return text;
}

// For catch handlers: builds the message inside its own try, so that no
// allocation failure can escape the C API.
int fail_noexcept(kansli_context* context, kansli_status status, const char* prefix,
                  std::string_view detail) noexcept {
  try {
    context->last_error() = kansli::contract::valid_utf8(std::string(prefix).append(detail));
  } catch (...) {
    try {
      context->last_error().clear();
    } catch (...) {
      // Out of memory for this thread's entry: the last error stays.
    }
  }
  return status;
}

int fail(kansli_context* context, kansli_status status, const std::string& message) {
  // Every message handed to the caller is valid UTF-8 (fail_noexcept).
  return fail_noexcept(context, status, "", message);
}

}  // namespace

extern "C" {

const char* kansli_version(void) { return KANSLI_VERSION; }

void kansli_context_options_init(kansli_context_options* options) {
  if (!options) return;
  *options = kansli_context_options{};
  options->struct_size = sizeof *options;
  options->use_environment = 1;
  options->use_default_path = 1;
  options->isolation = KANSLI_ISOLATE_AUTO;
}

kansli_context* kansli_context_create_with(const kansli_context_options* given) {
  try {
    kansli_context_options options;
    kansli_context_options_init(&options);
    // A caller built against an older kansli.h knows fewer members.
    if (given) std::memcpy(&options, given, std::min(given->struct_size, sizeof options));
    kansli::HostOptions host;
    host.directories = kansli::PluginHost::split_search_path(options.plugin_path ? options.plugin_path : "");
    if (options.use_environment && !options.use_default_path) {
      if (const char* env = std::getenv("KANSLI_PLUGIN_PATH"))
        for (auto& directory : kansli::PluginHost::split_search_path(env))
          host.directories.push_back(directory);
    } else if (options.use_default_path) {
      for (auto& directory : kansli::PluginHost::default_search_path(options.use_environment != 0))
        host.directories.push_back(std::move(directory));
    }
    host.built_ins = options.use_default_path != 0;
    switch (options.isolation) {
      case KANSLI_ISOLATE_AUTO: host.isolation = kansli::Isolation::automatic; break;
      case KANSLI_ISOLATE_ALWAYS: host.isolation = kansli::Isolation::always; break;
      case KANSLI_ISOLATE_NEVER: host.isolation = kansli::Isolation::never; break;
      default: return nullptr;
    }
    if (!(options.time_limit_seconds >= 0) || options.time_limit_seconds > 1e6) return nullptr;
    if (options.time_limit_seconds > 0)
      host.time_limit =
          std::chrono::milliseconds(std::max<long long>(1, std::llround(options.time_limit_seconds * 1000)));
    if (options.memory_limit_bytes > 0) host.memory_limit = options.memory_limit_bytes;
    return new kansli_context(std::move(host));
  } catch (...) {
    return nullptr;
  }
}

kansli_context* kansli_context_create(const char* plugin_path) {
  kansli_context_options options;
  kansli_context_options_init(&options);
  options.plugin_path = plugin_path;
  return kansli_context_create_with(&options);
}

void kansli_context_destroy(kansli_context* context) { delete context; }

size_t kansli_exporter_count(const kansli_context* context) {
  try {
    return context ? const_cast<kansli_context*>(context)->list().size() : 0;
  } catch (...) {
    return 0;
  }
}

const char* kansli_exporter_id(const kansli_context* context, size_t index) {
  if (!context || index >= kansli_exporter_count(context)) return nullptr;
  return context->exporters[index]->id.c_str();
}

}  // extern "C"

namespace {

// kansli_render, kansli_render_extract and kansli_render_with: `render`
// as ComposeOptions (its items as extract_items; none for the whole
// document). `format_value` is the caller's kansli_input_format and
// `form_value` its kansli_form, read as ints (see input_format_value).
int render_items(kansli_context* context, const char* function, const void* input, size_t input_size,
                 int format_value, const char* exporter_id, const kansli_render_options& render,
                 int form_value, const kansli_option* options, size_t option_count, kansli_sink sink,
                 void* sink_context) {
  if (!context) return KANSLI_USAGE;
  try {
    context->last_error().clear();
    const unsigned* items = render.items;
    const size_t item_count = render.item_count;
    if ((!input && input_size != 0) || !exporter_id || !sink || (!options && option_count != 0) ||
        (!items && item_count != 0))
      return fail(context, KANSLI_USAGE,
                  fmt::format("{}: input, exporter, sink, items and options must not be NULL", function));
    kansli::ComposeOptions compose_options;
    compose_options.extract_items.assign(items, items + item_count);
    compose_options.style = context->current_style();
    switch (form_value) {
      case KANSLI_FORM_RECORD: compose_options.form = kansli::Form::record; break;
      case KANSLI_FORM_KALLELSE: compose_options.form = kansli::Form::kallelse; break;
      case KANSLI_FORM_ANSLAGSBEVIS: compose_options.form = kansli::Form::anslagsbevis; break;
      default: return fail(context, KANSLI_USAGE, fmt::format("{}: unknown form {}", function, form_value));
    }
    compose_options.reproduction = render.reproduction != 0;
    compose_options.public_version = render.public_version != 0;
    kansli::InputFormat format;
    switch (format_value) {
      case KANSLI_INPUT_TEXT: format = kansli::InputFormat::text; break;
      case KANSLI_INPUT_JSON: format = kansli::InputFormat::json; break;
      case KANSLI_INPUT_BINARY: format = kansli::InputFormat::binary; break;
      default:
        return fail(context, KANSLI_USAGE,
                    fmt::format("{}: unknown input format {}", function, format_value));
    }
    std::mutex* worker_mutex = nullptr;
    std::string why_not;
    const kansli::Plugin* exporter = context->exporter(exporter_id, worker_mutex, why_not);
    if (!exporter) return fail(context, KANSLI_EXPORTER_FAILED, why_not);
    std::map<std::string, std::string> exporter_options;
    for (size_t i = 0; i < option_count; ++i) {
      if (!options[i].key || !options[i].value)
        return fail(context, KANSLI_USAGE, fmt::format("{}: option {} has a NULL key or value", function, i));
      exporter_options[options[i].key] = options[i].value;
    }

    auto document = kansli::load_document(std::string_view(static_cast<const char*>(input), input_size),
                                          format, kInputName);
    if (!document) return fail(context, KANSLI_INVALID_INPUT, join(document.problems));
    std::unique_lock<std::mutex> one_call;
    if (worker_mutex) one_call = std::unique_lock(*worker_mutex);
    auto outcome = kansli::render(*document, *exporter, compose_options, exporter_options);
    one_call = {};
    if (!outcome)
      return fail(
          context,
          outcome.failure == kansli::Failure::exporter_failed ? KANSLI_EXPORTER_FAILED : KANSLI_INVALID_INPUT,
          join(outcome.problems));
    if (sink(sink_context, outcome.value.data(), outcome.value.size()) != 0)
      return fail(context, KANSLI_OUTPUT_FAILED, "the sink refused the output");
    return KANSLI_OK;
  } catch (const std::exception& e) {
    return fail_noexcept(context, KANSLI_EXPORTER_FAILED, "internal error: ", e.what());
  } catch (...) {
    return fail_noexcept(context, KANSLI_EXPORTER_FAILED, "internal error", "");
  }
}

}  // namespace

// A C caller may pass any int as a kansli_input_format; loading an
// out-of-range value as the enum type is undefined in C++ (UBSan), so its
// bytes are read as an int where the caller's argument lies.
static int input_format_value(const kansli_input_format* input_format) {
  static_assert(sizeof *input_format == sizeof(int));
  int value = 0;
  std::memcpy(&value, input_format, sizeof value);
  return value;
}

// kansli_render and kansli_render_with; `format_value` is the caller's
// kansli_input_format read as an int.
static int render_with(kansli_context* context, const char* function, const void* input, size_t input_size,
                       int format_value, const char* exporter_id, const kansli_render_options* render_options,
                       const kansli_option* options, size_t option_count, kansli_sink sink,
                       void* sink_context) {
  kansli_render_options render;
  kansli_render_options_init(&render);
  // A caller built against an older kansli.h knows fewer members.
  if (render_options)
    std::memcpy(&render, render_options, std::min(render_options->struct_size, sizeof render));
  int form_value = 0;
  static_assert(sizeof render.form == sizeof(int));
  std::memcpy(&form_value, &render.form, sizeof form_value);
  return render_items(context, function, input, input_size, format_value, exporter_id, render, form_value,
                      options, option_count, sink, sink_context);
}

extern "C" {

void kansli_render_options_init(kansli_render_options* options) {
  if (!options) return;
  std::memset(options, 0, sizeof *options);
  options->struct_size = sizeof *options;
  options->form = KANSLI_FORM_RECORD;
}

int kansli_render(kansli_context* context, const void* input, size_t input_size,
                  kansli_input_format input_format, const char* exporter_id, const kansli_option* options,
                  size_t option_count, kansli_sink sink, void* sink_context) {
  return render_with(context, "kansli_render", input, input_size, input_format_value(&input_format),
                     exporter_id, nullptr, options, option_count, sink, sink_context);
}

int kansli_render_extract(kansli_context* context, const void* input, size_t input_size,
                          kansli_input_format input_format, const char* exporter_id, const unsigned* items,
                          size_t item_count, const kansli_option* options, size_t option_count,
                          kansli_sink sink, void* sink_context) {
  kansli_render_options render;
  kansli_render_options_init(&render);
  render.items = items;
  render.item_count = item_count;
  return render_items(context, "kansli_render_extract", input, input_size, input_format_value(&input_format),
                      exporter_id, render, KANSLI_FORM_RECORD, options, option_count, sink, sink_context);
}

int kansli_render_with(kansli_context* context, const void* input, size_t input_size,
                       kansli_input_format input_format, const char* exporter_id,
                       const kansli_render_options* render_options, const kansli_option* options,
                       size_t option_count, kansli_sink sink, void* sink_context) {
  return render_with(context, "kansli_render_with", input, input_size, input_format_value(&input_format),
                     exporter_id, render_options, options, option_count, sink, sink_context);
}

int kansli_context_set_style(kansli_context* context, const char* style_file) {
  if (!context) return KANSLI_USAGE;
  try {
    context->last_error().clear();
    std::shared_ptr<const kansli::LoadedStyle> loaded;
    if (style_file && *style_file) {
      auto style = kansli::load_style_file(style_file);
      if (!style) return fail(context, KANSLI_INVALID_INPUT, join(style.problems));
      loaded = std::make_shared<const kansli::LoadedStyle>(std::move(*style));
    }
    std::lock_guard lock(context->style_mutex);
    context->style = std::move(loaded);
    return KANSLI_OK;
  } catch (const std::exception& e) {
    return fail_noexcept(context, KANSLI_USAGE, "internal error: ", e.what());
  }
}

const char* kansli_last_error(const kansli_context* context) {
  if (!context) return "kansli_last_error: no context";
  auto* shared = const_cast<kansli_context*>(context);
  std::lock_guard lock(shared->errors_mutex);
  const auto found = shared->errors.find(std::this_thread::get_id());
  return found == shared->errors.end() ? "" : found->second.c_str();
}

}  // extern "C"
