// Loading an input document (Protobuf text format, proto3 JSON or binary):
// the first stage of the pipeline (load -> validate -> compose -> export).
// Contract: any bytes may come in; what does not parse comes back as
// Failure::invalid_input with every problem at file:line:column, never as
// an exception. A loaded document is parsed, not yet valid: pass it to
// validate() before compose(). The caller owns the returned document;
// loading is reentrant (several threads may load at once).
#ifndef KANSLI_LOAD_HPP
#define KANSLI_LOAD_HPP

#include <google/protobuf/text_format.h>
#include <kansli/model.pb.h>

#include <filesystem>
#include <kansli/problem.hpp>
#include <kansli/result.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli {

enum class InputFormat { text, json, binary };

// The input format a file name implies: .txtpb/.textproto/.pbtxt, .json,
// .binpb/.pb; nullopt for anything else.
std::optional<InputFormat> input_format_for(const std::filesystem::path& path);

// One step of a field path: a field and, for repeated fields, an index.
struct PathStep {
  const google::protobuf::FieldDescriptor* field;
  int index = -1;
};
using FieldPath = std::vector<PathStep>;

// "meeting_record.items[3].title"
std::string to_string(const FieldPath& path);

// A loaded document with what is needed to point at its fields.
struct LoadedDocument {
  std::string file;
  model::Document document;
  // Source positions of fields, for text format only.
  std::unique_ptr<google::protobuf::TextFormat::ParseInfoTree> positions;
  // The source text, for JSON input only: problem_at finds fields in it.
  std::string json_source;

  // A problem at `path`, with line and column when they are known (text
  // format; JSON problems get theirs from locate).
  Problem problem_at(const FieldPath& path, std::string message) const;
  // Gives the problems of JSON input their line and column, all in one pass
  // over the text; validate() and load call it. Nothing to do for other
  // formats.
  void locate(Problems& problems) const;
};

// A problem at `path` in the text-format file `file`, with line and column
// from `positions` when it knows them (null: none known).
Problem problem_at(const std::string& file, const google::protobuf::TextFormat::ParseInfoTree* positions,
                   const FieldPath& path, std::string message);

// Parses `bytes` (named `file` in messages). Returns the document, or
// Failure::invalid_input with every problem the parser reports.
Result<LoadedDocument> load_document(std::string_view bytes, InputFormat format, const std::string& file);

// Reads and parses a file; the format comes from its extension.
Result<LoadedDocument> load_document_file(const std::filesystem::path& path);

}  // namespace kansli

#endif
