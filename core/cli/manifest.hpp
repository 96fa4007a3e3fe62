// `kansli render --manifest FILE --outdir DIR`: a manifest
// (kansli.model.Manifest, proto/kansli/manifest.proto, docs/batch.md) read
// into the documents of a batch.
// Contract: the manifest is read within a document's limits and checked as
// a whole before anything renders: a problem (syntax, an unknown field, a
// document without input, an output name with a folder in it, two
// documents with the same output name, a bad style file) comes back at
// file:line:column and then nothing is rendered. Whether the inputs exist
// and are valid is the batch's concern: each is reported by name and the
// others still render. Reentrant.
#ifndef KANSLI_CLI_MANIFEST_HPP
#define KANSLI_CLI_MANIFEST_HPP

#include <kansli/problem.hpp>
#include <kansli/result.hpp>
#include <string>
#include <vector>

#include "batch.hpp"

namespace kansli::cli {

// What a manifest asks for.
struct LoadedManifest {
  // Manifest.format; empty when it names none.
  std::vector<std::string> exporter_ids;
  // Paths resolved against the manifest's folder; `compose_options` as
  // given to load_manifest, with each document's extract and style.
  std::vector<BatchDocument> documents;
};

// Reads the manifest `file`; every document starts from `compose_options`.
Result<LoadedManifest> load_manifest(const std::string& file, const ComposeOptions& compose_options);

}  // namespace kansli::cli

#endif
