// Fuzz harness: a house style's logo PNG, as the core reads and checks it
// (core/src/png_check.hpp): chunks, checksums, header, and image data
// inflated from untrusted bytes. Seeds: examples/husstil/logotyp.png.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "png_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kansli::png_problem(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
