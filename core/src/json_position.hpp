// Where a field of a proto3 JSON document stands in its source text, so that
// problems found after parsing (limits, validation) name file:line:column for
// JSON input as they do for text format. Protobuf's JSON parser keeps no
// positions; this scanner follows a field path through the text on demand
// (only when a problem is reported), in one pass over at most the bytes
// before the field. Pure functions, no allocation beyond the result;
// reentrant.
#ifndef KANSLI_JSON_POSITION_HPP
#define KANSLI_JSON_POSITION_HPP

#include <cstddef>
#include <kansli/load.hpp>
#include <string_view>
#include <utility>

namespace kansli {

// 1-based line and byte column of `offset` in `text` (0, 0 past its end).
std::pair<int, int> line_column_at(std::string_view text, std::size_t offset);

// The line and column of the deepest step of `path` found in `json` (the
// key of a field, or the start of an element of a repeated field); (0, 0)
// when not even the first step is found. Keys match a field's proto name or
// its JSON name, as Protobuf's parser accepts both.
std::pair<int, int> locate_in_json(std::string_view json, const FieldPath& path);

}  // namespace kansli

#endif
