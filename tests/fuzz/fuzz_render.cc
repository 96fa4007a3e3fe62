// Structure-aware fuzz harness: the input is a binary kansli.model.Document;
// the mutator (with libFuzzer) changes one string or number field of it at a
// time, so mutants of the seed examples stay documents that load and mostly
// validate. Each input is rendered by every exporter found (pdf, docx, json):
// validate, compose, export must never crash or hang, whatever they return.
#include <google/protobuf/message.h>

#include <cstddef>
#include <cstdint>
#include <kansli/limits.hpp>
#include <kansli/load.hpp>
#include <kansli/plugin_host.hpp>
#include <kansli/render.hpp>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "fuzz_support.hpp"

namespace {

namespace pb = google::protobuf;

const kansli::PluginHost& host() {
  static const kansli::PluginHost* loaded = [] {
    auto* h = new kansli::PluginHost([](const std::string&) {});
    h->load(kansli::PluginHost::default_search_path());
    // Fuzzing without the exporters would find nothing in them: stop.
    if (!h->find("pdf") || !h->find("docx") || !h->find("json")) __builtin_trap();
    return h;
  }();
  return *loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto loaded = kansli::load_document(std::string_view(reinterpret_cast<const char*>(data), size),
                                            kansli::InputFormat::binary, "fuzz.binpb");
  if (!loaded) return 0;
  for (const auto& plugin : host().plugins())
    if (plugin.usable()) (void)kansli::render(*loaded, plugin);
  return 0;
}

#ifdef KANSLI_LIBFUZZER

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

// One string or number field of a message (an element, for repeated ones).
struct Slot {
  pb::Message* message;
  const pb::FieldDescriptor* field;
  int index;  // -1 when not repeated
};

void collect(pb::Message& message, std::vector<Slot>& slots) {
  const pb::Reflection* r = message.GetReflection();
  const pb::Descriptor* d = message.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* field = d->field(i);
    const int count = field->is_repeated() ? r->FieldSize(message, field) : 1;
    for (int k = 0; k < count; ++k) {
      const int index = field->is_repeated() ? k : -1;
      if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        // Descend only into what is there: unset messages stay unset.
        if (index < 0 && !r->HasField(message, field)) continue;
        collect(index < 0 ? *r->MutableMessage(&message, field)
                          : *r->MutableRepeatedMessage(&message, field, index),
                slots);
      } else {
        slots.push_back({&message, field, index});
      }
    }
  }
}

// Makes mutated text valid UTF-8 without control characters (Protobuf
// refuses the document otherwise, validation the field): invalid bytes become
// '?', controls a space. Mutants then get past loading and validation to
// compose and the exporters.
void keep_loadable(std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k)
      valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!valid) {
      out += '?';
      ++i;
      continue;
    }
    if (length == 1 && (c < 0x20 || c == 0x7F))
      out += ' ';
    else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)
      out += ' ';  // C1
    else
      out.append(text, i, length);
    i += length;
  }
  text = std::move(out);
}

// Two's complement wrap-around, defined (signed overflow is not).
std::int64_t wrap(std::uint64_t value) { return static_cast<std::int64_t>(value); }

std::int64_t interesting(std::mt19937_64& random, std::int64_t current) {
  const auto u = static_cast<std::uint64_t>(current);
  constexpr std::int64_t m = kansli::limits::kMaxAmount;
  const std::int64_t values[] = {
      0,         1,         -1,        m,           -m,          m + 1,        -m - 1,
      m - 1,     999,       1000,      1500,        -500,        1'000'000,    999999,
      2025,      1900,      9999,      12,          31,          60,           INT64_MAX,
      INT64_MIN, INT32_MAX, INT32_MIN, wrap(u + 1), wrap(u - 1), wrap(u * 10), wrap(random())};
  return values[random() % (sizeof values / sizeof values[0])];
}

void mutate(const Slot& slot, std::mt19937_64& random, std::size_t max_size) {
  pb::Message& m = *slot.message;
  const pb::Reflection* r = m.GetReflection();
  const pb::FieldDescriptor* f = slot.field;
  const bool rep = slot.index >= 0;
  const int i = slot.index;
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      std::string text = rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
      const std::size_t room = std::min<std::size_t>(max_size, text.size() * 2 + 64);
      text.resize(std::max(room, text.size()));
      const std::size_t size =
          LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(text.data()), std::min(text.size(), room), room);
      text.resize(size);
      if (f->type() == pb::FieldDescriptor::TYPE_STRING) keep_loadable(text);
      rep ? r->SetRepeatedString(&m, f, i, text) : r->SetString(&m, f, text);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      const auto v = interesting(random, rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f));
      rep ? r->SetRepeatedInt64(&m, f, i, v) : r->SetInt64(&m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT64: {
      const auto v = static_cast<std::uint64_t>(interesting(random, 0));
      rep ? r->SetRepeatedUInt64(&m, f, i, v) : r->SetUInt64(&m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      const auto v = static_cast<std::int32_t>(
          interesting(random, rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f)));
      rep ? r->SetRepeatedInt32(&m, f, i, v) : r->SetInt32(&m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT32: {
      const auto v = static_cast<std::uint32_t>(
          interesting(random, rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f)));
      rep ? r->SetRepeatedUInt32(&m, f, i, v) : r->SetUInt32(&m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      rep ? r->SetRepeatedBool(&m, f, i, random() & 1) : r->SetBool(&m, f, random() & 1);
      break;
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const int v = static_cast<int>(random() % (f->enum_type()->value_count() + 1));
      rep ? r->SetRepeatedEnumValue(&m, f, i, v) : r->SetEnumValue(&m, f, v);
      break;
    }
    default: break;
  }
}

}  // namespace

// Mutates one field of the document in `data`; bytes that are no document
// (or one time in sixteen) get libFuzzer's plain byte mutations instead.
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  std::mt19937_64 random(seed);
  kansli::model::Document document;
  if (random() % 16 == 0 || !document.ParseFromArray(data, static_cast<int>(size)))
    return LLVMFuzzerMutate(data, size, max_size);
  // Slots again after each change: setting a oneof member deletes the
  // message that held the other one.
  const int changes = 1 + static_cast<int>(random() % 3);
  for (int k = 0; k < changes; ++k) {
    std::vector<Slot> slots;
    collect(document, slots);
    if (slots.empty()) return LLVMFuzzerMutate(data, size, max_size);
    mutate(slots[random() % slots.size()], random, max_size / 4);
  }
  const std::string bytes = document.SerializeAsString();
  if (bytes.size() > max_size) return size;
  std::copy(bytes.begin(), bytes.end(), data);
  return bytes.size();
}

#endif
