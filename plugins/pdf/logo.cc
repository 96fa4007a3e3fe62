#include "logo.hpp"

#include <fmt/format.h>
#include <hpdf_objects.h>
#include <png.h>

#include <algorithm>
#include <kansli/exporter_support.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "object_helpers.hpp"

namespace kansli::pdf {
namespace {

// Logos are large areas of flat colour: libdeflate's fastest level packs
// them almost as tightly as level 6 at a fraction of the instructions.
constexpr int kImageLevel = 1;

// A decoded PNG, its streams already compressed.
struct DecodedPng {
  unsigned width = 0, height = 0;
  bool gray = false;   // DeviceGray, else DeviceRGB
  std::string colour;  // Flate, 8 bits per component
  std::string alpha;   // Flate, 8 bits; empty when the PNG is opaque
};

std::shared_ptr<const DecodedPng> decode_png(const std::string& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    throw ExportError(fmt::format("the logo is not a readable PNG ({})", image.message));
  const bool gray = (image.format & PNG_FORMAT_FLAG_COLOR) == 0;
  const bool has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = (gray ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB) | (has_alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
  const size_t channels = PNG_IMAGE_SAMPLE_CHANNELS(image.format);
  std::string pixels(PNG_IMAGE_SIZE(image), '\0');
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
    png_image_free(&image);
    throw ExportError(fmt::format("the logo is not a readable PNG ({})", image.message));
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

std::shared_ptr<const DecodedPng> cached_png(const std::string& bytes) {
  // A house has one logo, a batch a few: keep the last few, keyed by bytes.
  constexpr size_t kKept = 8;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const DecodedPng>> decoded;
  {
    std::lock_guard lock(mutex);
    if (auto it = decoded.find(bytes); it != decoded.end()) return it->second;
  }
  auto png = decode_png(bytes);  // outside the lock: threads decode in parallel
  std::lock_guard lock(mutex);
  if (decoded.size() >= kKept) decoded.clear();
  return decoded.emplace(bytes, std::move(png)).first->second;
}

HPDF_Dict image_stream(HPDF_Doc doc, unsigned width, unsigned height, const char* colour_space,
                       const std::string& flate) {
  HPDF_Dict image = new_compressed_stream(doc, flate);
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

HPDF_Image logo_image(HPDF_Doc doc, const ir::HouseStyle& style) {
  if (!style.has_logo()) return nullptr;
  const auto& logo = style.logo();
  if (logo.media_type() == "image/jpeg") {
    HPDF_Image image = HPDF_LoadJpegImageFromMem(doc, reinterpret_cast<const HPDF_BYTE*>(logo.data().data()),
                                                 static_cast<HPDF_UINT>(logo.data().size()));
    if (!image) throw ExportError("libharu cannot read the logo (JPEG)");
    return image;
  }
  const auto png = cached_png(logo.data());
  HPDF_Dict image =
      image_stream(doc, png->width, png->height, png->gray ? "DeviceGray" : "DeviceRGB", png->colour);
  if (!png->alpha.empty())
    HPDF_Dict_Add(image, "SMask", image_stream(doc, png->width, png->height, "DeviceGray", png->alpha));
  return image;
}

}  // namespace kansli::pdf
