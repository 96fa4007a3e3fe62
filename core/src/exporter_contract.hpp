// The host's side of the exporter ABI (kansli/exporter.h): checking a
// descriptor, calling `render` through a sink that holds every contract, and
// the pipe protocol between the host and the worker process
// (kansli-exporter-worker). Shared by the core library and the worker, so it
// needs neither Protobuf nor Boost. Never throws out of a plugin callback;
// the functions here report failures as messages (UTF-8, English).
#ifndef KANSLI_EXPORTER_CONTRACT_HPP
#define KANSLI_EXPORTER_CONTRACT_HPP

#include <kansli/exporter.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::contract {

// True for [a-z0-9][a-z0-9_-]{0,31}: what an exporter id and a file
// extension may be (a file name part that cannot leave its directory).
bool is_safe_name(std::string_view name);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// What a descriptor says, checked.
struct Description {
  std::uint32_t abi_version = 0;
  std::uint32_t ir_version = 0;
  std::string id, display_name, version, file_extension, media_type;
  // The features the exporter reads (exporter.h, `reads`).
  std::vector<std::string> reads;
};

// Checks what an entry point returned, as exporter.h asks; returns an empty
// string and fills `out`, or says what is wrong.
std::string describe(const kansli_exporter_descriptor* descriptor, Description& out);

// The features (space-separated) in `list`.
std::vector<std::string> split_features(std::string_view list);

using Options = std::vector<std::pair<std::string, std::string>>;

struct CallResult {
  bool ok = false;
  std::string bytes;
  // Why not, when !ok: the plugin's message or what it did wrong.
  std::string error;
};

// Calls `descriptor->render` (already checked by describe) with a sink that
// refuses NULL data, more than KANSLI_EXPORTER_MAX_OUTPUT bytes and a
// missing or non-UTF-8 message. Catches what a C++ plugin throws anyway.
CallResult call_render(const kansli_exporter_descriptor& descriptor, std::string_view ir,
                       std::string_view source, const Options& options);

// The protocol between host and worker, over one socket (the worker's
// standard input and file descriptor 3): records of a tag byte, a 64-bit
// little-endian length and the bytes. The worker first answers with a
// description or an error, then reads request records and answers each
// with bytes or an error; every answer ends with a done record. It exits at
// the end of its input. Standard output of the worker goes to the host's
// standard error.
namespace wire {

inline constexpr int kAnswerFd = 3;

enum class Tag : char {
  description = 'D',  // probe: the descriptor's fields, '\0'-separated
  bytes = 'B',        // render: the output
  error = 'E',        // the exporter failed: why
  memory = 'M',       // an allocation failed under the memory limit
  done = 'K',         // the answer is complete
  request = 'R',      // host to worker: an encoded Request
};

struct Request {
  std::string ir, source;
  Options options;
};

std::string encode(const Request& request);
// False when `data` is not a whole request.
bool decode(std::string_view data, Request& request);

std::string record(Tag tag, std::string_view payload);
// The start of a record whose payload of `size` bytes follows.
inline constexpr size_t kHeaderSize = 9;
std::string record_header(Tag tag, std::uint64_t size);
bool parse_header(std::string_view header, Tag& tag, std::uint64_t& size);
// Reads the next record from `data` at `pos`; false at the end or when it
// is cut short.
bool next_record(std::string_view data, size_t& pos, Tag& tag, std::string_view& payload);

std::string encode(const Description& description);
bool decode(std::string_view payload, Description& description);

}  // namespace wire
}  // namespace kansli::contract

#endif
