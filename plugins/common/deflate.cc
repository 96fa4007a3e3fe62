#include "deflate.hpp"

#include <libdeflate.h>

#include <map>
#include <memory>
#include <stdexcept>

namespace kansli::common {

namespace {

struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

std::string deflate(std::string_view data, int level, FlateFormat format) {
  thread_local std::map<int, std::unique_ptr<libdeflate_compressor, CompressorDeleter>> compressors;
  auto& compressor = compressors[level];
  if (!compressor) compressor.reset(libdeflate_alloc_compressor(level));
  if (!compressor) throw std::runtime_error("out of memory (libdeflate compressor)");
  const bool zlib = format == FlateFormat::zlib;
  // Into a buffer left uninitialised (a bound is about the input's size;
  // zero-filling it cost as much as compressing a flat image), then copied
  // at its compressed size.
  const size_t bound = zlib ? libdeflate_zlib_compress_bound(compressor.get(), data.size())
                            : libdeflate_deflate_compress_bound(compressor.get(), data.size());
  const std::unique_ptr<char[]> out(new char[bound]);
  const size_t size =
      zlib ? libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.get(), bound)
           : libdeflate_deflate_compress(compressor.get(), data.data(), data.size(), out.get(), bound);
  if (size == 0) throw std::runtime_error("cannot compress (libdeflate)");
  return std::string(out.get(), size);
}

}  // namespace kansli::common
