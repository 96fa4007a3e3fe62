#include "limits.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <kansli/limits.hpp>

namespace kansli {

namespace pb = google::protobuf;

namespace {

constexpr const char* kSee = "(see docs/limits.md)";

// Limit problems listed for one document; the rest are summed up in one line.
constexpr size_t kMaxReported = 20;

size_t longest_word(std::string_view text) {
  size_t run = 0, longest = 0;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      run = 0;
    } else {
      longest = std::max(longest, ++run);
    }
  }
  return longest;
}

// Walks every field that is set, depth first, with its path (for problem_at).
class LimitWalk {
 public:
  explicit LimitWalk(const LoadedDocument& document) : document_(document) {}

  Problems run() {
    walk(document_.document);
    if (omitted_ > 0)
      problems_.push_back(Problem{document_.file,
                                  0,
                                  0,
                                  {},
                                  fmt::format("{} more fields past a limit not listed {}", omitted_, kSee)});
    return std::move(problems_);
  }

 private:
  void add(std::string message) {
    if (problems_.size() < kMaxReported)
      problems_.push_back(document_.problem_at(path_, std::move(message)));
    else
      ++omitted_;
  }

  void walk(const pb::Message& message) {
    const pb::Reflection* reflection = message.GetReflection();
    if (message.GetDescriptor() == model::StatementLine::descriptor() &&
        ++statement_lines_ == limits::kMaxStatementLines + 1)
      add(fmt::format("more than {} statement lines in one document {}", limits::kMaxStatementLines, kSee));
    if (const auto& unknown = reflection->GetUnknownFields(message); !unknown.empty())
      add(fmt::format("unknown field number {} in {}", unknown.field(0).number(),
                      message.GetDescriptor()->full_name()));
    std::vector<const pb::FieldDescriptor*> fields;
    reflection->ListFields(message, &fields);
    for (const auto* field : fields) {
      if (!field->is_repeated()) {
        path_.push_back({field, -1});
        value(message, field, -1);
        path_.pop_back();
        continue;
      }
      const int size = reflection->FieldSize(message, field);
      if (size > limits::kMaxRepeated) {
        path_.push_back({field, limits::kMaxRepeated});
        add(fmt::format("{} has {} elements; at most {} {}", field->name(), size, limits::kMaxRepeated,
                        kSee));
        path_.pop_back();
        continue;
      }
      for (int i = 0; i < size; ++i) {
        path_.push_back({field, i});
        value(message, field, i);
        path_.pop_back();
      }
    }
  }

  void value(const pb::Message& message, const pb::FieldDescriptor* field, int index) {
    const pb::Reflection* r = message.GetReflection();
    const bool repeated = index >= 0;
    switch (field->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        walk(repeated ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field));
        break;
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        if (field->type() != pb::FieldDescriptor::TYPE_STRING) break;
        std::string scratch;
        const std::string& text = repeated ? r->GetRepeatedStringReference(message, field, index, &scratch)
                                           : r->GetStringReference(message, field, &scratch);
        if (const size_t word = longest_word(text); word > limits::kMaxWordBytes)
          add(fmt::format("a word of {} bytes without a space; at most {} {}", word, limits::kMaxWordBytes,
                          kSee));
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_INT64: {
        const std::int64_t v =
            repeated ? r->GetRepeatedInt64(message, field, index) : r->GetInt64(message, field);
        if (v > limits::kMaxAmount || v < -limits::kMaxAmount) out_of_range(std::to_string(v));
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_UINT64: {
        const std::uint64_t v =
            repeated ? r->GetRepeatedUInt64(message, field, index) : r->GetUInt64(message, field);
        if (v > static_cast<std::uint64_t>(limits::kMaxAmount)) out_of_range(std::to_string(v));
        break;
      }
      default: break;
    }
  }

  void out_of_range(const std::string& value) {
    add(fmt::format("{} is out of range: at most {} in magnitude {}", value, limits::kMaxAmount, kSee));
  }

  const LoadedDocument& document_;
  FieldPath path_;
  Problems problems_;
  size_t omitted_ = 0;
  int statement_lines_ = 0;
};

}  // namespace

std::optional<Problem> check_input_size(std::size_t size, const std::string& file) {
  if (size <= limits::kMaxInputBytes) return std::nullopt;
  return Problem{
      file,
      0,
      0,
      {},
      fmt::format("the input is {} bytes or more; at most {} {}", size, limits::kMaxInputBytes, kSee)};
}

std::optional<Problem> check_nesting(std::string_view text, InputFormat format, const std::string& file) {
  const bool text_format = format == InputFormat::text;
  int depth = 0, line = 1, column = 0;
  char quote = 0;
  bool escaped = false, comment = false;
  for (const char c : text) {
    if (c == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
    if (quote) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      // A text-format string ends at the line's end at the latest.
      else if (c == quote || c == '\n')
        quote = 0;
    } else if (comment) {
      comment = c != '\n';
    } else if (c == '"' || (text_format && c == '\'')) {
      quote = c;
    } else if (text_format && c == '#') {
      comment = true;
    } else if (c == '{' || c == '[' || (text_format && c == '<')) {
      if (++depth > limits::kMaxDepth)
        return Problem{file,
                       line,
                       column,
                       {},
                       fmt::format("nested more than {} levels deep {}", limits::kMaxDepth, kSee)};
    } else if (c == '}' || c == ']' || (text_format && c == '>')) {
      // Unbalanced closers are the parser's to report; never count below 0.
      depth = std::max(0, depth - 1);
    }
  }
  return std::nullopt;
}

Problems check_limits(const LoadedDocument& document) { return LimitWalk(document).run(); }

}  // namespace kansli
