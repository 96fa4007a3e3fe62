// Where fields of a proto3 JSON document stand in its source text, so that
// problems found after parsing (limits, validation) name file:line:column for
// JSON input as they do for text format. Protobuf's JSON parser keeps no
// positions; this scanner walks the text once, with the message's
// descriptor, and places every problem of a list in that one pass (time
// linear in the text, whatever the number of problems). Pure functions;
// reentrant.
#ifndef KANSLI_JSON_POSITION_HPP
#define KANSLI_JSON_POSITION_HPP

#include <google/protobuf/descriptor.h>

#include <cstddef>
#include <kansli/problem.hpp>
#include <string_view>
#include <utility>

namespace kansli {

// 1-based line and byte column of `offset` in `text` (0, 0 past its end).
std::pair<int, int> line_column_at(std::string_view text, std::size_t offset);

// Sets line and column of each problem in `problems` that has a field path
// ("meeting_record.items[3].title", as to_string(FieldPath) writes it) and
// no line yet: the key of that field, or the start of that element of a
// list; when the field is absent, its nearest enclosing field, as for text
// format. `json` is the text that parsed into a message of type `root`;
// keys may be proto names or JSON names, as Protobuf's parser accepts both.
void locate_in_json(std::string_view json, const google::protobuf::Descriptor& root, Problems& problems);

}  // namespace kansli

#endif
