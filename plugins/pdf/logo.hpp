// The house style's logo (IR HouseStyle.logo) as a PDF image XObject.
// A JPEG is embedded as it is (DCTDecode). A PNG of 8 bits per channel, not
// interlaced, without palette or colour key (the common logo) keeps its own
// compressed rows (/Predictor 15): passed through when opaque, split into
// colour and soft mask and compressed again when it has alpha. Any other
// PNG is decoded by libpng. Either way this happens once per process, on a
// thread of its own while the first document lays out its pages; later
// documents and threads with the same logo bytes share the result.
// Errors: ExportError naming what is wrong with the image, from
// logo_image. Threads: safe to call from several threads at once.
#ifndef KANSLI_PDF_LOGO_HPP
#define KANSLI_PDF_LOGO_HPP

#include <hpdf.h>
#include <kansli/ir.pb.h>

#include <future>
#include <memory>

namespace kansli::pdf {

struct DecodedPng;

// A logo being prepared. Its destructor waits for the preparing thread, so
// no thread of the plugin outlives the render that started it.
class PreparedLogo {
 public:
  using Future = std::shared_future<std::shared_ptr<const DecodedPng>>;
  PreparedLogo() = default;
  PreparedLogo(PreparedLogo&&) = default;
  PreparedLogo& operator=(PreparedLogo&&) = delete;
  ~PreparedLogo();

 private:
  friend PreparedLogo prepare_logo(const ir::HouseStyle& style);
  friend HPDF_Image logo_image(HPDF_Doc doc, const ir::HouseStyle& style, const PreparedLogo& prepared);
  Future png_;
};

// Starts preparing the logo of `style`, if it has one to prepare; call it
// early, before the layout.
PreparedLogo prepare_logo(const ir::HouseStyle& style);
// The logo as an image of `doc`; null when `style` has no logo. Waits for
// `prepared` (of the same `style`) when it is not ready yet.
HPDF_Image logo_image(HPDF_Doc doc, const ir::HouseStyle& style, const PreparedLogo& prepared);

}  // namespace kansli::pdf

#endif
