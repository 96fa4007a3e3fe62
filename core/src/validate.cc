// Validation, by document kind: the checks every document gets (its
// organisation, every string of it), then the record's own validator.
#include <fmt/core.h>

#include <kansli/validate.hpp>

#include "annual_report/annual_report.hpp"
#include "meeting_record/meeting_life.hpp"
#include "meeting_record/meeting_record.hpp"
#include "utf8.hpp"
#include "validate_support/field_paths.hpp"

namespace kansli {

namespace {

class DocumentValidator {
 public:
  DocumentValidator(const LoadedDocument& loaded, const ComposeOptions& options)
      : loaded_(loaded), options_(options) {}

  Problems run() {
    const auto& document = loaded_.document;
    const FieldPath root;
    if (blank(document.organisation().name()))
      add({step<model::Document>(model::Document::kOrganisationFieldNumber)}, "missing organisation name");
    FieldPath walk;
    check_text(document, walk);
    switch (document.record_case()) {
      case model::Document::kMeetingRecord:
        append(validate_meeting_record(loaded_));
        append(validate_meeting_life(loaded_, options_));
        break;
      case model::Document::kAnnualReport: append(validate_annual_report(loaded_)); break;
      case model::Document::RECORD_NOT_SET:
        add(root, "the document holds no record (expected meeting_record or annual_report)");
        break;
    }
    return std::move(problems_);
  }

 private:
  void add(const FieldPath& path, std::string message) {
    problems_.push_back(loaded_.problem_at(path, std::move(message)));
  }

  void append(Problems problems) {
    for (auto& problem : problems) problems_.push_back(std::move(problem));
  }

  // Every string of the document: valid UTF-8 (text format escapes and
  // binary input can smuggle in bytes that are not) and no control
  // characters, which no document shows.
  // `path` leads to `message`; it grows and shrinks as the walk goes, so
  // that no path is built unless a problem needs it.
  void check_text(const google::protobuf::Message& message, FieldPath& path) {
    const auto* descriptor = message.GetDescriptor();
    const auto* reflection = message.GetReflection();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const auto* f = descriptor->field(i);
      const int count =
          f->is_repeated() ? reflection->FieldSize(message, f) : (reflection->HasField(message, f) ? 1 : 0);
      for (int k = 0; k < count; ++k) {
        if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
          path.push_back(PathStep{f, f->is_repeated() ? k : -1});
          check_text(f->is_repeated() ? reflection->GetRepeatedMessage(message, f, k)
                                      : reflection->GetMessage(message, f),
                     path);
          path.pop_back();
        } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
          std::string scratch;
          const std::string& value = f->is_repeated()
                                         ? reflection->GetRepeatedStringReference(message, f, k, &scratch)
                                         : reflection->GetStringReference(message, f, &scratch);
          if (auto [line, column] = find_invalid_utf8(value); line > 0)
            add(path / PathStep{f, f->is_repeated() ? k : -1}, "invalid UTF-8 in text");
          else if (auto c = find_control_character(value))
            add(path / PathStep{f, f->is_repeated() ? k : -1},
                fmt::format("control character U+{:04X} in text", static_cast<unsigned>(*c)));
        }
      }
    }
  }

  const LoadedDocument& loaded_;
  const ComposeOptions& options_;
  Problems problems_;
};

}  // namespace

Problems validate(const LoadedDocument& document) { return validate(document, ComposeOptions{}); }

Problems validate(const LoadedDocument& document, const ComposeOptions& options) {
  Problems problems = DocumentValidator(document, options).run();
  document.locate(problems);
  return problems;
}

}  // namespace kansli
