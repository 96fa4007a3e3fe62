// A problem found in an input: where it is and what is wrong. Plain values,
// owned by whoever holds them; the core's C++ API returns them in
// Result<T>::problems (result.hpp) or as Problems.
#ifndef KANSLI_PROBLEM_HPP
#define KANSLI_PROBLEM_HPP

#include <string>
#include <vector>

namespace kansli {

struct Problem {
  std::string file;
  // 1-based; 0 when the parser does not know the place.
  int line = 0;
  int column = 0;
  // Field path ("meeting_record.items[3].title") when line is unknown.
  std::string field_path;
  std::string message;

  // "FILE:LINE:COLUMN: message", or "FILE: field.path: message".
  std::string to_string() const;
};

using Problems = std::vector<Problem>;

}  // namespace kansli

#endif
