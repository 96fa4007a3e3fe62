// The checks of a meeting record that depend on the form it is rendered in,
// and those of confidential marks (docs/meeting-life.md).
#include <fmt/core.h>

#include <kansli/swedish.hpp>
#include <optional>

#include "../compose_support/inline_text.hpp"
#include "../validate_support/field_paths.hpp"
#include "meeting_life.hpp"
#include "model_walk.hpp"

namespace kansli {

namespace {

namespace pb = google::protobuf;
using model::MeetingRecord;

class LifeValidator {
 public:
  LifeValidator(const LoadedDocument& loaded, const ComposeOptions& options)
      : loaded_(loaded), options_(options), record_(loaded.document.meeting_record()) {}

  Problems run() {
    check_marks();
    const bool extract = !options_.extract_items.empty();
    switch (options_.form) {
      case Form::record:
        if (record_.kind() == MeetingRecord::PROTOKOLL && !extract && !has_decision())
          add(path_,
              "a protokoll records at least one decision (blocks { decision { text: ... } }); a record "
              "before its meeting is rendered with --form kallelse");
        break;
      case Form::kallelse: check_kallelse(); break;
      case Form::anslagsbevis: check_anslagsbevis(); break;
    }
    return std::move(problems_);
  }

 private:
  void add(const FieldPath& path, std::string message) {
    problems_.push_back(loaded_.problem_at(path, std::move(message)));
  }

  FieldPath at(int number, int index = -1) const {
    return path_ / PathStep{field<MeetingRecord>(number), index};
  }

  // Every Confidential mark at any depth names its legal ground.
  void check_marks() {
    for_each_message(
        static_cast<const pb::Message&>(record_), path_,
        [&](const pb::Message& message, const FieldPath& path) {
          if (message.GetDescriptor() != model::Confidential::descriptor()) return true;
          if (blank(static_cast<const model::Confidential&>(message).legal_ground()))
            add(path,
                "a confidential mark without a legal ground (legal_ground: \"26 kap. 1 § OSL\", the "
                "provision of offentlighets- och sekretesslagen it is withheld under)");
          return false;
        });
  }

  bool has_decision() const {
    for (const auto& item : record_.items())
      for (const auto& block : item.blocks())
        if (block.has_decision()) return true;
    return false;
  }

  // Inline text of the kallelse: no footnotes (the kallelse shows no item
  // body to define them in) and only web, e-mail and in-document links.
  void check_kallelse_text(std::string_view text, const FieldPath& path) {
    const auto references = inline_references(text);
    if (!references.footnotes.empty()) add(path, "footnotes are not allowed in the kallelse's texts");
    for (const auto& link : references.links)
      if (link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0 && link.rfind("mailto:", 0) != 0)
        add(path, fmt::format("link to '{}' is not allowed (use https:, http: or mailto:)", link));
  }

  void check_date(const std::string& text, const FieldPath& path) {
    if (!text.empty() && !swedish::parse_date(text))
      add(path, fmt::format("impossible date '{}' (expected YYYY-MM-DD)", text));
  }

  void check_kallelse() {
    const auto& kallelse = record_.kallelse();
    const FieldPath kallelse_path = at(MeetingRecord::kKallelseFieldNumber);
    if (kallelse.members_size() == 0)
      add(record_.has_kallelse() ? kallelse_path : path_,
          "a kallelse calls no one (list the ledamöter in kallelse { members { person { name: ... } } })");
    check_date(kallelse.issued(), kallelse_path / step<model::Kallelse>(model::Kallelse::kIssuedFieldNumber));
    check_kallelse_text(kallelse.note(),
                        kallelse_path / step<model::Kallelse>(model::Kallelse::kNoteFieldNumber));
    for (int i = 0; i < record_.items_size(); ++i) {
      const auto& item = record_.items(i);
      const FieldPath item_path = at(MeetingRecord::kItemsFieldNumber, i);
      if (!item.has_title() || blank(item.title()))
        add(item_path, "an item of a kallelse needs a title: the föredragningslista lists it");
      check_kallelse_text(item.description(),
                          item_path / step<model::Item>(model::Item::kDescriptionFieldNumber));
      check_kallelse_text(item.proposal(), item_path / step<model::Item>(model::Item::kProposalFieldNumber));
      for (int d = 0; d < item.documents_size(); ++d)
        check_kallelse_text(item.documents(d),
                            item_path / step<model::Item>(model::Item::kDocumentsFieldNumber, d));
    }
  }

  void check_anslagsbevis() {
    const auto& anslag = record_.anslagsbevis();
    const FieldPath anslag_path = at(MeetingRecord::kAnslagsbevisFieldNumber);
    const FieldPath where = record_.has_anslagsbevis() ? anslag_path : path_;
    if (record_.kind() != MeetingRecord::PROTOKOLL)
      add(path_, "an anslagsbevis is made for a protokoll, not for minnesanteckningar");
    const FieldPath announced_path =
        anslag_path / step<model::Anslagsbevis>(model::Anslagsbevis::kJusteringAnnouncedFieldNumber);
    if (anslag.justering_announced().empty()) {
      add(where,
          "an anslagsbevis needs the date the justering was announced on the anslagstavla "
          "(anslagsbevis { justering_announced: \"2026-03-17\" })");
    } else if (const auto announced = swedish::parse_date(anslag.justering_announced()); !announced) {
      check_date(anslag.justering_announced(), announced_path);
    } else if (anslag.justering_announced() < record_.date()) {
      add(announced_path, fmt::format("the justering is announced ({}) before the meeting ({})",
                                      anslag.justering_announced(), record_.date()));
    }
    if (blank(anslag.kept_at()))
      add(where, "an anslagsbevis says where the protokoll is kept (anslagsbevis { kept_at: ... })");
    if (blank(anslag.certified_by().name()))
      add(where, "an anslagsbevis names who certifies it (anslagsbevis { certified_by { name: ... } })");
  }

  const LoadedDocument& loaded_;
  const ComposeOptions& options_;
  const MeetingRecord& record_;
  const FieldPath path_{step<model::Document>(model::Document::kMeetingRecordFieldNumber)};
  Problems problems_;
};

}  // namespace

Problems validate_meeting_life(const LoadedDocument& document, const ComposeOptions& options) {
  return LifeValidator(document, options).run();
}

}  // namespace kansli
