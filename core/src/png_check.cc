#include "png_check.hpp"

#include <fmt/core.h>
#include <libdeflate.h>

#include <cstdint>
#include <kansli/style.hpp>
#include <memory>
#include <new>
#include <vector>

namespace kansli {
namespace {

uint32_t big_endian(std::string_view b, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}

// The bytes of image data a PNG's header promises: per row a filter byte
// and the row's pixels, for each of Adam7's seven passes when interlaced.
uint64_t png_data_size(uint64_t width, uint64_t height, unsigned bits_per_pixel, bool interlaced) {
  auto rows = [&](uint64_t w, uint64_t h) {
    return w == 0 || h == 0 ? 0 : h * (1 + (w * bits_per_pixel + 7) / 8);
  };
  if (!interlaced) return rows(width, height);
  static constexpr unsigned kPasses[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                             {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
  uint64_t size = 0;
  for (const auto& [x, y, dx, dy] : kPasses)
    size += rows(width > x ? (width - x + dx - 1) / dx : 0, height > y ? (height - y + dy - 1) / dy : 0);
  return size;
}

}  // namespace

std::string png_problem(std::string_view b) {
  uint32_t width = 0, height = 0;
  unsigned depth = 0, colour_type = 0;
  bool interlaced = false, palette = false, ended = false;
  std::vector<std::string_view> data;
  if (b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) return "it does not start as a PNG";
  for (size_t at = 8; !ended;) {
    if (at >= b.size() || b.size() - at < 12) return "it is cut off";
    const uint32_t length = big_endian(b, at);
    if (length > b.size() - at - 12) return "it is cut off";
    const std::string_view type = b.substr(at + 4, 4);
    const std::string_view body = b.substr(at + 8, length);
    if (libdeflate_crc32(0, b.data() + at + 4, size_t{length} + 4) != big_endian(b, at + 8 + length))
      return fmt::format("the checksum of its {} chunk at byte {} is wrong", type, at);
    if (at == 8) {
      if (type != "IHDR" || length != 13) return "it does not start with its header";
      width = big_endian(body, 0);
      height = big_endian(body, 4);
      depth = static_cast<unsigned char>(body[8]);
      colour_type = static_cast<unsigned char>(body[9]);
      interlaced = body[12] == 1;
      const bool depth_fits =
          colour_type == 0   ? depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16
          : colour_type == 3 ? depth == 1 || depth == 2 || depth == 4 || depth == 8
          : colour_type == 2 || colour_type == 4 || colour_type == 6 ? depth == 8 || depth == 16
                                                                     : false;
      if (!depth_fits || body[10] != 0 || body[11] != 0 || static_cast<unsigned char>(body[12]) > 1)
        return fmt::format("its header is not valid (colour type {}, bit depth {})", colour_type, depth);
      if (width == 0 || height == 0) return fmt::format("its header gives no pixels ({}×{})", width, height);
      if (uint64_t{width} * height > kMaxLogoPixels)
        return fmt::format("it has {}×{} pixels, more than {} in all", width, height, kMaxLogoPixels);
    }
    if (type == "PLTE") palette = true;
    if (type == "IDAT") data.push_back(body);
    ended = type == "IEND";
    at += 12 + size_t{length};
  }
  if (data.empty()) return "it has no image data";
  if (colour_type == 3 && !palette) return "it has no palette";
  const unsigned channels = colour_type == 2 ? 3 : colour_type == 4 ? 2 : colour_type == 6 ? 4 : 1;
  const uint64_t expected = png_data_size(width, height, channels * depth, interlaced);
  const uint64_t row = 1 + (uint64_t{width} * channels * depth + 7) / 8;  // when not interlaced

  // libdeflate inflates about six times faster than zlib; it wants the
  // stream whole and room for all of it (at most 32 MiB: kMaxLogoPixels).
  std::string joined;
  for (std::string_view part : data) joined += part;
  const std::unique_ptr<char[]> rows(new char[expected]);
  struct Decompressor {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
  };
  thread_local std::unique_ptr<libdeflate_decompressor, Decompressor> decompressor(
      libdeflate_alloc_decompressor());
  if (!decompressor) throw std::bad_alloc();
  size_t produced = 0;
  switch (libdeflate_zlib_decompress(decompressor.get(), joined.data(), joined.size(), rows.get(), expected,
                                     &produced)) {
    case LIBDEFLATE_SUCCESS: break;
    case LIBDEFLATE_SHORT_OUTPUT: return "its image data ends early";
    case LIBDEFLATE_INSUFFICIENT_SPACE: return "its image data is larger than its header says";
    default: return "its image data is not valid compressed data";
  }
  if (produced != expected) return "its image data ends early";
  if (!interlaced)  // the filter byte starting each row: 0 to 4
    for (uint64_t y = 0; y < height; ++y)
      if (static_cast<unsigned char>(rows[y * row]) > 4)
        return fmt::format("row {} has an unknown filter", y);
  return "";
}

}  // namespace kansli
