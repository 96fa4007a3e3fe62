// C++ convenience for writing an exporter against kansli/exporter.h.
//
// A plugin writes one function
//
//   std::string render(const kansli::ExportRequest& request);
//
// that returns the finished file's bytes or throws kansli::ExportError (or
// any std::exception) with a message, and exports it with
//
//   KANSLI_DEFINE_EXPORTER(render, "pdf", "PDF (libharu)", "1.0.0", "pdf",
//                          "application/pdf")
//
// The macro defines the C entry point and the descriptor, which declares that
// the exporter reads every feature (block kind) of the IR version of this
// SDK (KANSLI_IR_FEATURES, kansli/exporter.h); the adapter parses
// the Protobuf messages, catches every exception and reports it through the
// ABI, so nothing C++ crosses the boundary. Header-only: a plugin needs the
// kansli_proto library and this header, nothing from the core.
//
// Compiled with KANSLI_EXPORTER_ENTRY_NAME defined (kansli_add_exporter does
// so when KANSLI_STATIC_EXPORTERS is ON), the macro names the entry point
// that instead, e.g. kansli_exporter_entry_pdf, so that several exporters
// can be linked into one program.
#ifndef KANSLI_EXPORTER_SUPPORT_HPP
#define KANSLI_EXPORTER_SUPPORT_HPP

#include <kansli/exporter.h>
#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kansli {

// Thrown by an exporter to report a failure with a message.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What an exporter receives, parsed.
struct ExportRequest {
  ir::Document ir;
  model::Document source;
  std::map<std::string, std::string> options;

  // The option `key`, or `fallback` when it was not given.
  std::string option(const std::string& key, const std::string& fallback = {}) const {
    auto it = options.find(key);
    return it == options.end() ? fallback : it->second;
  }
};

// Decodes one UTF-8 sequence at `pos` and advances `pos`. An invalid,
// overlong or surrogate sequence decodes to U+FFFD and consumes one byte.
inline char32_t decode_utf8(std::string_view text, size_t& pos) {
  constexpr char32_t kReplacement = 0xFFFD;
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  size_t length = 0;
  char32_t cp = 0, min = 0;
  if ((lead & 0xE0) == 0xC0) length = 2, cp = lead & 0x1F, min = 0x80;
  else if ((lead & 0xF0) == 0xE0) length = 3, cp = lead & 0x0F, min = 0x800;
  else if ((lead & 0xF8) == 0xF0) length = 4, cp = lead & 0x07, min = 0x10000;
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return kReplacement;
  }
  for (size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += length;
  return cp;
}

// All of `text` decoded (see above).
inline std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) out.push_back(decode_utf8(text, pos));
  return out;
}

// Appends `cp` to `out` as UTF-8.
inline void encode_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// An RFC 3339 date-time as the IR carries it (Metadata.created):
// "2026-03-04T08:00:00+01:00" or "...Z".
struct Timestamp {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  // '+', '-' or 'Z', and the offset from UTC.
  char zone = 'Z';
  int offset_hours = 0, offset_minutes = 0;
};

// Parses Metadata.created; nullopt when it is empty or not RFC 3339.
inline std::optional<Timestamp> parse_timestamp(std::string_view text) {
  auto digits = [&](size_t at, size_t count, int& value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  Timestamp t;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
      text[13] != ':' || text[16] != ':' || !digits(0, 4, t.year) || !digits(5, 2, t.month) ||
      !digits(8, 2, t.day) || !digits(11, 2, t.hour) || !digits(14, 2, t.minute) || !digits(17, 2, t.second))
    return std::nullopt;
  const std::string_view zone = text.substr(19);
  if (zone == "Z" || zone == "z") {
    t.zone = 'Z';
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             digits(20, 2, t.offset_hours) && digits(23, 2, t.offset_minutes)) {
    t.zone = zone[0];
  } else {
    return std::nullopt;
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 60)
    return std::nullopt;
  return t;
}

namespace detail {

template <std::string (*Render)(const ExportRequest&)>
int render_adapter(const kansli_render_input* input, const kansli_render_output* output) noexcept {
  try {
    ExportRequest request;
    if (!request.ir.ParseFromArray(input->ir.data, static_cast<int>(input->ir.size)))
      throw ExportError("the document IR does not parse");
    if (!request.source.ParseFromArray(input->source.data, static_cast<int>(input->source.size)))
      throw ExportError("the source document does not parse");
    for (size_t i = 0; i < input->option_count; ++i)
      request.options[input->options[i].key] = input->options[i].value;
    const std::string bytes = Render(request);
    if (output->write(output->context, bytes.data(), bytes.size()) != 0) return 1;
    return 0;
  } catch (const std::exception& e) {
    output->fail(output->context, e.what());
  } catch (...) {
    output->fail(output->context, "unknown error in exporter");
  }
  return 1;
}

}  // namespace detail
}  // namespace kansli

#ifndef KANSLI_EXPORTER_ENTRY_NAME
#define KANSLI_EXPORTER_ENTRY_NAME kansli_exporter_entry
#endif

#define KANSLI_DEFINE_EXPORTER(render_fn, id, display_name, version, extension, media_type) \
  extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* KANSLI_EXPORTER_ENTRY_NAME( \
      void) {                                                                               \
    static const kansli_exporter_descriptor descriptor = {                                  \
        KANSLI_EXPORTER_ABI_VERSION,                                                        \
        sizeof(kansli_exporter_descriptor),                                                 \
        id,                                                                                 \
        display_name,                                                                       \
        version,                                                                            \
        extension,                                                                          \
        media_type,                                                                         \
        &::kansli::detail::render_adapter<render_fn>,                                       \
        KANSLI_IR_VERSION,                                                                  \
        KANSLI_IR_FEATURES};                                                                \
    return &descriptor;                                                                     \
  }

#endif  // KANSLI_EXPORTER_SUPPORT_HPP
