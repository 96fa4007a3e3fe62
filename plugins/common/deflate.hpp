// Flate compression for the built-in exporters (libdeflate; runs of one
// byte by a coder of our own, deflate_runs): PDF streams in
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

// `data` in the zlib format, coded as literals and runs of one byte (each
// run a match at distance 1) with a Huffman code made for them: a filtered
// image of flat colour, mostly zeros, costs under half of libdeflate's
// fastest level, for about a tenth more bytes. Empty when `data` takes more
// than `data.size() / 8 + 64` literals and runs (data that is not mostly
// runs; scanning stops there, so trying costs little) or would need a code
// longer than Deflate allows. Pure; any thread.
std::string deflate_runs(std::string_view data);

}  // namespace kansli::common

#endif
