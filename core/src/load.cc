#include <fcntl.h>
#include <fmt/core.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <kansli/limits.hpp>
#include <kansli/load.hpp>
#include <tuple>

#include "json_position.hpp"
#include "limits.hpp"
#include "text_format.hpp"
#include "utf8.hpp"

namespace kansli {

namespace pb = google::protobuf;

std::string Problem::to_string() const {
  if (file.empty()) return message;
  if (line > 0) return fmt::format("{}:{}:{}: {}", file, line, column, message);
  if (!field_path.empty()) return fmt::format("{}: {}: {}", file, field_path, message);
  return fmt::format("{}: {}", file, message);
}

std::optional<InputFormat> input_format_for(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".txtpb" || ext == ".textproto" || ext == ".pbtxt") return InputFormat::text;
  if (ext == ".json") return InputFormat::json;
  if (ext == ".binpb" || ext == ".pb") return InputFormat::binary;
  return std::nullopt;
}

std::string to_string(const FieldPath& path) {
  std::string out;
  for (const auto& step : path) {
    if (!out.empty()) out += '.';
    out += step.field->name();
    if (step.index >= 0) out += fmt::format("[{}]", step.index);
  }
  return out;
}

Problem problem_at(const std::string& file, const pb::TextFormat::ParseInfoTree* tree, const FieldPath& path,
                   std::string message) {
  Problem problem{file, 0, 0, to_string(path), std::move(message)};
  for (size_t i = 0; tree && i < path.size(); ++i) {
    const auto& step = path[i];
    if (i + 1 == path.size() || !step.field->message_type()) {
      auto location = tree->GetLocation(step.field, step.index);
      if (location.line >= 0) {
        problem.line = location.line + 1;
        problem.column = location.column + 1;
      }
      break;
    }
    auto location = tree->GetLocation(step.field, step.index);
    if (location.line >= 0) {
      // Fall back to the enclosing message when the exact field is absent.
      problem.line = location.line + 1;
      problem.column = location.column + 1;
    }
    tree = tree->GetTreeForNested(step.field, step.index);
  }
  return problem;
}

Problem LoadedDocument::problem_at(const FieldPath& path, std::string message) const {
  return kansli::problem_at(file, positions.get(), path, std::move(message));
}

void LoadedDocument::locate(Problems& problems) const {
  if (!json_source.empty()) locate_in_json(json_source, *model::Document::descriptor(), problems);
}

namespace {

class CollectingErrors : public pb::io::ErrorCollector {
 public:
  CollectingErrors(const std::string& file, Problems& problems) : file_(file), problems_(problems) {}
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    add(line, column, message);
  }
  // Unknown fields arrive as warnings (the parser skips them so that every
  // one is reported); kansli treats them as errors.
  void AddWarning(int line, pb::io::ColumnNumber column, const std::string& message) override {
    add(line, column, message);
  }
  int count = 0;

 private:
  void add(int line, int column, const std::string& message) {
    ++count;
    problems_.push_back(Problem{file_, line + 1, column + 1, {}, message});
  }
  const std::string& file_;
  Problems& problems_;
};

// Protobuf's JSON parser reports a syntax error as "message\nSNIPPET\n   ^"
// without a position. When the snippet occurs once in the input, the caret
// gives the place; otherwise the message stands alone.
Problem json_problem(const std::string& file, std::string_view input, const std::string& status) {
  Problem problem{file, 0, 0, {}, status.substr(0, status.find('\n'))};
  const size_t first = status.find('\n'), last = status.rfind('\n');
  if (first == std::string::npos || first == last) return problem;
  const std::string snippet = status.substr(first + 1, last - first - 1);
  const std::string caret_line = status.substr(last + 1);
  const size_t caret = caret_line.find('^');
  const size_t at = input.find(snippet);
  if (caret == std::string::npos || snippet.empty() || at == std::string_view::npos ||
      input.find(snippet, at + 1) != std::string_view::npos)
    return problem;
  const size_t snippet_last_line = snippet.rfind('\n') == std::string::npos ? 0 : snippet.rfind('\n') + 1;
  const size_t offset = std::min(input.size(), at + snippet_last_line + caret);
  std::tie(problem.line, problem.column) = line_column_at(input, offset);
  return problem;
}

}  // namespace

bool parse_text_format(std::string_view bytes, const std::string& file, pb::Message& message,
                       pb::TextFormat::ParseInfoTree& positions, Problems& problems) {
  CollectingErrors errors(file, problems);
  pb::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.AllowUnknownField(true);
  parser.WriteLocationsTo(&positions);
  pb::io::ArrayInputStream input(bytes.data(), static_cast<int>(bytes.size()));
  const bool ok = parser.Parse(&input, &message);
  if (!ok || errors.count > 0) {
    if (errors.count == 0) problems.push_back(Problem{file, 0, 0, {}, "cannot parse"});
    return false;
  }
  return true;
}

