#include "exporter_contract.hpp"

#include <fmt/core.h>

#include <cstddef>
#include <cstring>
#include <exception>

namespace kansli::contract {

bool is_safe_name(std::string_view name) {
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (name.empty() || name.size() > 32 || !lower_or_digit(name[0])) return false;
  for (char c : name)
    if (!lower_or_digit(c) && c != '_' && c != '-') return false;
  return true;
}

// The length of the valid UTF-8 sequence at the start of `text` (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
static size_t valid_sequence_length(std::string_view text) {
  const auto at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = at(0);
  if (lead < 0x80) return 1;
  // The allowed range of the second byte depends on the lead byte.
  unsigned char low = 0x80, high = 0xBF;
  size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3, low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4, low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
  else
    return 0;
  if (text.size() < length || at(1) < low || at(1) > high) return 0;
  for (size_t i = 2; i < length; ++i)
    if ((at(i) & 0xC0) != 0x80) return 0;
  return length;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const size_t length = valid_sequence_length(text);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for the offending byte
      text.remove_prefix(1);
    } else {
      out.append(text.substr(0, length));
      text.remove_prefix(length);
    }
  }
  return out;
}

static bool is_valid_utf8(std::string_view text) {
  while (!text.empty()) {
    const size_t length = valid_sequence_length(text);
    if (length == 0) return false;
    text.remove_prefix(length);
  }
  return true;
}

