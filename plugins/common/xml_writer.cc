#include "xml_writer.hpp"

#include "utf8.hpp"

namespace kansli::common {

namespace {

bool allowed(char32_t cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
  if (cp < 0x20) return false;
  if (cp >= 0x7F && cp <= 0x9F) return false;  // DEL and C1 controls: legal but never meant
  if (cp == 0xFFFE || cp == 0xFFFF) return false;
  return true;
}

template <typename Emit>
void for_each_allowed(std::string_view text, Emit emit) {
  for_each_code_point(text, [&](char32_t cp) {
    if (allowed(cp)) emit(cp);
  });
}

}  // namespace

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for_each_allowed(text, [&](char32_t cp) {
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute)
          out += "&quot;";
        else
          out += '"';
        break;
      case '\t':
      case '\n':
      case '\r':
        // Attribute values normalise raw whitespace to spaces; keep it.
        if (attribute)
          out += cp == '\t' ? "&#9;" : cp == '\n' ? "&#10;" : "&#13;";
        else
          out += static_cast<char>(cp);
        break;
      default: append_utf8(out, cp);
    }
  });
}

std::string xml_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_allowed(text, [&](char32_t cp) { append_utf8(out, cp); });
  return out;
}

XmlWriter::XmlWriter(Declaration declaration) {
  if (declaration == Declaration::standalone)
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
}

XmlWriter& XmlWriter::instruction(std::string_view target, std::string_view data) {
  out_ += "<?";
  out_ += target;
  out_ += ' ';
  out_ += data;
  out_ += "?>";
  return *this;
}

XmlWriter& XmlWriter::newline() {
  out_ += '\n';
  return *this;
}

void XmlWriter::open_tag(std::string_view name, Attributes attributes) {
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attributes) {
    out_ += ' ';
    out_ += key;
    out_ += "=\"";
    append_escaped(out_, value, true);
    out_ += '"';
  }
}

XmlWriter& XmlWriter::start(std::string_view name, Attributes attributes) {
  open_tag(name, attributes);
  out_ += '>';
  open_.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::leaf(std::string_view name, Attributes attributes) {
  open_tag(name, attributes);
  out_ += "/>";
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view content, Attributes attributes) {
  open_tag(name, attributes);
  out_ += '>';
  append_escaped(out_, content, false);
  out_ += "</";
  out_ += name;
  out_ += '>';
  return *this;
}

XmlWriter& XmlWriter::text(std::string_view content) {
  append_escaped(out_, content, false);
  return *this;
}

XmlWriter& XmlWriter::end() {
  if (open_.empty()) return *this;
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
  return *this;
}

std::string XmlWriter::finish() {
  while (!open_.empty()) end();
  return std::move(out_);
}

}  // namespace kansli::common
