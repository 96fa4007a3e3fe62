// A small streaming XML writer for the built-in exporters: the
// WordprocessingML parts of a DOCX and the PDF's XMP metadata packet.
// Private to plugins/ (not part of the SDK).
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
// the non-characters U+FFFE/U+FFFF are dropped. An XmlWriter is a value
// owned by its user; no shared state, so separate writers are safe on
// separate threads.
#ifndef KANSLI_PLUGINS_COMMON_XML_WRITER_HPP
#define KANSLI_PLUGINS_COMMON_XML_WRITER_HPP

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::common {

using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Appends `text` to `out`, escaped for element content (attribute = false)
// or a double-quoted attribute value, with forbidden characters removed.
void append_escaped(std::string& out, std::string_view text, bool attribute);

// Returns `text` as valid UTF-8 without the characters XML forbids (the same
// rules as append_escaped, without escaping).
std::string xml_safe(std::string_view text);

class XmlWriter {
 public:
  enum class Declaration { standalone, none };
  // Starts a document with the XML declaration (standalone="yes"), or with
  // nothing (a fragment such as an XMP packet).
  explicit XmlWriter(Declaration declaration = Declaration::standalone);

  // <name attributes...>; closed by end().
  XmlWriter& start(std::string_view name, Attributes attributes = {});
  // <name attributes.../>
  XmlWriter& leaf(std::string_view name, Attributes attributes = {});
  // <name attributes...>text</name>
  XmlWriter& element(std::string_view name, std::string_view text, Attributes attributes = {});
  // Escaped character data.
  XmlWriter& text(std::string_view text);
  // A processing instruction <?target data?>; `data` is written as given.
  XmlWriter& instruction(std::string_view target, std::string_view data);
  // A line break between elements (for packets people read).
  XmlWriter& newline();
  // Closes the innermost open element.
  XmlWriter& end();

  // The document; every element still open is closed first.
  std::string finish();

 private:
  void open_tag(std::string_view name, Attributes attributes);
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace kansli::common

#endif
