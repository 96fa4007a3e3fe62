// C++ convenience for writing an exporter against kansli/exporter.h.
//
// A plugin writes one function
//
//   std::string render(const kansli::ExportRequest& request);
//
// that returns the finished file's bytes or throws kansli::ExportError (or
// any std::exception) with a message, and exports it with
//
//   KANSLI_DEFINE_EXPORTER(render, "pdf", "PDF (libharu)", "1.0.0", "pdf",
//                          "application/pdf")
//
// The macro defines the C entry point and the descriptor, which declares that
// the exporter reads every feature (block kind) of the IR version of this
// SDK (KANSLI_IR_FEATURES, kansli/exporter.h); the adapter parses
// the IR (the source document only when the exporter asks for it, with
// request.source()), catches every exception and reports it through the
// ABI, so nothing C++ crosses the boundary. Header-only: a plugin needs the
// kansli_proto library and this header, nothing from the core.
//
// Compiled with KANSLI_EXPORTER_ENTRY_NAME defined (kansli_add_exporter does
// so when KANSLI_STATIC_EXPORTERS is ON), the macro names the entry point
// that instead, e.g. kansli_exporter_entry_pdf, so that several exporters
// can be linked into one program.
#ifndef KANSLI_EXPORTER_SUPPORT_HPP
#define KANSLI_EXPORTER_SUPPORT_HPP

#include <kansli/exporter.h>
#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kansli {

// Thrown by an exporter to report a failure with a message.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What an exporter receives, parsed. One request per call, not shared
// between threads.
struct ExportRequest {
  ir::Document ir;
  std::map<std::string, std::string> options;
  // The serialized source document (model.proto), valid during the call.
  std::string_view source_bytes;

  // The source document, parsed on first use (most exporters never read it,
  // and a long one costs memory). Throws ExportError when it does not parse.
  const model::Document& source() const {
    if (!source_) {
      source_.emplace();
      if (!source_->ParseFromArray(source_bytes.data(), static_cast<int>(source_bytes.size()))) {
        source_.reset();
        throw ExportError("the source document does not parse");
      }
    }
    return *source_;
  }

  // The option `key`, or `fallback` when it was not given.
  std::string option(const std::string& key, const std::string& fallback = {}) const {
    auto it = options.find(key);
    return it == options.end() ? fallback : it->second;
  }

 private:
  mutable std::optional<model::Document> source_;
};

namespace detail {

// Render: std::string(const ExportRequest&), or std::string(ExportRequest&)
// for an exporter that frees what it no longer needs of the request (the
// PDF exporter lets the IR go before it writes the file).
template <auto Render>
int render_adapter(const kansli_render_input* input, const kansli_render_output* output) noexcept {
  try {
    auto request = std::make_unique<ExportRequest>();
    if (!request->ir.ParseFromArray(input->ir.data, static_cast<int>(input->ir.size)))
      throw ExportError("the document IR does not parse");
    request->source_bytes = {reinterpret_cast<const char*>(input->source.data), input->source.size};
    for (size_t i = 0; i < input->option_count; ++i)
      request->options[input->options[i].key] = input->options[i].value;
    const std::string bytes = Render(*request);
    request.reset();  // Freed before the bytes are copied out.
    if (output->write(output->context, bytes.data(), bytes.size()) != 0) return 1;
    return 0;
  } catch (const std::exception& e) {
    output->fail(output->context, e.what());
  } catch (...) {
    output->fail(output->context, "unknown error in exporter");
  }
  return 1;
}

}  // namespace detail
}  // namespace kansli

#ifndef KANSLI_EXPORTER_ENTRY_NAME
#define KANSLI_EXPORTER_ENTRY_NAME kansli_exporter_entry
#endif

#define KANSLI_DEFINE_EXPORTER(render_fn, id, display_name, version, extension, media_type) \
  extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* KANSLI_EXPORTER_ENTRY_NAME( \
      void) {                                                                               \
    static const kansli_exporter_descriptor descriptor = {                                  \
        KANSLI_EXPORTER_ABI_VERSION,                                                        \
        sizeof(kansli_exporter_descriptor),                                                 \
        id,                                                                                 \
        display_name,                                                                       \
        version,                                                                            \
        extension,                                                                          \
        media_type,                                                                         \
        &::kansli::detail::render_adapter<render_fn>,                                       \
        KANSLI_IR_VERSION,                                                                  \
        KANSLI_IR_FEATURES};                                                                \
    return &descriptor;                                                                     \
  }

#endif  // KANSLI_EXPORTER_SUPPORT_HPP
