#include "json_position.hpp"

#include <google/protobuf/descriptor.h>

#include <optional>

namespace kansli {

std::pair<int, int> line_column_at(std::string_view text, std::size_t offset) {
  if (offset > text.size()) return {0, 0};
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n')
      ++line, column = 1;
    else
      ++column;
  }
  return {line, column};
}

namespace {

// A cursor over JSON text that can skip whole values. The input has passed
// load's nesting check, so recursion is bounded; malformed text only ends
// the search early (the parser has accepted it anyway).
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  bool at(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  bool take(char c) {
    if (!at(c)) return false;
    ++pos_;
    return true;
  }
  // A string's raw contents (escapes left as written), the cursor after it.
  std::optional<std::string_view> string() {
    if (!take('"')) return std::nullopt;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    if (pos_ >= text_.size()) return std::nullopt;
    return text_.substr(start, pos_++ - start);
  }
  bool skip_value() {
    skip_space();
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == '"') return string().has_value();
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++pos_;
      if (take(close)) return true;
      do {
        if (c == '{' && !(string() && take(':'))) return false;
        if (!skip_value()) return false;
      } while (take(','));
      return take(close);
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && std::string_view(",}] \t\r\n").find(text_[pos_]) == std::string_view::npos)
      ++pos_;
    return pos_ > start;
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
  }
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool names_field(std::string_view key, const google::protobuf::FieldDescriptor& field) {
  return key == field.name() || key == field.json_name();
}

}  // namespace

std::pair<int, int> locate_in_json(std::string_view json, const FieldPath& path) {
  Cursor cursor(json);
  std::optional<std::size_t> found;
  for (const auto& step : path) {
    if (!cursor.take('{')) break;
    bool matched = false;
    while (!cursor.at('}')) {
      cursor.at('"');  // skips the space before the key
      const std::size_t key_at = cursor.pos();
      auto key = cursor.string();
      if (!key || !cursor.take(':')) break;
      if (names_field(*key, *step.field)) {
        matched = true;
        found = key_at;
        break;
      }
      if (!cursor.skip_value() || !cursor.take(',')) break;
    }
    if (!matched) break;
    if (step.index < 0) continue;
    if (!cursor.take('[')) break;
    bool reached = true;
    for (int k = 0; k < step.index && reached; ++k) reached = cursor.skip_value() && cursor.take(',');
    if (!reached || cursor.at(']')) break;
    found = cursor.pos();
  }
  return found ? line_column_at(json, *found) : std::pair<int, int>{0, 0};
}

}  // namespace kansli
