// Tagged PDF (PDF/UA-1): marked content around everything the painter draws
// and the structure tree built from the same walk. The layout says what each
// text group is (GroupTag, filled from the IR by the block builder); text
// without a tag, rules and filled rectangles are artifacts.
//
// No array it writes exceeds libharu's HPDF_LIMIT_MAX_ARRAY, whatever the
// document's size: beyond a threshold /ParentTree becomes a number tree
// (/Kids with /Limits) and a structure element's kids are grouped (the
// Document's into Part elements cut before headings, a Table's rows into
// TBody) or the element is continued in siblings of the same type (a list
// in several L). Documents below the threshold are written as before.
//
// Ownership: a Tagger lives for one render and writes into the HPDF_Doc it is
// given (no ownership); after finish() it must outlive the saving of the
// document, which asks it for the structure elements' entries. Errors: libharu errors surface through the
// document's error handler. Not thread-safe (one document, one thread).
#ifndef KANSLI_PDF_TAGGING_HPP
#define KANSLI_PDF_TAGGING_HPP

#include <hpdf.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "page.hpp"

namespace kansli::pdf {

class Tagger {
 public:
  // `enabled` false: every call does nothing (an untagged file, for benchmarks).
  Tagger(HPDF_Doc doc, bool enabled) : doc_(doc), enabled_(enabled) {
    elements_.emplace_back().role = "Document";
  }

  // Content-stream operators. begin_artifact()/end() enclose one artifact.
  // mark() puts what follows in the marked-content sequence of the element
  // for (tag, group, sub), or in an artifact when `tag` is null, opening a
  // new sequence only when that changes; `reference` (a footnote mark)
  // makes it a Reference element of its own inside that element, holding a
  // Link for the mark's link annotation. close() ends the open sequence.
  // Never across BT/ET: close() before ET.
  void begin_artifact(HPDF_Page page);
  void end(HPDF_Page page);
  void mark(HPDF_Page page, size_t page_index, const GroupTag* tag, long group, int sub,
            bool reference = false);
  void close(HPDF_Page page);
  // Opens the marked content of a new Figure element with the text
  // alternative `alt`, a child of the document; end() closes it.
  void begin_figure(HPDF_Page page, size_t page_index, const std::string& alt);

  // An annotation (link or signature widget) drawn on `page_index`, placed in
  // the tree as a Link or Form element after the content that precedes it.
  // `reference`: the link of a footnote mark, put in the Link element of the
  // mark's Reference (the marks of one (page, group, sub) in drawing order).
  void add_annotation(HPDF_Dict annotation, size_t page_index, const char* role, const GroupTag* near,
                      long group, int sub, bool reference = false);

  // Writes the structure tree, /ParentTree, /StructParents on every page and
  // annotation, /MarkInfo, /Lang and /ViewerPreferences.
  void finish(const std::vector<HPDF_Page>& pages, const std::string& lang);

 private:
  struct Kid {
    int element = -1;  // a child element, or
    size_t page = 0;   // marked content on a page, or
    int mcid = -1;
    HPDF_Dict annotation = nullptr;  // an annotation (OBJR)
  };
  // What few elements have; apart, so that an element stays small (a long
  // document has tens of thousands, kept until the file is written).
  struct Texts {
    std::string id;
    std::string actual_text;     // a TH of a header row that is not drawn
    std::string list_numbering;  // an L's /ListNumbering (Decimal, Disc)
    std::string alt;             // a Figure's /Alt
  };
  struct Element {
    std::string role;
    const char* scope = "";  // TH: Column or Row
    int parent = -1;
    std::vector<Kid> kids;
    HPDF_Dict dict = nullptr;
    std::unique_ptr<Texts> texts;  // null: all empty
    Texts& edit_texts() {
      if (!texts) texts = std::make_unique<Texts>();
      return *texts;
    }
  };
  int element_for(const GroupTag& tag, long group, int sub);
  // Bounds every element's kids (see the file comment); then mcid_owner_
  // and annotations_ name the elements that hold them after the moves.
  void limit_kids();
  // Wraps runs of element kids of `e` in new `role` elements.
  void group_kids(int e, const char* role);
  // Moves all but the first kids of `e` into siblings of the same type.
  void split(int e);
  // Where to end a group of the kids [from, to) of the Document: before
  // the last kid in its second half that starts the highest-ranking
  // section, or at `to`.
  size_t section_break(const std::vector<Kid>& kids, size_t from, size_t to) const;
  int heading_level(int e) const;  // 1-6 when `e` is (a Sect led by) a heading, else 0
  // The /ParentTree with `values` under the keys 0, 1, ... (one /Nums, or
  // a tree of nodes when they are too many for one array).
  HPDF_Dict parent_tree(const std::vector<void*>& values);
  int new_child(int parent, const std::string& role);
  int child(std::map<std::pair<long, int>, int>& index, std::pair<long, int> key, int parent,
            const std::string& role);
  // libharu's write_fn of an element's (empty) dictionary: writes the
  // element's entries (its dictionary's attr is the Tagger).
  static HPDF_STATUS write_element(HPDF_Dict placeholder, HPDF_Stream stream);

  HPDF_Doc doc_;
  bool enabled_;
  int open_ = -2;                  // the element of the open sequence; -1: artifact, -2: none
  std::vector<Element> elements_;  // [0]: Document
  // The Link elements of footnote marks by (page, group, sub), in drawing
  // order, and how many of them have their annotation.
  std::map<std::tuple<size_t, long, int>, std::pair<std::vector<int>, size_t>> references_;
  std::map<std::pair<long, int>, int> blocks_, groups_, subs_;
  std::map<size_t, std::vector<int>> mcid_owner_;       // page -> MCID -> element
  std::vector<std::pair<HPDF_Dict, int>> annotations_;  // annotation, element
  // Set by finish, read when the file is written.
  std::vector<HPDF_Page> pages_;
  HPDF_Dict root_ = nullptr;
  HPDF_UINT32 first_id_ = 0;  // the object number of elements_[0]'s dictionary
};

}  // namespace kansli::pdf

#endif
