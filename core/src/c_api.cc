// The C API (kansli/kansli.h) over the C++ pipeline (kansli::render): every
// entry point catches everything, so no exception leaves the library.
#include <kansli/kansli.h>
#include <kansli/load.hpp>
#include <kansli/plugin_host.hpp>
#include <kansli/render.hpp>

#include <fmt/core.h>

#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#ifndef KANSLI_VERSION
#define KANSLI_VERSION "unknown"
#endif

struct kansli_context {
  kansli::PluginHost host;
  std::vector<const kansli::Plugin*> exporters;
  std::string last_error;
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

int fail(kansli_context* context, kansli_status status, std::string message) {
  try {
    context->last_error = std::move(message);
  } catch (...) {
    context->last_error.clear();
  }
  return status;
}

// For catch handlers: builds the message inside its own try, so that no
// allocation failure can escape the C API.
int fail_noexcept(kansli_context* context, kansli_status status, const char* prefix, const char* detail) noexcept {
  try {
    context->last_error = std::string(prefix) + detail;
  } catch (...) {
    context->last_error.clear();
  }
  return status;
}

}  // namespace

extern "C" {

const char* kansli_version(void) { return KANSLI_VERSION; }

kansli_context* kansli_context_create(const char* plugin_path) {
  try {
    auto context = std::make_unique<kansli_context>();
    auto directories = kansli::PluginHost::split_search_path(plugin_path ? plugin_path : "");
    for (auto& directory : kansli::PluginHost::default_search_path()) directories.push_back(std::move(directory));
    context->host.load(directories);
    for (const auto& plugin : context->host.plugins())
      if (plugin.usable()) context->exporters.push_back(&plugin);
    return context.release();
  } catch (...) {
    return nullptr;
  }
}

void kansli_context_destroy(kansli_context* context) { delete context; }

size_t kansli_exporter_count(const kansli_context* context) { return context ? context->exporters.size() : 0; }

const char* kansli_exporter_id(const kansli_context* context, size_t index) {
  if (!context || index >= context->exporters.size()) return nullptr;
  return context->exporters[index]->id.c_str();
}

int kansli_render(kansli_context* context, const void* input, size_t input_size, kansli_input_format input_format,
                  const char* output_format, const kansli_option* options, size_t option_count, kansli_sink sink,
                  void* sink_context) {
  if (!context) return KANSLI_USAGE;
  try {
    context->last_error.clear();
    if ((!input && input_size != 0) || !output_format || !sink || (!options && option_count != 0))
      return fail(context, KANSLI_USAGE, "kansli_render: input, output_format, sink and options must not be NULL");
    kansli::InputFormat format;
    // A C caller may pass any int; loading an out-of-range value as the enum
    // type is undefined in C++ (UBSan), so read its bytes as an int.
    static_assert(sizeof input_format == sizeof(int));
    int format_value = 0;
    std::memcpy(&format_value, &input_format, sizeof format_value);
    switch (format_value) {
      case KANSLI_INPUT_TEXT: format = kansli::InputFormat::text; break;
      case KANSLI_INPUT_JSON: format = kansli::InputFormat::json; break;
      case KANSLI_INPUT_BINARY: format = kansli::InputFormat::binary; break;
      default:
        return fail(context, KANSLI_USAGE,
                    fmt::format("kansli_render: unknown input format {}", format_value));
    }
    const kansli::Plugin* exporter = context->host.find(output_format);
    if (!exporter)
      return fail(context, KANSLI_EXPORTER_FAILED, fmt::format("no exporter for format '{}'", output_format));
    std::map<std::string, std::string> exporter_options;
    for (size_t i = 0; i < option_count; ++i) {
      if (!options[i].key || !options[i].value)
        return fail(context, KANSLI_USAGE, fmt::format("kansli_render: option {} has a NULL key or value", i));
      exporter_options[options[i].key] = options[i].value;
    }

    auto document =
        kansli::load_document(std::string_view(static_cast<const char*>(input), input_size), format, kInputName);
    if (!document) return fail(context, KANSLI_INVALID_INPUT, join(document.problems));
    auto outcome = kansli::render(*document, *exporter, {}, exporter_options);
    if (!outcome)
      return fail(context,
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

const char* kansli_last_error(const kansli_context* context) {
  return context ? context->last_error.c_str() : "kansli_last_error: no context";
}

}  // extern "C"
