#include <kansli/render.hpp>
#include <kansli/validate.hpp>

#include <fmt/core.h>

namespace kansli {

RenderOutcome render(const LoadedDocument& document, const Plugin& exporter,
                     const ComposeOptions& compose_options,
                     const std::map<std::string, std::string>& exporter_options) {
  RenderOutcome outcome;
  outcome.problems = validate(document);
  if (!outcome.problems.empty()) {
    outcome.status = RenderOutcome::Status::invalid_input;
    return outcome;
  }
  ir::Document ir;
  try {
    ir = compose(document.document, compose_options);
  } catch (const ComposeError& e) {
    outcome.status = RenderOutcome::Status::invalid_input;
    outcome.problems.push_back(Problem{document.file, 0, 0, {}, e.what()});
    return outcome;
  }
  const std::string source_bytes = document.document.SerializeAsString();
  auto result = PluginHost::render(exporter, ir, source_bytes, exporter_options);
  if (!result.ok) {
    outcome.status = RenderOutcome::Status::exporter_failed;
    outcome.error = fmt::format("{} exporter: {}", exporter.id, result.error);
    return outcome;
  }
  outcome.bytes = std::move(result.bytes);
  return outcome;
}

}  // namespace kansli