std::vector<std::string> split_features(std::string_view list) {
  std::vector<std::string> features;
  while (!list.empty()) {
    const size_t space = list.find(' ');
    if (space != 0) features.emplace_back(list.substr(0, space));
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return features;
}

namespace {

// The smallest descriptor of each ABI: ABI 1 ends with render, ABI 2 with
// reads.
constexpr size_t kAbi1Size =
    offsetof(kansli_exporter_descriptor, render) + sizeof(kansli_exporter_descriptor::render);
constexpr size_t kAbi2Size =
    offsetof(kansli_exporter_descriptor, reads) + sizeof(kansli_exporter_descriptor::reads);

// A descriptor string: non-NULL and valid UTF-8, at most 256 bytes.
std::string text_field(const char* value, const char* name, std::string& out) {
  if (!value) return fmt::format("descriptor field {} is NULL", name);
  const size_t length = strnlen(value, 257);
  if (length > 256) return fmt::format("descriptor field {} is longer than 256 bytes", name);
  const std::string_view text(value, length);
  if (!is_valid_utf8(text))
    return fmt::format("descriptor field {} is not valid UTF-8: \"{}\"", name, valid_utf8(text));
  out = text;
  return {};
}

}  // namespace

std::string describe(const kansli_exporter_descriptor* descriptor, Description& out) {
  if (!descriptor) return "entry point returned no descriptor";
  // abi_version is the first member in every version: safe to read first.
  out.abi_version = descriptor->abi_version;
  if (descriptor->abi_version > KANSLI_EXPORTER_ABI_VERSION)
    return fmt::format("built for exporter ABI {}, newer than this kansli supports ({}-{}); update kansli",
                       descriptor->abi_version, KANSLI_EXPORTER_ABI_MIN_VERSION, KANSLI_EXPORTER_ABI_VERSION);
  if (descriptor->abi_version < KANSLI_EXPORTER_ABI_MIN_VERSION)
    return fmt::format(
        "built for exporter ABI {}, older than this kansli supports ({}-{}); rebuild the plugin",
        descriptor->abi_version, KANSLI_EXPORTER_ABI_MIN_VERSION, KANSLI_EXPORTER_ABI_VERSION);
  const size_t needed = descriptor->abi_version >= 2 ? kAbi2Size : kAbi1Size;
  if (descriptor->struct_size < needed)
    return fmt::format("descriptor too small ({} bytes, ABI {} needs at least {})", descriptor->struct_size,
                       descriptor->abi_version, needed);
  struct Field {
    const char* value;
    const char* name;
    std::string* into;
  };
  for (const Field& field : {Field{descriptor->id, "id", &out.id},
                             Field{descriptor->display_name, "display_name", &out.display_name},
                             Field{descriptor->version, "version", &out.version},
                             Field{descriptor->file_extension, "file_extension", &out.file_extension},
                             Field{descriptor->media_type, "media_type", &out.media_type}})
    if (auto error = text_field(field.value, field.name, *field.into); !error.empty()) return error;
  if (!is_safe_name(out.id))
    return fmt::format("invalid id \"{}\": an id is [a-z0-9][a-z0-9_-]{{0,31}}", out.id);
  if (!is_safe_name(out.file_extension))
    return fmt::format(
        "exporter '{}' has an invalid file extension \"{}\": an extension is [a-z0-9][a-z0-9_-]{{0,31}}",
        out.id, out.file_extension);
  if (!descriptor->render) return fmt::format("exporter '{}' has no render function", out.id);
  if (descriptor->abi_version >= 2) {
    out.ir_version = descriptor->ir_version;
    std::string reads;
    if (descriptor->reads) {
      if (auto error = text_field(descriptor->reads, "reads", reads); !error.empty()) return error;
      out.reads = split_features(reads);
    }
  } else {
    out.ir_version = 1;
  }
  if (out.ir_version == 0) return fmt::format("exporter '{}' declares IR version 0", out.id);
  if (out.reads.empty() && (descriptor->abi_version < 2 || !descriptor->reads))
    out.reads = split_features(out.ir_version == 1 ? KANSLI_IR_FEATURES_V1 : KANSLI_IR_FEATURES);
  return {};
}

namespace {

// The sink behind kansli_render_output: every call checked.
struct Sink {
  CallResult* result;
  // Set by the first contract violation or by fail; later writes are refused.
  bool failed = false;
  bool violated = false;
  bool reported = false;

  void violation(std::string what) {
    if (violated) return;
    violated = failed = true;
    result->error = std::move(what);
  }
};

int sink_write(void* context, const void* data, size_t size) noexcept {
  auto* sink = static_cast<Sink*>(context);
  try {
    if (sink->failed) return 1;
    if (size == 0) return 0;
    if (!data) {
      sink->violation(fmt::format("called write with a NULL pointer and a length of {} bytes", size));
      return 1;
    }
    if (size > KANSLI_EXPORTER_MAX_OUTPUT - sink->result->bytes.size()) {
      sink->violation(fmt::format("wrote more than the limit of {} MiB (a write of {} bytes after {})",
                                  KANSLI_EXPORTER_MAX_OUTPUT >> 20, size, sink->result->bytes.size()));
      return 1;
    }
    sink->result->bytes.append(static_cast<const char*>(data), size);
    return 0;
  } catch (...) {
    sink->violation("output does not fit in memory");
    return 1;
  }
}

void sink_fail(void* context, const char* message) noexcept {
  auto* sink = static_cast<Sink*>(context);
  try {
    if (sink->reported || sink->violated) return;  // The first reason stands.
    sink->reported = sink->failed = true;
    if (!message || !*message) {
      sink->result->error = "failed without a message (fail was called with an empty message)";
      return;
    }
    const std::string_view text(message, strnlen(message, 64 * 1024));
    sink->result->error = valid_utf8(text);
    if (!is_valid_utf8(text)) sink->result->error += " (the message was not valid UTF-8; repaired)";
  } catch (...) {
    sink->result->error = "failed";
  }
}

}  // namespace

CallResult call_render(const kansli_exporter_descriptor& descriptor, std::string_view ir,
                       std::string_view source, const Options& options) {
  CallResult result;
  Sink sink{&result};
  std::vector<kansli_option> option_list;
  for (const auto& [key, value] : options) option_list.push_back({key.c_str(), value.c_str()});
  kansli_render_input input{};
  input.struct_size = sizeof input;
  input.ir = {reinterpret_cast<const uint8_t*>(ir.data()), ir.size()};
  input.source = {reinterpret_cast<const uint8_t*>(source.data()), source.size()};
  input.options = option_list.data();
  input.option_count = option_list.size();
  kansli_render_output output{};
  output.struct_size = sizeof output;
  output.context = &sink;
  output.write = &sink_write;
  output.fail = &sink_fail;
  int status = 0;
  try {
    status = descriptor.render(&input, &output);
  } catch (const std::exception& e) {
    sink.violation(fmt::format("let an exception out of render: {}", valid_utf8(e.what())));
  } catch (...) {
    sink.violation("let an exception out of render");
  }
  if (status != 0 && !sink.failed)
    sink.violation(
        fmt::format("returned {} without saying why (exporter.h asks render to call fail)", status));
  else if (status == 0 && sink.reported)
    sink.violation(fmt::format("called fail (\"{}\") but returned 0", result.error));
  else if (status == 0 && !sink.failed && result.bytes.empty())
    sink.violation("returned success but wrote nothing");
  result.ok = !sink.failed;
  if (!result.ok) std::string().swap(result.bytes);
  return result;
}

namespace wire {

namespace {

void put_length(std::string& out, std::uint64_t n) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((n >> (8 * i)) & 0xFF);
}

bool get_length(std::string_view data, size_t& pos, std::uint64_t& n) {
  if (data.size() - pos < 8) return false;
  n = 0;
  for (int i = 0; i < 8; ++i) n |= std::uint64_t(static_cast<unsigned char>(data[pos + i])) << (8 * i);
  pos += 8;
  return true;
}

void put(std::string& out, std::string_view s) {
  put_length(out, s.size());
  out.append(s);
}

bool get(std::string_view data, size_t& pos, std::string& s) {
  std::uint64_t n;
  if (!get_length(data, pos, n) || data.size() - pos < n) return false;
  s.assign(data.substr(pos, n));
  pos += n;
  return true;
}

}  // namespace

std::string encode(const Request& request) {
  std::string out;
  put(out, request.ir);
  put(out, request.source);
  put_length(out, request.options.size());
  for (const auto& [key, value] : request.options) put(out, key), put(out, value);
  return out;
}

bool decode(std::string_view data, Request& request) {
  size_t pos = 0;
  std::uint64_t count;
  if (!get(data, pos, request.ir) || !get(data, pos, request.source) || !get_length(data, pos, count))
    return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::string key, value;
    if (!get(data, pos, key) || !get(data, pos, value)) return false;
    request.options.emplace_back(std::move(key), std::move(value));
  }
  return pos == data.size();
}

