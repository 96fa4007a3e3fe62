// Flate compression (libdeflate) for the built-in exporters: PDF streams in
// the zlib format, DOCX parts raw. Each thread keeps one compressor per
// level for its life, since allocating one costs more than compressing a
// short page stream. Throws std::runtime_error when out of memory.
#ifndef KANSLI_PLUGINS_COMMON_DEFLATE_HPP
#define KANSLI_PLUGINS_COMMON_DEFLATE_HPP

#include <string>
#include <string_view>

namespace kansli::common {

enum class FlateFormat { zlib, raw };

// `data` compressed at `level` (libdeflate's 1-12; 6 is zlib's default,
// which libdeflate reaches in about half zlib's instructions).
std::string deflate(std::string_view data, int level, FlateFormat format);

}  // namespace kansli::common

#endif
