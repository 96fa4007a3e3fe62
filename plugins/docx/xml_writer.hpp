// A small streaming XML writer for the WordprocessingML parts of a DOCX.
//
// Why not a library: the parts are a fixed vocabulary written front to back,
// so the one hard part is text. libxml2's xmlTextWriter escapes & < > but
// passes characters XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF) and invalid
// UTF-8 through, which yields a file Word refuses; we would have to filter
// every string ourselves anyway. This writer does both in one pass.
//
// Contract: whatever bytes are given as text or attribute values, the output
// is well-formed XML 1.0 in UTF-8. Invalid UTF-8 becomes U+FFFD; control
// characters other than tab, line feed and carriage return, C1 controls and
// the non-characters U+FFFE/U+FFFF are dropped.
#ifndef KANSLI_DOCX_XML_WRITER_HPP
#define KANSLI_DOCX_XML_WRITER_HPP

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::docx {

using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Appends `text` to `out`, escaped for element content (attribute = false)
// or a double-quoted attribute value, with forbidden characters removed.
void append_escaped(std::string& out, std::string_view text, bool attribute);

// Returns `text` as valid UTF-8 without the characters XML forbids (the same
// rules as append_escaped, without escaping).
std::string xml_safe(std::string_view text);

class XmlWriter {
 public:
  // Starts a document with the XML declaration (standalone="yes").
  XmlWriter();

  // <name attributes...>; closed by end().
  XmlWriter& start(std::string_view name, Attributes attributes = {});
  // <name attributes.../>
  XmlWriter& leaf(std::string_view name, Attributes attributes = {});
  // <name attributes...>text</name>
  XmlWriter& element(std::string_view name, std::string_view text, Attributes attributes = {});
  // Escaped character data.
  XmlWriter& text(std::string_view text);
  // Closes the innermost open element.
  XmlWriter& end();

  // The document; every element still open is closed first.
  std::string finish();

 private:
  void open_tag(std::string_view name, Attributes attributes);
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace kansli::docx

#endif
