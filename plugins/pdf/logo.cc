#include "logo.hpp"

#include <fmt/format.h>
#include <hpdf_objects.h>
#include <libdeflate.h>
#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <future>
#include <kansli/exporter_support.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "object_helpers.hpp"

namespace kansli::pdf {

// A decoded PNG, its streams already compressed.
struct DecodedPng {
  unsigned width = 0, height = 0;
  bool gray = false;  // DeviceGray, else DeviceRGB
  // Flate, 8 bits per component; when `predicted`, each row starts with its
  // PNG filter byte (/DecodeParms /Predictor 15).
  std::string colour;
  std::string alpha;  // the same for the soft mask; empty when opaque
  bool predicted = false;
};

namespace {

// Logos are large areas of flat colour: libdeflate's fastest level packs
// them almost as tightly as level 6 at a fraction of the instructions.
constexpr int kImageLevel = 1;
// As many pixels as the core lets a logo have (kansli::kMaxLogoPixels in
// the core's kansli/style.hpp, which a plugin does not include): an IR may
// come from elsewhere, and a small PNG can inflate to gigabytes.
constexpr uint64_t kMaxLogoPixels = 4 * 1024 * 1024;

uint32_t read_u32(const unsigned char* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}

struct Decompressor {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

ExportError unreadable(std::string_view why) {
  return ExportError(fmt::format("the logo is not a readable PNG ({})", why));
}

// Filtered rows (PNG predictors) in the zlib format. A flat logo's are
// almost all zeros, which runs code in under half of libdeflate's fastest
// level (sormland's logo: 2.0 M instructions for both halves against
// 4.4 M, 8 937 bytes against 8 046); other images go to libdeflate.
std::string compress_filtered(std::string_view rows) {
  std::string runs = common::deflate_runs(rows);
  return runs.empty() ? deflate(rows, kImageLevel) : runs;
}

// The common logo: 8 bits per channel, not interlaced, no palette, no
// colour key. Its image data is already what a PDF Flate stream with the
// PNG predictors holds, so an opaque one is passed through as it is. With
// alpha, the rows are split into colour and alpha: PNG filters work on the
// same channel of the previous pixel and row, so each half, with its row's
// filter byte, stays correctly filtered and nothing is unfiltered.
// Returns null for every other PNG (decoded by libpng instead).
std::shared_ptr<DecodedPng> pass_through_png(const std::string& bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  if (n < 8 + 25 || std::memcmp(b, "\x89PNG\r\n\x1a\n", 8) != 0) throw unreadable("no PNG signature");
  uint32_t width = 0, height = 0;
  unsigned depth = 0, colour_type = 0, interlace = 0;
  bool colour_key = false, ended = false;
  std::string data;  // the IDAT chunks, joined
  for (size_t at = 8; !ended;) {
    if (n - at < 12) throw unreadable("a chunk runs past the end of the file");
    const uint32_t length = read_u32(b + at);
    if (length > n - at - 12) throw unreadable("a chunk runs past the end of the file");
    const unsigned char* type = b + at + 4;
    const unsigned char* body = type + 4;
    if (libdeflate_crc32(0, type, length + 4) != read_u32(body + length))
      throw unreadable(fmt::format("the checksum of chunk {} is wrong",
                                   std::string_view(reinterpret_cast<const char*>(type), 4)));
    const std::string_view name(reinterpret_cast<const char*>(type), 4);
    if (at == 8) {
      if (name != "IHDR" || length != 13) throw unreadable("it does not start with its header");
      width = read_u32(body);
      height = read_u32(body + 4);
      depth = body[8];
      colour_type = body[9];
      interlace = body[12];
      if (body[10] != 0 || body[11] != 0) return nullptr;  // unknown methods: libpng says why
    } else if (name == "IDAT") {
      data.append(reinterpret_cast<const char*>(body), length);
    } else if (name == "tRNS") {
      colour_key = true;
    } else if (name == "IEND") {
      ended = true;
    }
    at += 12 + size_t{length};
  }
  size_t channels = 0;
  switch (colour_type) {
    case 0: channels = 1; break;  // gray
    case 2: channels = 3; break;  // RGB
    case 4: channels = 2; break;  // gray + alpha
    case 6: channels = 4; break;  // RGBA
    default: return nullptr;      // palette
  }
  if (depth != 8 || interlace != 0 || colour_key || width == 0 || height == 0) return nullptr;
  if (uint64_t{width} * height > kMaxLogoPixels) throw unreadable("it has too many pixels");
  const size_t row = 1 + size_t{width} * channels;
  const size_t size = row * height;
  const std::unique_ptr<char[]> rows(new char[size]);  // all written below, not zero-filled
  thread_local std::unique_ptr<libdeflate_decompressor, Decompressor> decompressor;
  if (!decompressor) decompressor.reset(libdeflate_alloc_decompressor());
  if (!decompressor) throw ExportError("out of memory (libdeflate decompressor)");
  size_t produced = 0;
  if (libdeflate_zlib_decompress(decompressor.get(), data.data(), data.size(), rows.get(), size, &produced) !=
          LIBDEFLATE_SUCCESS ||
      produced != size)
    throw unreadable("its image data is damaged or of the wrong size");
  for (size_t y = 0; y < height; ++y)
    if (static_cast<unsigned char>(rows[y * row]) > 4) throw unreadable("a row has an unknown filter");
  auto png = std::make_shared<DecodedPng>();
  png->width = width;
  png->height = height;
  png->gray = channels <= 2;
  png->predicted = true;
  if (channels == 1 || channels == 3) {
    png->colour = std::move(data);
    return png;
  }
  const size_t colour_channels = channels - 1;
  const size_t colour_row = 1 + size_t{width} * colour_channels, alpha_row = 1 + size_t{width};
  const std::unique_ptr<char[]> colour(new char[colour_row * height]), alpha(new char[alpha_row * height]);
  for (size_t y = 0; y < height; ++y) {
    const char* from = rows.get() + y * row;
    char* to_colour = colour.get() + y * colour_row;
    char* to_alpha = alpha.get() + y * alpha_row;
    *to_colour++ = *to_alpha++ = *from++;  // the filter byte, in both
    if (colour_channels == 3) {
      for (size_t x = 0; x < width; ++x, from += 4, to_colour += 3) {
        to_colour[0] = from[0];
        to_colour[1] = from[1];
        to_colour[2] = from[2];
        to_alpha[x] = from[3];
      }
    } else {
      for (size_t x = 0; x < width; ++x, from += 2) {
        to_colour[x] = from[0];
        to_alpha[x] = from[1];
      }
    }
  }
  png->colour = compress_filtered({colour.get(), colour_row * height});
  png->alpha = compress_filtered({alpha.get(), alpha_row * height});
  return png;
}

std::shared_ptr<const DecodedPng> decode_png(const std::string& bytes) {
  if (auto png = pass_through_png(bytes)) return png;
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) throw unreadable(image.message);
  if (uint64_t{image.width} * image.height > kMaxLogoPixels) {
    png_image_free(&image);
    throw unreadable("it has too many pixels");
  }
  // Without gAMA or sRGB, 16-bit samples are sRGB as 8-bit ones are, not
  // linear (libpng's default): scaled, not brightened.
  image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  const bool gray = (image.format & PNG_FORMAT_FLAG_COLOR) == 0;
  const bool has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = (gray ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB) | (has_alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
  const size_t channels = PNG_IMAGE_SAMPLE_CHANNELS(image.format);
  std::string pixels(PNG_IMAGE_SIZE(image), '\0');
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
    png_image_free(&image);
    throw unreadable(image.message);
  }
  auto png = std::make_shared<DecodedPng>();
  png->width = image.width;
  png->height = image.height;
  png->gray = gray;
  if (!has_alpha) {
    png->colour = deflate(pixels, kImageLevel);
    return png;
  }
  // Split interleaved colour+alpha into the image and its soft mask.
  const size_t count = static_cast<size_t>(image.width) * image.height;
  const size_t colour_channels = channels - 1;
  std::string colour(count * colour_channels, '\0'), alpha(count, '\0');
  const char* from = pixels.data();
  char* to_colour = colour.data();
  char* to_alpha = alpha.data();
  for (size_t i = 0; i < count; ++i, from += channels, to_colour += colour_channels) {
    std::copy_n(from, colour_channels, to_colour);
    to_alpha[i] = from[colour_channels];
  }
  png->colour = deflate(colour, kImageLevel);
  png->alpha = deflate(alpha, kImageLevel);
  return png;
}

PreparedLogo::Future cached_png(const std::string& bytes) {
  // A house has one logo, a batch a few: keep the last few, keyed by bytes.
  // The first document that needs one decodes it on a thread of its own,
  // while it lays its pages out; later ones find it ready.
  constexpr size_t kKept = 8;
  static std::mutex mutex;
  static std::map<std::string, PreparedLogo::Future> decoded;
  std::lock_guard lock(mutex);
  if (auto it = decoded.find(bytes); it != decoded.end()) return it->second;
  if (decoded.size() >= kKept) decoded.clear();
  auto png = std::async(std::launch::async,
                        [bytes] { return std::shared_ptr<const DecodedPng>(decode_png(bytes)); });
  return decoded.emplace(bytes, png.share()).first->second;
}

HPDF_Dict image_stream(HPDF_Doc doc, unsigned width, unsigned height, const char* colour_space,
                       const std::string& flate, bool predicted) {
  HPDF_Dict image = new_compressed_stream(doc, flate);
  if (predicted) {
    HPDF_Dict parameters = HPDF_Dict_New(doc->mmgr);
    if (!parameters) throw ExportError("out of memory (image parameters)");
    HPDF_Dict_AddNumber(parameters, "Predictor", 15);
    HPDF_Dict_AddNumber(parameters, "Colors", std::string_view(colour_space) == "DeviceRGB" ? 3 : 1);
    HPDF_Dict_AddNumber(parameters, "BitsPerComponent", 8);
    HPDF_Dict_AddNumber(parameters, "Columns", static_cast<HPDF_INT32>(width));
    HPDF_Dict_Add(image, "DecodeParms", parameters);
  }
  image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;  // what HPDF_Page_DrawImage checks
  HPDF_Dict_AddName(image, "Type", "XObject");
  HPDF_Dict_AddName(image, "Subtype", "Image");
  HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(width));
  HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(height));
  HPDF_Dict_AddName(image, "ColorSpace", colour_space);
  HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
  return image;
}

}  // namespace

