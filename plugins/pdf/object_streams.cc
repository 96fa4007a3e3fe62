#include "object_streams.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <kansli/exporter_support.hpp>
#include <string_view>
#include <vector>

#include "object_helpers.hpp"

// Written by hand rather than with libqpdf: qpdf parses and rewrites every
// object, which took a third more instructions than the whole render of a
// protokoll (issue 10 allows tagging 15 %). libharu's output has one known
// shape, so moving its dictionaries into object streams is a linear pass:
// the classic xref table gives every object's place, a stream object is
// copied as it is, every other object's value goes into a compressed object
// stream, and an xref stream replaces table and trailer.

namespace kansli::pdf {
namespace {

constexpr size_t kPerStream = 200;  // objects per object stream

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

struct Object {
  size_t offset = 0;
  std::string_view value;  // between "N 0 obj" and "endobj"
  bool stream = false;
};

// The objects of a libharu file by number (index 0 unused), and its trailer
// dictionary's inside; false when the file is not of the expected shape.
bool read_objects(std::string_view pdf, std::vector<Object>& objects, std::string_view& trailer) {
  const size_t sx = pdf.rfind("startxref");
  if (sx == std::string_view::npos) return false;
  const size_t xref = std::strtoul(pdf.data() + sx + 9, nullptr, 10);
  if (xref >= pdf.size() || pdf.substr(xref, 4) != "xref") return false;
  const char* p = pdf.data() + xref + 4;
  char* end = nullptr;
  const unsigned long first = std::strtoul(p, &end, 10);
  const unsigned long count = std::strtoul(end, &end, 10);
  if (first != 0 || count < 2) return false;
  while (is_space(*end)) ++end;
  const size_t table = static_cast<size_t>(end - pdf.data());
  if (table + count * 20 > pdf.size()) return false;
  objects.assign(count, {});
  std::vector<size_t> offsets;
  for (size_t i = 0; i < count; ++i) {
    const std::string_view entry = pdf.substr(table + i * 20, 20);
    const char kind = entry[17];
    if (i == 0) continue;
    if (kind != 'n' || entry.substr(11, 5) != "00000") return false;  // only generation 0, no free
    objects[i].offset = std::strtoul(entry.data(), nullptr, 10);
    if (objects[i].offset >= xref) return false;
    offsets.push_back(objects[i].offset);
  }
  offsets.push_back(xref);
  std::sort(offsets.begin(), offsets.end());
  const size_t tr = pdf.find("trailer", table + count * 20);
  if (tr == std::string_view::npos || tr > sx) return false;
  trailer = trim(pdf.substr(tr + 7, sx - tr - 7));
  if (trailer.size() < 4 || trailer.substr(0, 2) != "<<" || trailer.substr(trailer.size() - 2) != ">>")
    return false;
  trailer = trailer.substr(2, trailer.size() - 4);
  for (size_t i = 1; i < count; ++i) {
    Object& o = objects[i];
    const size_t next = *std::upper_bound(offsets.begin(), offsets.end(), o.offset);
    std::string_view body = trim(pdf.substr(o.offset, next - o.offset));
    const std::string head = fmt::format("{} 0 obj", i);
    if (body.substr(0, head.size()) != head || body.size() < head.size() + 6 ||
        body.substr(body.size() - 6) != "endobj")
      return false;
    o.value = trim(body.substr(head.size(), body.size() - head.size() - 6));
    o.stream = o.value.size() >= 9 && o.value.substr(o.value.size() - 9) == "endstream";
  }
  return true;
}

// The trailer's entries without /Size (the xref stream has its own).
std::string trailer_entries(std::string_view trailer) {
  std::string out;
  size_t at = trailer.find("/Size");
  if (at == std::string_view::npos) return std::string(trailer);
  size_t end = at + 5;
  while (end < trailer.size() && is_space(trailer[end])) ++end;
  while (end < trailer.size() && trailer[end] >= '0' && trailer[end] <= '9') ++end;
  out.append(trailer.substr(0, at));
  out.append(trailer.substr(end));
  return std::string(trim(out));
}

void put(std::string& out, uint64_t value, int bytes) {
  for (int b = bytes - 1; b >= 0; --b) out += static_cast<char>((value >> (8 * b)) & 0xFF);
}

}  // namespace

std::string pack_object_streams(const std::string& pdf) {
  std::vector<Object> objects;
  std::string_view trailer;
  if (!read_objects(pdf, objects, trailer)) return pdf;  // not libharu's shape: leave it as it is

  // Header (version line and binary comment) as libharu wrote it.
  const size_t first_object =
      std::min_element(objects.begin() + 1, objects.end(), [](const Object& a, const Object& b) {
        return a.offset < b.offset;
      })->offset;
  std::string out;
  // Packed, the file is smaller: reserved once, it is never copied to grow,
  // and only the part written takes memory.
  out.reserve(pdf.size());
  out.append(pdf, 0, first_object);

  const size_t count = objects.size();
  // xref entries: type, field 2, field 3 (PDF 32000-1, 7.5.8.3).
  std::vector<std::array<uint64_t, 3>> xref(count, {0, 0, 0});
  xref[0] = {0, 0, 65535};
  std::vector<size_t> packed;
  for (size_t i = 1; i < count; ++i) {
    if (objects[i].stream) {
      xref[i] = {1, out.size(), 0};
      out += fmt::format("{} 0 obj\n", i);
      out += objects[i].value;
      out += "\nendobj\n";
    } else {
      packed.push_back(i);
    }
  }
  size_t next_number = count;
  for (size_t start = 0; start < packed.size(); start += kPerStream) {
    const size_t stop = std::min(packed.size(), start + kPerStream);
    const size_t number = next_number++;
    std::string index, bodies;
    for (size_t k = start; k < stop; ++k) {
      const size_t i = packed[k];
      xref[i] = {2, number, k - start};
      index += fmt::format("{} {} ", i, bodies.size());
      bodies += objects[i].value;
      bodies += '\n';
    }
    const std::string data = deflate(index + bodies);
    xref.push_back({1, out.size(), 0});
    out += fmt::format(
        "{} 0 obj\n<< /Type /ObjStm /N {} /First {} /Filter /FlateDecode /Length {} >>\nstream\r\n", number,
        stop - start, index.size(), data.size());
    out += data;
    out += "\nendstream\nendobj\n";
  }
  const size_t xref_number = next_number++;
  const size_t xref_offset = out.size();
  xref.push_back({1, xref_offset, 0});
  std::string rows;
  for (const auto& e : xref) {
    put(rows, e[0], 1);
    put(rows, e[1], 4);
    put(rows, e[2], 2);
  }
  const std::string data = deflate(rows);
  out += fmt::format(
      "{} 0 obj\n<< /Type /XRef /Size {} /W [ 1 4 2 ] {} /Filter /FlateDecode /Length {} >>\nstream\r\n",
      xref_number, xref.size(), trailer_entries(trailer), data.size());
  out += data;
  out += fmt::format("\nendstream\nendobj\nstartxref\n{}\n%%EOF\n", xref_offset);
  return out;
}

}  // namespace kansli::pdf
