#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <kansli/swedish.hpp>
#include <map>
#include <optional>
#include <set>

#include "../compose_support/inline_text.hpp"
#include "../validate_support/field_paths.hpp"
#include "meeting_record.hpp"
#include "record_rules.hpp"

namespace kansli {

namespace {

using model::MeetingRecord;

// Numbers run on across a body's meetings for decades, never near this.
constexpr unsigned kMaxItemNumber = 999999;

class MeetingValidator {
 public:
  explicit MeetingValidator(const LoadedDocument& loaded) : loaded_(loaded) {}

  Problems run() {
    check_meeting(loaded_.document.meeting_record(),
                  {step<model::Document>(model::Document::kMeetingRecordFieldNumber)});
    return std::move(problems_);
  }

 private:
  void add(const FieldPath& path, std::string message) {
    problems_.push_back(loaded_.problem_at(path, std::move(message)));
  }

  void check_meeting(const MeetingRecord& record, const FieldPath& path) {
    auto at = [&](int number, int index = -1) {
      return path / PathStep{field<MeetingRecord>(number), index};
    };
    if (record.kind() == MeetingRecord::KIND_UNSPECIFIED)
      add(path, "missing kind (PROTOKOLL or MINNESANTECKNINGAR)");
    if (record.body().empty())
      add(path, "missing body (the id of the body that held the meeting)");
    else if (!rules::find_body(loaded_.document.organisation(), record.body()))
      add(at(MeetingRecord::kBodyFieldNumber),
          fmt::format("unknown body '{}': not among organisation.bodies", record.body()));
    if (record.issued_under_former_name() && loaded_.document.organisation().former_name().empty())
      add(at(MeetingRecord::kIssuedUnderFormerNameFieldNumber),
          "issued under the former name, but the organisation has no former_name");

    std::optional<swedish::Date> date;
    if (record.date().empty())
      add(path, "missing date");
    else if (!(date = swedish::parse_date(record.date())))
      add(at(MeetingRecord::kDateFieldNumber),
          fmt::format("impossible date '{}' (expected YYYY-MM-DD)", record.date()));

    std::optional<swedish::Time> start, end;
    if (!record.start_time().empty() && !(start = swedish::parse_time(record.start_time())))
      add(at(MeetingRecord::kStartTimeFieldNumber),
          fmt::format("impossible time '{}' (expected HH:MM)", record.start_time()));
    if (!record.end_time().empty()) {
      if (!(end = swedish::parse_time(record.end_time())))
        add(at(MeetingRecord::kEndTimeFieldNumber),
            fmt::format("impossible time '{}' (expected HH:MM)", record.end_time()));
      else if (record.start_time().empty())
        add(at(MeetingRecord::kEndTimeFieldNumber), "end_time without start_time");
      else if (start && (end->hour * 60 + end->minute) <= (start->hour * 60 + start->minute))
        add(at(MeetingRecord::kEndTimeFieldNumber), fmt::format("the meeting ends ({}) before it starts ({})",
                                                                record.end_time(), record.start_time()));
    }

    const auto numbers = rules::item_numbers(record);
    auto existing = numbers;
    std::sort(existing.begin(), existing.end());
    existing.erase(std::unique(existing.begin(), existing.end()), existing.end());
    if (!existing.empty() && existing.front() == 0) existing.erase(existing.begin());
    const char* sign = rules::numbering(record) == MeetingRecord::PARAGRAPH_SIGN ? "§ " : "";

    for (int i = 0; i < record.present_size(); ++i)
      check_attendee(record.present(i), at(MeetingRecord::kPresentFieldNumber, i), existing, sign, false);
    for (int i = 0; i < record.guests_size(); ++i)
      check_attendee(record.guests(i), at(MeetingRecord::kGuestsFieldNumber, i), existing, sign, true);
    for (int i = 0; i < record.invited().people_size(); ++i)
      check_attendee(record.invited().people(i),
                     at(MeetingRecord::kInvitedFieldNumber) /
                         PathStep{field<model::Invited>(model::Invited::kPeopleFieldNumber), i},
                     existing, sign, false);

    check_presentation(record, path, existing, sign);

    if (record.items_size() == 0) add(path, "the record has no items");
    std::set<std::string> attachment_ids, inline_attachments;
    for (const auto& attachment : record.attachments()) {
      attachment_ids.insert(attachment.id());
      if (attachment.named_inline()) inline_attachments.insert(attachment.id());
    }
    check_footnote_numbers(record, path);
    unsigned previous = 0;
    const bool numbered_points = rules::numbering(record) == MeetingRecord::NUMBERED;
    for (int i = 0; i < record.items_size(); ++i) {
      const auto& item = record.items(i);
      const FieldPath item_path = at(MeetingRecord::kItemsFieldNumber, i);
      auto item_at = [&](int number, int index = -1) {
        return item_path / PathStep{field<model::Item>(number), index};
      };
      if (item.has_title() && blank(item.title()))
        add(item_at(model::Item::kTitleFieldNumber), "empty item title");
      else if (!item.has_title() && !(numbered_points && numbers[i] != 0))
        add(item_path, "the item has no title (only numbered points may go without)");
      if (item.number() > kMaxItemNumber)
        add(item_at(model::Item::kNumberFieldNumber),
            fmt::format("item number {} is out of range (at most {})", item.number(), kMaxItemNumber));
      else if (numbers[i] != 0) {
        if (numbers[i] <= previous)
          add(item.number() ? item_at(model::Item::kNumberFieldNumber) : item_path,
              fmt::format("item number {}{} {} the previous item's {}{}", sign, numbers[i],
                          numbers[i] == previous ? "repeats" : "goes backwards after", sign, previous));
        previous = numbers[i];
      }
      check_item(item, item_path, attachment_ids, inline_attachments);
    }

    check_closing(record, at(MeetingRecord::kClosingFieldNumber));
    const auto& signatures = record.electronic_signatures();
    for (int i = 0; i < signatures.signatures_size(); ++i) {
      const auto& signature = signatures.signatures(i);
      const FieldPath signature_path =
          at(MeetingRecord::kElectronicSignaturesFieldNumber) /
          PathStep{field<model::ElectronicSignatures>(model::ElectronicSignatures::kSignaturesFieldNumber),
                   i};
      if (blank(signature.name())) add(signature_path, "electronic signature without a name");
      if (!valid_timestamp(signature.signed_at()))
        add(signature_path /
                PathStep{field<model::ElectronicSignature>(model::ElectronicSignature::kSignedAtFieldNumber)},
            fmt::format("impossible signing time '{}' (expected 2026-03-13T16:00:03+01:00)",
                        signature.signed_at()));
    }
    for (int number : {model::ElectronicSignatures::kValidationServiceUrlFieldNumber,
                       model::ElectronicSignatures::kAcrobatHelpUrlFieldNumber}) {
      const auto* url_field = field<model::ElectronicSignatures>(number);
      const std::string& url = signatures.GetReflection()->GetString(signatures, url_field);
      const FieldPath url_path = at(MeetingRecord::kElectronicSignaturesFieldNumber) / PathStep{url_field};
      if (url.empty()) continue;
      if (url.find_first_of(" \t\n<>") != std::string::npos)
        add(url_path, fmt::format("'{}' is not a URL", url));
      else
        check_links({url}, url_path);
    }
    if (signatures.signatures_size() > 0 &&
        signatures.level() == model::ElectronicSignatures::LEVEL_UNSPECIFIED)
      add(at(MeetingRecord::kElectronicSignaturesFieldNumber),
          "electronic signatures without a level (ADVANCED_EIDAS or QUALIFIED_EIDAS)");
  }

