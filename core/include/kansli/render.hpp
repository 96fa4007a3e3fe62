// The whole pipeline for one document: validate, compose, export.
#ifndef KANSLI_RENDER_HPP
#define KANSLI_RENDER_HPP

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/plugin_host.hpp>
#include <kansli/problem.hpp>

#include <map>
#include <string>

namespace kansli {

struct RenderOutcome {
  enum class Status { ok, invalid_input, exporter_failed };
  Status status = Status::ok;
  // For invalid_input: every problem found.
  Problems problems;
  // For exporter_failed: the exporter's message.
  std::string error;
  // For ok: the finished file.
  std::string bytes;
};

// Validates `document`, composes it and hands it to `exporter`. Never
// throws for bad input or a failing exporter.
RenderOutcome render(const LoadedDocument& document, const Plugin& exporter,
                     const ComposeOptions& compose_options = {},
                     const std::map<std::string, std::string>& exporter_options = {});

}  // namespace kansli

#endif
