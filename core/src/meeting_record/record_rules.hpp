// Rules of a meeting record shared by validation and composition, so that
// both agree on what a record means.
#ifndef KANSLI_RECORD_RULES_HPP
#define KANSLI_RECORD_RULES_HPP

#include <kansli/model.pb.h>

#include <string>
#include <string_view>
#include <vector>

namespace kansli::rules {

// The numbering a record uses (an unspecified numbering follows the kind:
// § for a protokoll, 1, 2, 3 otherwise).
model::MeetingRecord::Numbering numbering(const model::MeetingRecord& record);

// The displayed number of each item; 0 for an unnumbered item. An item
// without an explicit number continues from the previous numbered one (the
// first starts at 1).
std::vector<unsigned> item_numbers(const model::MeetingRecord& record);

// The last item number of a range (0 in `last` means a single item).
inline unsigned last_item(const model::ItemRange& range) {
  return range.last() == 0 ? range.first() : range.last();
}

// The attendee present at the meeting with this name (in `present` or one
// of the `attendance_groups`), or nullptr.
const model::Attendee* find_present(const model::MeetingRecord& record, std::string_view name);

// The body a record refers to, or nullptr.
const model::Body* find_body(const model::Organisation& organisation, std::string_view id);

}  // namespace kansli::rules

#endif
