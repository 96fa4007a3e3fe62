// A PNG read whole, as the core checks a house style's logo before any
// exporter runs (style.cc): every chunk whole and its checksum right, a
// valid header first, a palette where one is needed, at most
// kMaxLogoPixels (kansli/style.hpp), and image data that inflates
// (libdeflate) to exactly the rows the header promises, each with a known
// filter. Reentrant; allocates at most the image data's size (32 MiB at
// the pixel limit). The fuzz harness tests/fuzz/fuzz_png.cc feeds it.
#ifndef KANSLI_PNG_CHECK_HPP
#define KANSLI_PNG_CHECK_HPP

#include <string>
#include <string_view>

namespace kansli {

// What is wrong with the PNG `bytes` (which start with the PNG signature),
// in words that follow "is a damaged PNG: ", or empty when nothing is.
// Throws std::bad_alloc when out of memory.
std::string png_problem(std::string_view bytes);

}  // namespace kansli

#endif
