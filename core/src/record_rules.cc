#include "record_rules.hpp"

namespace kansli::rules {

model::MeetingRecord::Numbering numbering(const model::MeetingRecord& record) {
  if (record.numbering() != model::MeetingRecord::NUMBERING_UNSPECIFIED) return record.numbering();
  return record.kind() == model::MeetingRecord::PROTOKOLL ? model::MeetingRecord::PARAGRAPH_SIGN
                                                           : model::MeetingRecord::NUMBERED;
}

std::vector<unsigned> item_numbers(const model::MeetingRecord& record) {
  std::vector<unsigned> numbers;
  const bool numbered = numbering(record) != model::MeetingRecord::UNNUMBERED;
  unsigned previous = 0;
  for (const auto& item : record.items()) {
    if (!numbered || item.unnumbered()) {
      numbers.push_back(0);
      continue;
    }
    const unsigned number = item.number() != 0 ? item.number() : previous + 1;
    numbers.push_back(number);
    previous = number;
  }
  return numbers;
}

std::vector<std::string> footnote_references(std::string_view text) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while ((pos = text.find("[^", pos)) != std::string_view::npos) {
    const size_t end = text.find(']', pos + 2);
    if (end == std::string_view::npos) break;
    const std::string_view id = text.substr(pos + 2, end - pos - 2);
    // A definition ("[^id]: ...") never appears in body text.
    if (!id.empty() && id.find_first_of(" \t\n[") == std::string_view::npos) ids.emplace_back(id);
    pos = end + 1;
  }
  return ids;
}

const model::Attendee* find_present(const model::MeetingRecord& record, std::string_view name) {
  for (const auto& attendee : record.present())
    if (attendee.person().name() == name) return &attendee;
  return nullptr;
}

const model::Body* find_body(const model::Organisation& organisation, std::string_view id) {
  for (const auto& body : organisation.bodies())
    if (body.id() == id) return &body;
  return nullptr;
}

}  // namespace kansli::rules
