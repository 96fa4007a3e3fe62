// Fuzz harness: validate on any document that loads from binary Protobuf
// (every field value the schema allows, within the limits loading checks).
#include <cstddef>
#include <cstdint>
#include <kansli/load.hpp>
#include <kansli/validate.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto loaded = kansli::load_document(std::string_view(reinterpret_cast<const char*>(data), size),
                                            kansli::InputFormat::binary, "fuzz.binpb");
  if (loaded) kansli::validate(*loaded);
  return 0;
}
