// Writing an output file so that a failure never leaves half a file.
#ifndef KANSLI_OUTPUT_FILE_HPP
#define KANSLI_OUTPUT_FILE_HPP

#include <kansli/problem.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace kansli {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`. Returns no problem on success, or one naming
// `path` with the reason it failed; on failure `path` is untouched and no
// temporary file remains. Thread safety: distinct paths may be written at
// once.
Problems write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace kansli

#endif
