// Test exporters for the plugin host's robustness tests, one per variant
// (KANSLI_TEST_VARIANT, set by tests/sdk/CMakeLists.txt):
//   echo       a working exporter "echo" whose output names its version
//              (KANSLI_TEST_VERSION), so a test sees which of two ran
//   throws     an entry point that throws a C++ exception
//   null       an entry point that returns no descriptor
//   future     a descriptor for an ABI newer than this kansli
//   oldest     a plugin binary of the oldest ABI this kansli accepts, its
//              descriptor laid out by hand as that ABI defined it
#include <kansli/exporter_support.hpp>
#include <stdexcept>
#include <string>

#define KANSLI_TEST_ECHO 1
#define KANSLI_TEST_THROWS 2
#define KANSLI_TEST_NULL 3
#define KANSLI_TEST_FUTURE 4
#define KANSLI_TEST_OLDEST 5

namespace {

[[maybe_unused]] std::string render_echo(const kansli::ExportRequest& request) {
  return "echo " KANSLI_TEST_VERSION ": " + request.ir.metadata().title() + "\n";
}

[[maybe_unused]] int render_raw(const kansli_render_input* input, const kansli_render_output* output) {
  kansli::ir::Document ir;
  if (!ir.ParseFromArray(input->ir.data, static_cast<int>(input->ir.size))) {
    output->fail(output->context, "IR does not parse");
    return 1;
  }
  const std::string text = "echo " KANSLI_TEST_VERSION ": " + ir.metadata().title() + "\n";
  return output->write(output->context, text.data(), text.size());
}

}  // namespace

#if KANSLI_TEST_VARIANT == KANSLI_TEST_ECHO
KANSLI_DEFINE_EXPORTER(render_echo, KANSLI_TEST_ID, "Echo (test)", KANSLI_TEST_VERSION, "echo", "text/plain")

#elif KANSLI_TEST_VARIANT == KANSLI_TEST_THROWS
extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* kansli_exporter_entry(void) {
  throw std::runtime_error("cannot start: licence file missing");
}

#elif KANSLI_TEST_VARIANT == KANSLI_TEST_NULL
extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* kansli_exporter_entry(void) {
  return nullptr;
}

#elif KANSLI_TEST_VARIANT == KANSLI_TEST_FUTURE
// Built "for" the next ABI: one member more than this kansli knows.
namespace {
struct future_descriptor {
  kansli_exporter_descriptor current;
  const char* member_of_the_next_abi;
};
}  // namespace
extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* kansli_exporter_entry(void) {
  static const future_descriptor descriptor = {
      {KANSLI_EXPORTER_ABI_VERSION + 1, sizeof(future_descriptor), KANSLI_TEST_ID, "Future (test)", "9.0.0",
       "future", "text/plain", &render_raw, KANSLI_IR_VERSION, KANSLI_IR_FEATURES},
      "next"};
  return &descriptor.current;
}

#elif KANSLI_TEST_VARIANT == KANSLI_TEST_OLDEST
// The descriptor as ABI KANSLI_EXPORTER_ABI_MIN_VERSION laid it out, written
// out here rather than taken from the header: what an old plugin binary has.
namespace {
struct descriptor_v1 {
  uint32_t abi_version;
  size_t struct_size;
  const char *id, *display_name, *version, *file_extension, *media_type;
  int (*render)(const kansli_render_input*, const kansli_render_output*);
};
}  // namespace
extern "C" KANSLI_EXPORTER_API const descriptor_v1* kansli_exporter_entry(void) {
  static const descriptor_v1 descriptor = {KANSLI_EXPORTER_ABI_MIN_VERSION,
                                           sizeof(descriptor_v1),
                                           KANSLI_TEST_ID,
                                           "Oldest ABI (test)",
                                           KANSLI_TEST_VERSION,
                                           "old",
                                           "text/plain",
                                           &render_raw};
  return &descriptor;
}

#else
#error "unknown KANSLI_TEST_VARIANT"
#endif