PreparedLogo::~PreparedLogo() {
  if (png_.valid()) png_.wait();  // no thread of this plugin outlives the render
}

PreparedLogo prepare_logo(const ir::HouseStyle& style) {
  PreparedLogo prepared;
  if (style.has_logo() && style.logo().media_type() == "image/png")
    prepared.png_ = cached_png(style.logo().data());
  return prepared;
}

HPDF_Image logo_image(HPDF_Doc doc, const ir::HouseStyle& style, const PreparedLogo& prepared) {
  if (!style.has_logo()) return nullptr;
  const auto& logo = style.logo();
  if (logo.media_type() == "image/jpeg") {
    HPDF_Image image = HPDF_LoadJpegImageFromMem(doc, reinterpret_cast<const HPDF_BYTE*>(logo.data().data()),
                                                 static_cast<HPDF_UINT>(logo.data().size()));
    if (!image) throw ExportError("libharu cannot read the logo (JPEG)");
    return image;
  }
  if (!prepared.png_.valid()) throw ExportError("the logo was not prepared");  // a bug of ours
  const std::shared_ptr<const DecodedPng> png = prepared.png_.get();           // rethrows the decoder's error
  HPDF_Dict image = image_stream(doc, png->width, png->height, png->gray ? "DeviceGray" : "DeviceRGB",
                                 png->colour, png->predicted);
  if (!png->alpha.empty())
    HPDF_Dict_Add(image, "SMask",
                  image_stream(doc, png->width, png->height, "DeviceGray", png->alpha, png->predicted));
  return image;
}

}  // namespace kansli::pdf
