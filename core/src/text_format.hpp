// The one text-format parser of the core, shared by documents (load.cc)
// and style files (style.cc): unknown fields are errors, every problem has
// its file:line:column, and `positions` receives the place of every field.
#ifndef KANSLI_SRC_TEXT_FORMAT_HPP
#define KANSLI_SRC_TEXT_FORMAT_HPP

#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include <kansli/problem.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kansli {

// Parses `bytes` into `message`; false after appending the problems.
bool parse_text_format(std::string_view bytes, const std::string& file, google::protobuf::Message& message,
                       google::protobuf::TextFormat::ParseInfoTree& positions, Problems& problems);

// Reads a whole input file within limits::kMaxInputBytes, refusing
// anything but a regular file; nullopt after appending the problem.
std::optional<std::string> read_input_file(const std::string& file, Problems& problems);

// A text-format file within the limits of a document (docs/limits.md: size,
// valid UTF-8, nesting) parsed into `message`; false after appending the
// problems, each at file:line:column where there is one.
bool read_text_format_file(const std::string& file, google::protobuf::Message& message,
                           google::protobuf::TextFormat::ParseInfoTree& positions, Problems& problems);

}  // namespace kansli

#endif
