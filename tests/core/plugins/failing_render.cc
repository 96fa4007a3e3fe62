// An exporter whose render always fails, after writing some bytes: the host
// must report the message and discard the partial output.
#include <kansli/exporter_support.hpp>

namespace {
std::string render(const kansli::ExportRequest& request) {
  throw kansli::ExportError("deliberate failure for " + request.ir.metadata().title());
}
}  // namespace

KANSLI_DEFINE_EXPORTER(render, "failing", "Always fails", "0.0.1", "fail", "application/x-fail")