  static bool valid_timestamp(std::string_view text) {
    // 2026-03-13T16:00:03+01:00
    if (text.size() != 25 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        (text[19] != '+' && text[19] != '-') || text[22] != ':')
      return false;
    auto digits = [&](size_t from, size_t count) {
      for (size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
      return true;
    };
    if (!swedish::parse_date(text.substr(0, 10)) || !digits(11, 2) || !digits(14, 2) || !digits(17, 2) ||
        !digits(20, 2) || !digits(23, 2))
      return false;
    const int hour = std::stoi(std::string(text.substr(11, 2)));
    const int minute = std::stoi(std::string(text.substr(14, 2)));
    const int second = std::stoi(std::string(text.substr(17, 2)));
    return hour < 24 && minute < 60 && second < 60;
  }

  // The first number of first..last not in `sorted` (ascending, unique), in
  // O(log n) whatever the range's length: in a run without gaps from
  // sorted[p] == first, sorted[p + j] - j stays equal to first.
  static std::optional<std::uint64_t> first_missing(const std::vector<unsigned>& sorted, std::uint64_t first,
                                                    std::uint64_t last) {
    const auto start = std::lower_bound(sorted.begin(), sorted.end(), first);
    if (start == sorted.end() || *start != first) return first;
    const size_t base = static_cast<size_t>(start - sorted.begin());
    size_t low = base, high = sorted.size();
    while (low < high) {
      const size_t middle = low + (high - low) / 2;
      if (sorted[middle] - static_cast<std::uint64_t>(middle - base) == first)
        low = middle + 1;
      else
        high = middle;
    }
    const std::uint64_t next = first + (low - base);
    if (next > last) return std::nullopt;
    return next;
  }

  // A value of an enum this build does not know (a number in the input).
  template <class Message>
  void check_enum(const Message& message, int number, const FieldPath& path) {
    const auto* descriptor = field<Message>(number);
    const int value = message.GetReflection()->GetEnumValue(message, descriptor);
    if (!descriptor->enum_type()->FindValueByNumber(value))
      add(path / PathStep{descriptor}, fmt::format("unknown {} value {} (one of: {})", descriptor->name(),
                                                   value, enum_names(*descriptor)));
  }

  static std::string enum_names(const google::protobuf::FieldDescriptor& descriptor) {
    std::string names;
    for (int i = 0; i < descriptor.enum_type()->value_count(); ++i)
      names += (i ? ", " : "") + std::string(descriptor.enum_type()->value(i)->name());
    return names;
  }

  // A plain-text choice that is set must say something.
  template <class Message>
  void check_not_blank(const Message& message, int number, const FieldPath& path, std::string_view what) {
    const auto* descriptor = field<Message>(number);
    const std::string& text = message.GetReflection()->GetString(message, descriptor);
    if (!text.empty() && blank(text)) add(path / PathStep{descriptor}, fmt::format("blank {}", what));
  }

  // The presentation choices of issue 15.
  void check_presentation(const MeetingRecord& record, const FieldPath& path,
                          const std::vector<unsigned>& existing, const char* sign) {
    auto at = [&](int number, int index = -1) {
      return path / PathStep{field<MeetingRecord>(number), index};
    };
    for (int number :
         {MeetingRecord::kDateStyleFieldNumber, MeetingRecord::kAttendanceOrderFieldNumber,
          MeetingRecord::kAttendeeLineFieldNumber, MeetingRecord::kSecretaryPlacementFieldNumber})
      check_enum(record, number, path);
    check_not_blank(record, MeetingRecord::kPresentHeadingFieldNumber, path, "present_heading");
    check_not_blank(record, MeetingRecord::kSecretaryTitleFieldNumber, path, "secretary_title");
    for (int g = 0; g < record.attendance_groups_size(); ++g) {
      const auto& group = record.attendance_groups(g);
      const FieldPath group_path = at(MeetingRecord::kAttendanceGroupsFieldNumber, g);
      if (blank(group.heading()))
        add(group_path, "an attendance group without a heading (e.g. \"Närvarande ersättare\")");
      if (group.people_size() == 0) add(group_path, "an attendance group without people");
      for (int i = 0; i < group.people_size(); ++i)
        check_attendee(
            group.people(i),
            group_path /
                PathStep{field<model::AttendanceGroup>(model::AttendanceGroup::kPeopleFieldNumber), i},
            existing, sign, false);
    }
    if (record.secretary_placement() == MeetingRecord::AFTER_ATTENDANCE) {
      if (record.secretary().empty())
        add(at(MeetingRecord::kSecretaryPlacementFieldNumber), "AFTER_ATTENDANCE without a secretary");
      else if (rules::PresentIndex(record).find(record.secretary()))
        add(at(MeetingRecord::kSecretaryPlacementFieldNumber),
            fmt::format("secretary '{}' is among those present; AFTER_ATTENDANCE names a secretary who "
                        "is not (leave the placement unspecified)",
                        record.secretary()));
    }
  }

  // Footnote numbers as the author gives them: all or none, each once.
  void check_footnote_numbers(const MeetingRecord& record, const FieldPath& path) {
    std::map<unsigned, std::string> numbered;
    int with = 0, without = 0;
    for (const auto& item : record.items())
      for (const auto& footnote : item.footnotes()) (footnote.number() ? with : without)++;
    if (with == 0) return;
    for (int i = 0; i < record.items_size(); ++i)
      for (int f = 0; f < record.items(i).footnotes_size(); ++f) {
        const auto& footnote = record.items(i).footnotes(f);
        const FieldPath footnote_path = path /
                                        PathStep{field<MeetingRecord>(MeetingRecord::kItemsFieldNumber), i} /
                                        PathStep{field<model::Item>(model::Item::kFootnotesFieldNumber), f};
        if (footnote.number() == 0) {
          add(footnote_path,
              fmt::format("footnote '{}' has no number, but {} other footnote{} of the record {} one "
                          "(number all footnotes or none)",
                          footnote.id(), with, with == 1 ? "" : "s", with == 1 ? "has" : "have"));
          continue;
        }
        const auto [it, inserted] = numbered.emplace(footnote.number(), footnote.id());
        if (!inserted)
          add(footnote_path / PathStep{field<model::Footnote>(model::Footnote::kNumberFieldNumber)},
              fmt::format("footnote number {} is also given to footnote '{}'", footnote.number(),
                          it->second));
      }
  }

  void check_attendee(const model::Attendee& attendee, const FieldPath& path,
                      const std::vector<unsigned>& existing, const char* sign, bool guest) {
    if (blank(attendee.person().name()))
      add(path / PathStep{field<model::Attendee>(model::Attendee::kPersonFieldNumber)},
          "a person without a name");
    check_not_blank(attendee, model::Attendee::kLineFieldNumber, path, "attendee line");
    if (guest && attendee.items_size() == 0)
      add(path, fmt::format("guest '{}' is not tied to any item (set items)", attendee.person().name()));
    for (int r = 0; r < attendee.items_size(); ++r) {
      const auto& range = attendee.items(r);
      const FieldPath range_path =
          path / PathStep{field<model::Attendee>(model::Attendee::kItemsFieldNumber), r};
      const std::uint64_t last = rules::last_item(range);
      if (range.first() == 0 || last < range.first()) {
        add(range_path, fmt::format("impossible item range {}{}-{}", sign, range.first(), range.last()));
        continue;
      }
      if (const auto missing = first_missing(existing, range.first(), last))
        add(range_path, fmt::format("'{}' refers to item {}{}, which the record does not have",
                                    attendee.person().name(), sign, *missing));
    }
  }

  // Links may lead to web pages, e-mail addresses and the document itself.
  void check_links(const std::vector<std::string>& links, const FieldPath& path) {
    for (const auto& link : links)
      if (link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0 && link.rfind("mailto:", 0) != 0 &&
          link.rfind("#", 0) != 0)
        add(path, fmt::format("link to '{}' is not allowed (use https:, http: or mailto:)", link));
  }

  void check_inline(std::string_view text, const FieldPath& path, const std::set<std::string>& footnotes,
                    std::set<std::string>& used) {
    const auto references = inline_references(text);
    for (const auto& id : references.footnotes) {
      if (!footnotes.count(id))
        add(path, fmt::format("footnote [^{}] is not defined in the item's footnotes", id));
      used.insert(id);
    }
    check_links(references.links, path);
  }

  // Title text: its footnote references must be defined in the item.
  void check_title(std::string_view text, const FieldPath& path, const std::set<std::string>& footnotes,
                   std::set<std::string>& used) {
    for (const auto& id : title_references(text)) {
      if (!footnotes.count(id))
        add(path, fmt::format("footnote [^{}] is not defined in the item's footnotes", id));
      used.insert(id);
    }
  }

  void check_item(const model::Item& item, const FieldPath& path, const std::set<std::string>& attachments,
                  const std::set<std::string>& inline_attachments) {
    std::set<std::string> footnotes, used;
    for (int f = 0; f < item.footnotes_size(); ++f) {
      const auto& footnote = item.footnotes(f);
      const FieldPath footnote_path =
          path / PathStep{field<model::Item>(model::Item::kFootnotesFieldNumber), f};
      if (footnote.id().empty())
        add(footnote_path, "footnote without an id");
      else if (!footnotes.insert(footnote.id()).second)
        add(footnote_path, fmt::format("footnote id '{}' repeats", footnote.id()));
      if (blank(footnote.text())) add(footnote_path, "empty footnote text");
      const auto references = inline_references(footnote.text());
      if (!references.footnotes.empty()) add(footnote_path, "a footnote cannot refer to another footnote");
      check_links(references.links, footnote_path);
    }
    if (item.has_title())
      check_title(item.title(), path / PathStep{field<model::Item>(model::Item::kTitleFieldNumber)},
                  footnotes, used);
    for (int b = 0; b < item.blocks_size(); ++b) {
      const auto& block = item.blocks(b);
      const FieldPath block_path = path / PathStep{field<model::Item>(model::Item::kBlocksFieldNumber), b};
      switch (block.content_case()) {
        case model::Block::kParagraph: check_inline(block.paragraph(), block_path, footnotes, used); break;
        case model::Block::kQuote: check_inline(block.quote(), block_path, footnotes, used); break;
        case model::Block::kHeading:
          if (blank(block.heading())) add(block_path, "empty sub-heading");
          check_title(block.heading(), block_path, footnotes, used);
          break;
        case model::Block::kDecision:
          if (blank(block.decision().text())) add(block_path, "empty decision");
          check_inline(block.decision().text(), block_path, footnotes, used);
          break;
        case model::Block::kList:
          if (block.list().entries_size() == 0) add(block_path, "empty list");
          for (const auto& entry : block.list().entries()) check_inline(entry, block_path, footnotes, used);
          break;
        case model::Block::kAttachment:
          if (!attachments.count(block.attachment().attachment()))
            add(block_path, fmt::format("refers to attachment '{}', which the record does not list",
                                        block.attachment().attachment()));
          else if (inline_attachments.count(block.attachment().attachment()))
            add(block_path, fmt::format("refers to attachment '{}', which is named_inline (the running text "
                                        "names it; it has no reference block)",
                                        block.attachment().attachment()));
          break;
        case model::Block::kTable: {
          const size_t columns = static_cast<size_t>(block.table().header_size());
          for (const auto& cell : block.table().header()) check_inline(cell, block_path, footnotes, used);
          for (const auto& row : block.table().rows()) {
            if (columns && static_cast<size_t>(row.cells_size()) != columns)
              add(block_path,
                  fmt::format("a table row has {} cells, the header {}", row.cells_size(), columns));
            for (const auto& cell : row.cells()) check_inline(cell, block_path, footnotes, used);
          }
          break;
        }
        case model::Block::CONTENT_NOT_SET: add(block_path, "empty block"); break;
      }
    }
    for (int f = 0; f < item.footnotes_size(); ++f)
      if (!item.footnotes(f).id().empty() && !used.count(item.footnotes(f).id()))
        add(path / PathStep{field<model::Item>(model::Item::kFootnotesFieldNumber), f},
            fmt::format("footnote '{}' is never referenced", item.footnotes(f).id()));
  }

  void check_closing(const MeetingRecord& record, const FieldPath& path) {
    const auto& closing = record.closing();
    const rules::PresentIndex present(record);
    if (!closing.chair().empty() && !present.find(closing.chair()))
      add(path / PathStep{field<model::Closing>(model::Closing::kChairFieldNumber)},
          fmt::format("chair '{}' is not among those present", closing.chair()));
    for (int i = 0; i < closing.adjusters_size(); ++i)
      if (!present.find(closing.adjusters(i).name()))
        add(path / PathStep{field<model::Closing>(model::Closing::kAdjustersFieldNumber), i},
            fmt::format("adjuster '{}' is not among those present", closing.adjusters(i).name()));
  }

  const LoadedDocument& loaded_;
  Problems problems_;
};

}  // namespace

Problems validate_meeting_record(const LoadedDocument& document) { return MeetingValidator(document).run(); }

}  // namespace kansli
