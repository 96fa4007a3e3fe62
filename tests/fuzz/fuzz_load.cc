// Fuzz harness: load_document on arbitrary bytes in one input format
// (KANSLI_FUZZ_FORMAT: text, json or binary). Loading must refuse what it
// cannot take with problems, never crash, hang or exhaust memory.
#include <cstddef>
#include <cstdint>
#include <kansli/load.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto loaded = kansli::load_document(std::string_view(reinterpret_cast<const char*>(data), size),
                                            kansli::InputFormat::KANSLI_FUZZ_FORMAT, "fuzz");
  // Either a document or at least one problem, never neither.
  if (!loaded && loaded.problems.empty()) __builtin_trap();
  return 0;
}