static std::optional<LoadedDocument> parse_document(std::string_view bytes, InputFormat format,
                                                    const std::string& file, Problems& problems) {
  LoadedDocument loaded;
  loaded.file = file;
  // Limits first (docs/limits.md): the parsers below never see more bytes
  // or deeper nesting than they can handle.
  if (auto problem = check_input_size(bytes.size(), file)) {
    problems.push_back(std::move(*problem));
    return std::nullopt;
  }
  if (format != InputFormat::binary) {
    if (auto [line, column] = find_invalid_utf8(bytes); line > 0) {
      problems.push_back(Problem{file, line, column, {}, "invalid UTF-8"});
      return std::nullopt;
    }
    if (auto problem = check_nesting(bytes, format, file)) {
      problems.push_back(std::move(*problem));
      return std::nullopt;
    }
  }
  switch (format) {
    case InputFormat::text:
      loaded.positions = std::make_unique<pb::TextFormat::ParseInfoTree>();
      if (!parse_text_format(bytes, file, loaded.document, *loaded.positions, problems)) return std::nullopt;
      break;
    case InputFormat::json: {
      pb::util::JsonParseOptions options;
      options.ignore_unknown_fields = false;
      auto status = pb::util::JsonStringToMessage(pb::StringPiece(bytes.data(), bytes.size()),
                                                  &loaded.document, options);
      if (!status.ok()) {
        problems.push_back(json_problem(file, bytes, std::string(status.message())));
        return std::nullopt;
      }
      loaded.json_source.assign(bytes.data(), bytes.size());
      break;
    }
    case InputFormat::binary:
      if (!loaded.document.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        problems.push_back(Problem{file, 0, 0, {}, "not a binary kansli.model.Document"});
        return std::nullopt;
      }
      break;
  }
  if (auto past_limits = check_limits(loaded); !past_limits.empty()) {
    loaded.locate(past_limits);
    problems.insert(problems.end(), past_limits.begin(), past_limits.end());
    return std::nullopt;
  }
  return loaded;
}

std::optional<std::string> read_input_file(const std::string& file, Problems& problems) {
  // Only regular files: a FIFO would block, a device (/dev/zero, also
  // through a symbolic link) never end. Checked before opening, since opening
  // a device can itself have effects, and again on what was opened.
  auto refuse = [&](const struct stat& st) -> bool {
    if (S_ISREG(st.st_mode)) {
      if (auto problem = check_input_size(static_cast<std::size_t>(st.st_size), file)) {
        problems.push_back(std::move(*problem));
        return true;
      }
      return false;
    }
    problems.push_back(Problem{file,
                               0,
                               0,
                               {},
                               S_ISDIR(st.st_mode) ? "is a directory, not a document"
                                                   : "is not a regular file (a device, FIFO or socket); "
                                                     "kansli reads documents only from regular files"});
    return true;
  };
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    problems.push_back(Problem{file, 0, 0, {}, fmt::format("cannot read file: {}", std::strerror(errno))});
    return std::nullopt;
  }
  if (refuse(st)) return std::nullopt;
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    problems.push_back(Problem{file, 0, 0, {}, fmt::format("cannot read file: {}", std::strerror(errno))});
    if (fd >= 0) ::close(fd);
    return std::nullopt;
  }
  if (refuse(st)) {
    ::close(fd);
    return std::nullopt;
  }
  // Read at most one byte past the limit: a file that grows while it is read
  // is still refused, never read without end.
  std::string bytes(std::min<std::size_t>(static_cast<std::size_t>(st.st_size), limits::kMaxInputBytes) + 1,
                    '\0');
  std::size_t size = 0;
  while (true) {
    if (size == bytes.size()) {
      if (size > limits::kMaxInputBytes) break;
      bytes.resize(std::min(2 * size, limits::kMaxInputBytes + 1));
    }
    const ssize_t n = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problems.push_back(Problem{file, 0, 0, {}, fmt::format("cannot read file: {}", std::strerror(errno))});
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(size);
  return bytes;
}

bool read_text_format_file(const std::string& file, pb::Message& message,
                           pb::TextFormat::ParseInfoTree& positions, Problems& problems) {
  auto bytes = read_input_file(file, problems);
  if (!bytes) return false;
  if (auto [line, column] = find_invalid_utf8(*bytes); line > 0) {
    problems.push_back(Problem{file, line, column, {}, "invalid UTF-8"});
    return false;
  }
  if (auto problem = check_nesting(*bytes, InputFormat::text, file)) {
    problems.push_back(std::move(*problem));
    return false;
  }
  return parse_text_format(*bytes, file, message, positions, problems);
}

static std::optional<LoadedDocument> read_document(const std::filesystem::path& path, Problems& problems) {
  const std::string file = path.string();
  auto format = input_format_for(path);
  if (!format) {
    problems.push_back(Problem{file, 0, 0, {}, "unknown input format (expected .txtpb, .json or .binpb)"});
    return std::nullopt;
  }
  auto bytes = read_input_file(file, problems);
  if (!bytes) return std::nullopt;
  return parse_document(*bytes, *format, file, problems);
}

// The parsers collect every problem; the API returns them as a Result.
static Result<LoadedDocument> as_result(std::optional<LoadedDocument> loaded, Problems problems) {
  if (!loaded) return Result<LoadedDocument>::failed(Failure::invalid_input, std::move(problems));
  return Result<LoadedDocument>::success(std::move(*loaded));
}

Result<LoadedDocument> load_document(std::string_view bytes, InputFormat format, const std::string& file) {
  Problems problems;
  auto loaded = parse_document(bytes, format, file, problems);
  return as_result(std::move(loaded), std::move(problems));
}

Result<LoadedDocument> load_document_file(const std::filesystem::path& path) {
  Problems problems;
  auto loaded = read_document(path, problems);
  return as_result(std::move(loaded), std::move(problems));
}

}  // namespace kansli
