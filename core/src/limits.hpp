// The checks behind kansli/limits.hpp, run by load.cc: one scan of the input
// text before parsing and one walk over the parsed message after. Both take
// time linear in their input and keep no state.
#ifndef KANSLI_SRC_LIMITS_HPP
#define KANSLI_SRC_LIMITS_HPP

#include <kansli/load.hpp>
#include <kansli/problem.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kansli {

// The first place where text-format or JSON `text` nests deeper than
// limits::kMaxDepth (strings and comments skipped), or nullopt. Protobuf's
// parsers skip unknown fields recursively without a depth limit, so this
// runs before them.
std::optional<Problem> check_nesting(std::string_view text, InputFormat format, const std::string& file);

// A problem when `size` bytes exceed limits::kMaxInputBytes.
std::optional<Problem> check_input_size(std::size_t size, const std::string& file);

// Every limit a parsed document breaks: elements per repeated field, word
// length, 64-bit integers, statement lines, unknown fields (binary input
// keeps them; the text and JSON parsers already refuse them). Problems point
// at the field (line and column for text format), at most a screenful.
Problems check_limits(const LoadedDocument& document);

}  // namespace kansli

#endif
