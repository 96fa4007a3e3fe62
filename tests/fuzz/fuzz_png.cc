// Fuzz harness: a house style's logo PNG, as the core reads and checks it
// (core/src/png_check.hpp): chunks, checksums, header, and image data
// inflated from untrusted bytes. Seeds: examples/husstil/logotyp.png.
// Each input is checked as it is, then with every chunk's checksum made
// right: a mutation almost always breaks a checksum, and the checks past it
// (header, palette, image data) would otherwise hardly be reached.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "png_check.hpp"

namespace {

uint32_t read_u32(const std::string& b, std::size_t at) {
  uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}

// The CRC-32 of the PNG format (the same polynomial as zlib's), bit by bit:
// a harness needs no speed here, nor another library.
uint32_t crc32(const char* data, std::size_t size) {
  uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= static_cast<unsigned char>(data[i]);
    for (int k = 0; k < 8; ++k) crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
  }
  return ~crc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  kansli::png_problem(bytes);
  for (std::size_t at = 8; at + 12 <= bytes.size();) {
    const uint32_t length = read_u32(bytes, at);
    if (length > bytes.size() - at - 12) break;
    const uint32_t crc = crc32(bytes.data() + at + 4, std::size_t{length} + 4);
    for (int i = 0; i < 4; ++i) bytes[at + 8 + length + i] = static_cast<char>(crc >> (24 - 8 * i));
    at += 12 + std::size_t{length};
  }
  kansli::png_problem(bytes);
  return 0;
}
