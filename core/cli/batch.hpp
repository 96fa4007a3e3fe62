// `kansli render INPUT... --outdir DIR` and `kansli render --manifest FILE
// --outdir DIR`: many documents in one process.
// Contract: every document (an input file, each document file of an input
// directory, not recursively, or each document of a manifest) is rendered
// with every exporter asked for into DIR/<output name>.<extension>, each
// file written atomically; a bad input is reported (file:line:column where
// there is one) and the others still render. A file named by several
// documents (a record and its extracts) is read and parsed once. Jobs
// (document, exporter) run on `jobs` threads, each with its own PluginHost
// (plugin_host.hpp: a host is used by one thread at a time). Progress goes
// to stderr when it is a terminal; the summary to stdout.
#ifndef KANSLI_CLI_BATCH_HPP
#define KANSLI_CLI_BATCH_HPP

#include <kansli/compose.hpp>
#include <kansli/plugin_host.hpp>
#include <map>
#include <string>
#include <vector>

namespace kansli::cli {

// One document of a batch, written as DIR/<output_name>.<extension>.
struct BatchDocument {
  std::string file;
  std::string output_name;
  ComposeOptions compose_options;
};

struct BatchRequest {
  // Files and directories, each document rendered with compose_options
  // under its own name (the file's stem)...
  std::vector<std::string> inputs;
  ComposeOptions compose_options;
  // ...and documents given one by one (a manifest), after them.
  std::vector<BatchDocument> documents;
  std::string outdir;
  std::vector<std::string> exporter_ids;  // at least one
  unsigned jobs = 0;                      // 0: the hardware's threads
  std::map<std::string, std::string> exporter_options;
  HostOptions host_options;
};

// Renders the batch; returns the exit code: 0, 1 when any input failed,
// 3 when an exporter asked for does not exist, 4 when DIR cannot be made.
int run_batch(const BatchRequest& request);

}  // namespace kansli::cli

#endif
