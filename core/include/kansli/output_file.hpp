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
// temporary file remains. Only a regular file is replaced: an existing
// directory, device, FIFO or socket at `path` (also through a symbolic link)
// is refused. A signal that ends the process (SIGINT, SIGTERM, ...) leaves no
// temporary file either: the file has no name while it is written
// (O_TMPFILE), and such signals are deferred in the calling thread while it
// has one. Thread-safe for distinct paths; a signal delivered to another
// thread of an embedding program is not deferred (see below).
Problems write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// For programs that end on SIGINT, SIGTERM, SIGHUP and SIGQUIT and write
// from several threads (the CLI's batch render). Call once, before starting
// any thread: it blocks those signals in the calling thread (so in every
// thread started after) and receives them in a thread of its own, which
// waits until no write_file_atomically call is between naming and renaming
// its file, then ends the process with the signal's default action. Not for
// embedding programs that handle these signals themselves.
void end_on_signals_without_leftovers();

}  // namespace kansli

#endif