std::string record_header(Tag tag, std::uint64_t size) {
  std::string out(1, static_cast<char>(tag));
  put_length(out, size);
  return out;
}

bool parse_header(std::string_view header, Tag& tag, std::uint64_t& size) {
  size_t pos = 1;
  if (header.size() != kHeaderSize || !get_length(header, pos, size)) return false;
  tag = static_cast<Tag>(header[0]);
  return true;
}

std::string record(Tag tag, std::string_view payload) {
  return record_header(tag, payload.size()).append(payload);
}

bool next_record(std::string_view data, size_t& pos, Tag& tag, std::string_view& payload) {
  if (pos >= data.size() || data.size() - pos < kHeaderSize) return false;
  std::uint64_t n;
  if (!parse_header(data.substr(pos, kHeaderSize), tag, n) || data.size() - pos - kHeaderSize < n)
    return false;
  const size_t at = pos + kHeaderSize;
  payload = data.substr(at, n);
  pos = at + n;
  return true;
}

std::string encode(const Description& d) {
  std::string out;
  put_length(out, d.abi_version);
  put_length(out, d.ir_version);
  for (const std::string* s : {&d.id, &d.display_name, &d.version, &d.file_extension, &d.media_type})
    put(out, *s);
  std::string reads;
  for (const auto& feature : d.reads) reads += (reads.empty() ? "" : " ") + feature;
  put(out, reads);
  return out;
}

bool decode(std::string_view payload, Description& d) {
  size_t pos = 0;
  std::uint64_t abi, ir;
  std::string reads;
  if (!get_length(payload, pos, abi) || !get_length(payload, pos, ir)) return false;
  for (std::string* s : {&d.id, &d.display_name, &d.version, &d.file_extension, &d.media_type})
    if (!get(payload, pos, *s)) return false;
  if (!get(payload, pos, reads)) return false;
  d.abi_version = static_cast<std::uint32_t>(abi);
  d.ir_version = static_cast<std::uint32_t>(ir);
  d.reads = split_features(reads);
  return true;
}

}  // namespace wire
}  // namespace kansli::contract
