#include <fmt/core.h>

#include <kansli/render.hpp>
#include <kansli/validate.hpp>
#include <optional>

#include "meeting_record/meeting_life.hpp"

namespace kansli {

Result<std::string> render(const LoadedDocument& document, const Plugin& exporter,
                           const ComposeOptions& compose_options,
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
  auto result = PluginHost::render(exporter, *ir, source_bytes, exporter_options);
  if (!result.ok)
    return Result<std::string>::failed(
        Failure::exporter_failed,
        {{{}, 0, 0, {}, fmt::format("{} exporter: {}", exporter.id, result.error)}});
  return Result<std::string>::success(std::move(result.bytes));
}

}  // namespace kansli
