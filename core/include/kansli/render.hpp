// The whole pipeline for one document: validate, compose, export. The
// caller keeps ownership of the document and the plugin (from a
// PluginHost that must outlive the call); render() only reads them, except
// that the overload taking the document as an rvalue empties it.
#ifndef KANSLI_RENDER_HPP
#define KANSLI_RENDER_HPP

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/plugin_host.hpp>
#include <kansli/problem.hpp>
#include <kansli/result.hpp>
#include <map>
#include <string>

namespace kansli {

// Validates `document`, composes it and hands it to `exporter`: the
// finished file's bytes, or Failure::invalid_input with every problem
// (validation's, with their places; an option compose refused, named after
// document.file), or Failure::exporter_failed with one problem, the
// exporter's message ("pdf exporter: ..."), naming no file. Never throws
// for bad input or a failing exporter. Thread safety: as the plugin (the
// bundled ones render on several threads at once).
Result<std::string> render(const LoadedDocument& document, const Plugin& exporter,
                           const ComposeOptions& compose_options = {},
                           const std::map<std::string, std::string>& exporter_options = {});
// The same, for a caller that no longer needs `document`: its model and
// field positions are freed before the exporter runs (less memory at the
// peak); afterwards `document` holds only its file name.
Result<std::string> render(LoadedDocument&& document, const Plugin& exporter,
                           const ComposeOptions& compose_options = {},
                           const std::map<std::string, std::string>& exporter_options = {});

}  // namespace kansli

#endif
