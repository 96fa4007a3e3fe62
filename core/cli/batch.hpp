// `kansli render INPUT... --outdir DIR`: many documents in one process.
// Contract: every input (a document file, or a directory whose documents
// are rendered, not recursively) is rendered with every exporter asked for
// into DIR/<stem>.<extension>, each file written atomically; a bad input is
// reported (file:line:column where there is one) and the others still
// render. Jobs (document, exporter) run on `jobs` threads, each with its own
// PluginHost (plugin_host.hpp: a host is used by one thread at a time).
// Progress goes to stderr when it is a terminal; the summary to stdout.
#ifndef KANSLI_CLI_BATCH_HPP
#define KANSLI_CLI_BATCH_HPP

#include <kansli/compose.hpp>
#include <kansli/plugin_host.hpp>
#include <map>
#include <string>
#include <vector>

namespace kansli::cli {

struct BatchRequest {
  std::vector<std::string> inputs;
  std::string outdir;
  std::vector<std::string> exporter_ids;  // at least one
  unsigned jobs = 0;                      // 0: the hardware's threads
  ComposeOptions compose_options;
  std::map<std::string, std::string> exporter_options;
  HostOptions host_options;
};

// Renders the batch; returns the exit code: 0, 1 when any input failed,
// 3 when an exporter asked for does not exist, 4 when DIR cannot be made.
int run_batch(const BatchRequest& request);

}  // namespace kansli::cli

#endif
