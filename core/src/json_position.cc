#include "json_position.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kansli {

namespace {

// Moves the place (`offset`, `line`, `column`) forward to `target`.
void advance(std::string_view text, std::size_t& offset, std::size_t target, int& line, int& column) {
  for (; offset < target; ++offset) {
    if (text[offset] == '\n')
      ++line, column = 1;
    else
      ++column;
  }
}

}  // namespace

std::pair<int, int> line_column_at(std::string_view text, std::size_t offset) {
  if (offset > text.size()) return {0, 0};
  std::size_t at = 0;
  int line = 1, column = 1;
  advance(text, at, offset, line, column);
  return {line, column};
}

namespace {

namespace pb = google::protobuf;

// One pass over JSON text that Protobuf's parser accepted (load checked
// its nesting depth, so the recursion is bounded). Records the offset of
// every path in `wanted_`; malformed text only ends the walk early.
class Walk {
 public:
  Walk(std::string_view text, std::unordered_map<std::string, std::size_t>& wanted)
      : text_(text), wanted_(wanted) {}

  void message(const pb::Descriptor& type, const std::string& prefix) {
    if (!take('{')) return skip_value();
    if (take('}')) return;
    do {
      skip_space();
      const std::size_t key_at = pos_;
      auto key = string();
      if (!key || !take(':')) return fail();
      const pb::FieldDescriptor* field = find_field(type, *key);
      if (!field) {
        skip_value();
        continue;
      }
      const std::string path = prefix.empty() ? field->name() : prefix + "." + field->name();
      record(path, key_at);
      if (field->is_map() || !field->is_repeated()) {
        value(field, path);
        continue;
      }
      if (!take('[')) {
        skip_value();  // null
        continue;
      }
      if (take(']')) continue;
      int index = 0;
      do {
        skip_space();
        const std::string element = fmt::format("{}[{}]", path, index++);
        record(element, pos_);
        value(field, element);
      } while (!failed_ && take(','));
      if (!take(']')) return fail();
    } while (!failed_ && take(','));
    if (!take('}')) fail();
  }

 private:
  static const pb::FieldDescriptor* find_field(const pb::Descriptor& type, std::string_view key) {
    for (int i = 0; i < type.field_count(); ++i) {
      const auto* field = type.field(i);
      if (key == field->name() || key == field->json_name()) return field;
    }
    return nullptr;
  }
  void value(const pb::FieldDescriptor* field, const std::string& path) {
    if (field->message_type() && !field->is_map() && at('{'))
      message(*field->message_type(), path);
    else
      skip_value();
  }
  void record(const std::string& path, std::size_t offset) {
    auto it = wanted_.find(path);
    if (it != wanted_.end() && it->second == std::string::npos) it->second = offset;
  }
  void fail() { failed_ = true; }
  bool at(char c) {
    skip_space();
    return !failed_ && pos_ < text_.size() && text_[pos_] == c;
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
  void skip_value() {
    skip_space();
    if (failed_ || pos_ >= text_.size()) return fail();
    const char c = text_[pos_];
    if (c == '"') {
      if (!string()) fail();
      return;
    }
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++pos_;
      if (take(close)) return;
      do {
        if (c == '{' && !(string() && take(':'))) return fail();
        skip_value();
      } while (!failed_ && take(','));
      if (!take(close)) fail();
      return;
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && std::string_view(",}] \t\r\n").find(text_[pos_]) == std::string_view::npos)
      ++pos_;
    if (pos_ == start) fail();
  }
  void skip_space() {
    while (pos_ < text_.size() && std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
  }

  std::string_view text_;
  std::unordered_map<std::string, std::size_t>& wanted_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

// "a.b[2].c" and its enclosing fields: "a.b[2]", "a.b", "a".
template <typename F>
void each_prefix(const std::string& path, F&& f) {
  for (std::size_t end = path.size(); end != 0 && end != std::string::npos;) {
    f(path.substr(0, end));
    const std::size_t cut = path.find_last_of(".[", end - 1);
    end = cut;
  }
}

}  // namespace

void locate_in_json(std::string_view json, const google::protobuf::Descriptor& root, Problems& problems) {
  std::unordered_map<std::string, std::size_t> wanted;
  for (const auto& problem : problems)
    if (problem.line == 0 && !problem.field_path.empty())
      each_prefix(problem.field_path,
                  [&](std::string path) { wanted.emplace(std::move(path), std::string::npos); });
  if (wanted.empty()) return;
  Walk(json, wanted).message(root, "");
  // Offsets to lines and columns in one sweep, in the order of the offsets.
  std::vector<std::pair<std::size_t, Problem*>> placed;
  for (auto& problem : problems) {
    if (problem.line != 0 || problem.field_path.empty()) continue;
    std::size_t offset = std::string::npos;
    each_prefix(problem.field_path, [&](const std::string& path) {
      if (offset == std::string::npos) offset = wanted.at(path);
    });
    if (offset != std::string::npos) placed.emplace_back(offset, &problem);
  }
  std::sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t offset = 0;
  int line = 1, column = 1;
  for (auto& [target, problem] : placed) {
    advance(json, offset, target, line, column);
    problem->line = line;
    problem->column = column;
  }
}

}  // namespace kansli
