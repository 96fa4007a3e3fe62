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

PresentIndex::PresentIndex(const model::MeetingRecord& record) {
  for (const auto& attendee : record.present()) by_name_.emplace(attendee.person().name(), &attendee);
  for (const auto& group : record.attendance_groups())
    for (const auto& attendee : group.people()) by_name_.emplace(attendee.person().name(), &attendee);
}

const model::Attendee* PresentIndex::find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

const model::Body* find_body(const model::Organisation& organisation, std::string_view id) {
  for (const auto& body : organisation.bodies())
    if (body.id() == id) return &body;
  return nullptr;
}

}  // namespace kansli::rules
