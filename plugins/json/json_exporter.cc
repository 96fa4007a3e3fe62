// JSON exporter: writes the source document as proto3 JSON. Reading the
// output back (kansli validate/render accept .json) gives an identical
// message. With the option content=ir it writes the composed document IR
// instead, for exporter authors to see what they receive.
#include <google/protobuf/util/json_util.h>

#include <kansli/exporter_support.hpp>

namespace {

std::string render_json(const kansli::ExportRequest& request) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  const std::string content = request.option("content", "source");
  if (content != "source" && content != "ir")
    throw kansli::ExportError("option content must be 'source' or 'ir', not '" + content + "'");
  for (const auto& [key, value] : request.options)
    if (key != "content") throw kansli::ExportError("unknown option '" + key + "' (known: content)");
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(
      content == "ir" ? static_cast<const google::protobuf::Message&>(request.ir) : request.source(), &json,
      options);
  if (!status.ok()) throw kansli::ExportError("cannot write JSON: " + std::string(status.message()));
  return json;
}

}  // namespace

KANSLI_DEFINE_EXPORTER(render_json, "json", "JSON (proto3 JSON mapping)", "1.0.0", "json", "application/json")
