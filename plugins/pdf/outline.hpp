// Bookmarks (the PDF outline) for the headings of the table of contents.
//
// Ownership: an Outline writes into the HPDF_Doc it is given (no ownership)
// and must outlive the saving of that document: the bookmarks' dictionaries
// are empty placeholders until libharu writes them, and then it asks the
// Outline for their entries (built, written and freed one at a time; in
// libharu's objects a bookmark takes about 2 KB, some 16 MB for a 2 000-page
// protokoll). Neither copied nor moved (libharu holds its address).
// Errors: libharu errors surface through the document's error handler.
// Not thread-safe (one document, one thread).
#ifndef KANSLI_PDF_OUTLINE_HPP
#define KANSLI_PDF_OUTLINE_HPP

#include <hpdf.h>
#include <kansli/ir.pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kansli::pdf {

class Outline {
 public:
  // Bookmarks for the headings listed in the table of contents (level 1 at
  // the top, deeper levels under the previous shallower one), all open.
  // `anchors` maps a heading anchor to its page index and y.
  Outline(HPDF_Doc doc, const ir::Document& document,
          const std::map<std::string, std::pair<size_t, double>>& anchors,
          const std::vector<HPDF_Page>& pages);
  Outline(const Outline&) = delete;
  Outline& operator=(const Outline&) = delete;

 private:
  struct Item {
    std::string title;
    HPDF_Dict dict = nullptr;   // placeholder, filled by write_item
    HPDF_Array dest = nullptr;  // empty but while written: [page /FitH top]
    uint32_t page = 0;
    float top = 0;
    int32_t parent = -1;  // -1: the outline root
    int32_t first = -1, last = -1, prev = -1, next = -1;
    uint32_t count = 0;  // open descendants
  };
  static HPDF_STATUS write_root(HPDF_Dict placeholder, HPDF_Stream stream);
  static HPDF_STATUS write_item(HPDF_Dict placeholder, HPDF_Stream stream);

  HPDF_Doc doc_;
  std::vector<HPDF_Page> pages_;
  std::vector<Item> items_;
  HPDF_Dict root_ = nullptr;
  int32_t first_ = -1, last_ = -1;  // the root's
  HPDF_UINT32 first_id_ = 0;        // the object number of items_[0].dict
};

}  // namespace kansli::pdf

#endif
