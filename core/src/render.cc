#include <fmt/core.h>

#include <kansli/render.hpp>
#include <kansli/validate.hpp>
#include <optional>

#include "meeting_record/meeting_life.hpp"

namespace kansli {

namespace {

// render() for both overloads: `owned`, when given, is `document` itself,
// whose model and field positions are freed once the exporter's input is
// serialized (a 2 000-page protokoll: some 30 MB less at the peak).
Result<std::string> render_document(const LoadedDocument& document, LoadedDocument* owned,
                                    const Plugin& exporter, const ComposeOptions& compose_options,
                                    const std::map<std::string, std::string>& exporter_options) {
  if (auto problems = validate(document, compose_options); !problems.empty())
    return Result<std::string>::failed(Failure::invalid_input, std::move(problems));
  // The public version: exporters see only the redacted model, as source
  // too (the JSON exporter writes it), never the marked content.
  std::optional<model::Document> redacted;
  if (compose_options.public_version) redacted = redact(document.document);
  const model::Document& source = redacted ? *redacted : document.document;
  auto ir = compose(source, compose_options);
  if (!ir) {
    for (auto& problem : ir.problems) problem.file = document.file;
    return Result<std::string>::failed(ir.failure, std::move(ir.problems));
  }
  if (auto problems = apply_house_style(effective_style(document, compose_options.style), *ir);
      !problems.empty())
    return Result<std::string>::failed(Failure::invalid_input, std::move(problems));
  const std::string source_bytes = source.SerializeAsString();
  redacted.reset();
  if (owned) {
    // Every problem with a place has been reported: what points at fields
    // is no longer needed, nor the model, which the exporter gets serialized.
    owned->positions.reset();
    std::string().swap(owned->json_source);
    model::Document().Swap(&owned->document);
  }
  auto result = PluginHost::render(exporter, std::move(*ir), source_bytes, exporter_options);
  if (!result.ok)
    return Result<std::string>::failed(
        Failure::exporter_failed,
        {{{}, 0, 0, {}, fmt::format("{} exporter: {}", exporter.id, result.error)}});
  return Result<std::string>::success(std::move(result.bytes));
}

}  // namespace

Result<std::string> render(const LoadedDocument& document, const Plugin& exporter,
                           const ComposeOptions& compose_options,
                           const std::map<std::string, std::string>& exporter_options) {
  return render_document(document, nullptr, exporter, compose_options, exporter_options);
}

Result<std::string> render(LoadedDocument&& document, const Plugin& exporter,
                           const ComposeOptions& compose_options,
                           const std::map<std::string, std::string>& exporter_options) {
  return render_document(document, &document, exporter, compose_options, exporter_options);
}

}  // namespace kansli
