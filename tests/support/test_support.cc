#include "test_support.hpp"

#include <fmt/core.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <kansli/load.hpp>
#include <sstream>

namespace kansli::test {

namespace fs = std::filesystem;

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

CommandResult run(const std::string& command) {
  static int counter = 0;
  const fs::path err_file =
      fs::temp_directory_path() / fmt::format("kansli-test-{}-{}.err", ::getpid(), ++counter);
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>" + quote(err_file.string())).c_str(), "r");
  if (!pipe) return result;
  std::array<char, 65536> buffer{};
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.err = read_file(err_file);
  fs::remove(err_file);
  return result;
}

CommandResult run_kansli(const std::string& arguments) { return run(quote(KANSLI_CLI) + " " + arguments); }

fs::path source_dir() { return KANSLI_SOURCE_DIR; }
fs::path examples_dir() { return source_dir() / "examples"; }
fs::path shared_dir() { return source_dir().parent_path() / "shared"; }

std::vector<fs::path> example_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(examples_dir()))
    if (entry.path().extension() == ".txtpb") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

ScratchDir::ScratchDir(const std::string& name)
    : path_(fs::path(KANSLI_BUILD_DIR) / "test-scratch" / fmt::format("{}-{}", name, ::getpid())) {
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::vector<std::string> ScratchDir::files() const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path_)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

namespace pb = google::protobuf;

// Inline Markdown to plain text: [text](url) -> text, [^id] -> "", and the
// emphasis markers * and _ dropped.
std::string strip_markdown(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "[^") == 0) {
      const size_t end = text.find(']', i);
      if (end != std::string::npos) {
        i = end;
        continue;
      }
    }
    if (text[i] == '[') {
      const size_t close = text.find("](", i);
      const size_t end = close == std::string::npos ? close : text.find(')', close);
      if (end != std::string::npos) {
        out += text.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    if (text[i] == '*' || text[i] == '_' || text[i] == '`' || text[i] == '\\') continue;
    out += text[i];
  }
  return out;
}

bool skipped(const pb::FieldDescriptor* field) {
  static const std::vector<std::string> names = {
      "id", "body", "attachment", "date", "start_time", "end_time", "signed_at", "former_name",
      "validation_service_url", "acrobat_help_url", "meeting_type", "secretary", "chair", "note", "member",
      // Not in the record's default rendering, the copy for
      // signing, but in the reproduction, the kallelse and
      // the anslagsbevis (docs/meeting-life.md).
      "electronic_signatures", "kallelse", "anslagsbevis", "description", "proposal", "documents",
      "confidential"};
  return std::find(names.begin(), names.end(), field->name()) != names.end();
}

void collect(const pb::Message& message, bool footnotes, bool inside_footnote,
             std::vector<std::string>& out) {
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (skipped(field)) continue;
    const bool footnote = inside_footnote || field->name() == "footnotes";
    const int count = field->is_repeated() ? reflection->FieldSize(message, field)
                                           : (reflection->HasField(message, field) ? 1 : 0);
    for (int k = 0; k < count; ++k) {
      if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        const auto& child = field->is_repeated() ? reflection->GetRepeatedMessage(message, field, k)
                                                 : reflection->GetMessage(message, field);
        collect(child, footnotes, footnote, out);
      } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING && footnote == footnotes) {
        const std::string value = field->is_repeated() ? reflection->GetRepeatedString(message, field, k)
                                                       : reflection->GetString(message, field);
        for (auto& word : words(strip_markdown(value))) out.push_back(word);
      }
    }
  }
}

// A meeting record cut down to the words whose page order its field order
// gives (the presentation choices of issue 15 move or replace some): an
// attendee's own `line` stands in for role, organisation and substitute;
// with ORGANISATION_FIRST the role (printed after, in lower case) is left
// out; attendance_groups join `present`; the invited of INVITED_FIRST, the
// headings and titles the choices set, and attachments named inline (never
// printed by title) are left out. Tests of each choice check those words.
void to_reading_order(model::MeetingRecord& record) {
  const bool organisation_first = record.attendee_line() == model::MeetingRecord::ORGANISATION_FIRST;
  const auto as_read = [&](model::Attendee& attendee) {
    if (!attendee.line().empty()) {
      attendee.mutable_person()->set_role(attendee.line());
      attendee.mutable_person()->clear_organisation();
      attendee.clear_substitute_for();
      attendee.clear_line();
    } else if (organisation_first) {
      attendee.mutable_person()->clear_role();
    }
  };
  for (auto& group : *record.mutable_attendance_groups())
    for (auto& attendee : group.people()) *record.add_present() = attendee;
  record.clear_attendance_groups();
  for (auto& attendee : *record.mutable_present()) as_read(attendee);
  for (auto& attendee : *record.mutable_guests()) as_read(attendee);
  for (auto& attendee : *record.mutable_invited()->mutable_people()) as_read(attendee);
  if (record.attendance_order() == model::MeetingRecord::INVITED_FIRST) record.clear_invited();
  record.clear_present_heading();
  record.clear_secretary_title();
  for (auto& attachment : *record.mutable_attachments())
    if (attachment.named_inline()) attachment.clear_title();
}

std::vector<std::string> record_words(const fs::path& example, bool footnotes) {
  auto loaded = load_document_file(example);
  if (!loaded) return {};
  std::vector<std::string> out;
  auto& document = loaded->document;
  if (document.has_meeting_record()) to_reading_order(*document.mutable_meeting_record());
  const auto* reflection = document.GetReflection();
  // The record only: the organisation's register of members and bodies is
  // not printed.
  if (const auto* field =
          reflection->GetOneofFieldDescriptor(document, document.GetDescriptor()->oneof_decl(0)))
    collect(reflection->GetMessage(document, field), footnotes, false, out);
  return out;
}

}  // namespace

std::vector<std::string> source_words(const fs::path& example) { return record_words(example, false); }
std::vector<std::string> footnote_words(const fs::path& example) { return record_words(example, true); }

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

std::string missing_in_order(const std::vector<std::string>& expected, const std::string& actual) {
  size_t pos = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    const size_t found = actual.find(expected[i], pos);
    if (found == std::string::npos) {
      std::string context;
      for (size_t k = (i >= 3 ? i - 3 : 0); k < std::min(expected.size(), i + 4); ++k)
        context += (k == i ? "[" + expected[k] + "]" : expected[k]) + " ";
      return fmt::format("word {} '{}' not found after offset {} (context: {})", i, expected[i], pos,
                         context);
    }
    pos = found + expected[i].size();
  }
  return {};
}

std::string drop_marks(const std::string& text) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; };
  std::string out;
  bool dropping = false;  // inside a run of digits that follows a word
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      if (i == 0 || !is_digit(text[i - 1])) dropping = i > 0 && !is_space(text[i - 1]);
      if (dropping) continue;
    }
    out += text[i];
  }
  return out;
}

std::vector<std::string> drop_marks(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& word : words) out.push_back(drop_marks(word));
  return out;
}

ir::Table* add_numbered_table(ir::Document& doc, ir::Table::Kind kind, int rows, const std::string& label,
                              const std::string& value) {
  auto* t = doc.add_blocks()->mutable_table();
  t->set_kind(kind);
  for (int r = 1; r <= rows; ++r) {
    auto* row = t->add_rows();
    row->add_cells()->add_spans()->set_text(label + std::to_string(r));
    row->add_cells()->add_spans()->set_text(value + std::to_string(r));
  }
  return t;
}

}  // namespace kansli::test
