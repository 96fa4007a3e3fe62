// Rules of a meeting record shared by validation and composition, so that
// both agree on what a record means.
#ifndef KANSLI_RECORD_RULES_HPP
#define KANSLI_RECORD_RULES_HPP

#include <kansli/model.pb.h>

#include <string>
#include <string_view>
#include <unordered_map>
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

// Those present at the meeting (in `present` and every one of the
// `attendance_groups`) by name, built once: a lookup is O(1), whatever the
// number of attendees. Refers into `record`, which must outlive it.
class PresentIndex {
 public:
  explicit PresentIndex(const model::MeetingRecord& record);
  // The first attendee with this name, or nullptr.
  const model::Attendee* find(std::string_view name) const;

 private:
  std::unordered_map<std::string_view, const model::Attendee*> by_name_;
};

// The body a record refers to, or nullptr.
const model::Body* find_body(const model::Organisation& organisation, std::string_view id);

}  // namespace kansli::rules

#endif
