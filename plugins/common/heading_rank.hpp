// The heading rule the built-in exporters share (docs/html-exporter.md): HTML
// h1-h6, PDF H1-H6 and DOCX Title / Heading N rank the IR's headings the
// same way. Private to plugins/; a value type, one per document and thread.
#ifndef KANSLI_PLUGINS_COMMON_HEADING_RANK_HPP
#define KANSLI_PLUGINS_COMMON_HEADING_RANK_HPP

#include <algorithm>
#include <cstddef>
#include <vector>

namespace kansli::common {

// The first level-0 heading is the one rank-1 heading (the title); every
// other heading's rank is its depth in the outline of the IR levels seen so
// far, so a level never skips (a level-2 heading right after the title
// ranks 2) and siblings keep one rank. A later level-0 heading counts as
// level 1. Ranks stop at 6. Feed the headings in document order.
class HeadingOutline {
 public:
  unsigned rank(unsigned level) {
    if (level == 0) {
      if (!title_seen_) {
        title_seen_ = true;
        return 1;
      }
      level = 1;
    }
    while (open_.size() > 1 && open_.back() >= level) open_.pop_back();
    open_.push_back(level);
    return static_cast<unsigned>(std::min<std::size_t>(open_.size(), 6));
  }

  // The rank of a title that ranks like a level-1 heading but opens no
  // section (the table of contents): what follows does not nest under it.
  unsigned rank_alone() {
    const unsigned rank = this->rank(1);
    open_.pop_back();
    return rank;
  }

 private:
  std::vector<unsigned> open_{0};
  bool title_seen_ = false;
};

}  // namespace kansli::common

#endif
