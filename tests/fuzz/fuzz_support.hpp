// Shared by the fuzz harnesses: Protobuf logs every malformed binary input
// to stderr ("String field ... contains invalid UTF-8"); while fuzzing that
// is noise that slows every execution. Include once per harness.
#ifndef KANSLI_FUZZ_SUPPORT_HPP
#define KANSLI_FUZZ_SUPPORT_HPP

#include <google/protobuf/stubs/logging.h>

namespace kansli::fuzz {

inline const bool kProtobufQuiet = [] {
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char*, int, const std::string&) {});
  return true;
}();

}  // namespace kansli::fuzz

#endif
