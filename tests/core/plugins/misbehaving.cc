// Test plugins that break the exporter contract (kansli/exporter.h) in one
// way each, as a careless third party would. Written against the C ABI
// alone. KANSLI_MISBEHAVIOUR (set by tests/core/CMakeLists.txt) picks one;
// the file is kansli-exporter-<id>.so with the id below.
//   id            what it does
//   failing       render fails with a message (after writing some bytes)
//   nullwrite     write(context, NULL, 16)
//   hugewrite     write(context, buffer, SIZE_MAX / 2)
//   nomessage     returns 1 without calling fail
//   badutf8       fails with a message that is not UTF-8
//   exitzero      exit(0) inside render
//   aborts        abort() inside render
//   segvrender    a NULL dereference inside render
//   segventry     a NULL dereference inside the entry point
//   loops         never returns from render
//   allocates     allocates 64 MiB after 64 MiB (touched) until it fails
//   noisy         prints to standard output, then renders "ok"
//   badid         descriptor id "../PDF x"
//   badext        file extension "p/df"
//   noentry       no entry point at all
//   newabi        a descriptor for an ABI no host supports yet
//   headingsonly  reads only headings and paragraphs (IR feature check)
#include <kansli/exporter.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <new>
#include <vector>

#define M_FAILING 1
#define M_NULLWRITE 2
#define M_HUGEWRITE 3
#define M_NOMESSAGE 4
#define M_BADUTF8 5
#define M_EXITZERO 6
#define M_ABORTS 7
#define M_SEGVRENDER 8
#define M_SEGVENTRY 9
#define M_LOOPS 10
#define M_ALLOCATES 11
#define M_NOISY 12
#define M_BADID 13
#define M_BADEXT 14
#define M_NOENTRY 15
#define M_NEWABI 16
#define M_HEADINGSONLY 17

namespace {

// Keeps the optimiser from removing what the plugin does on purpose.
volatile int* volatile nowhere = nullptr;
std::vector<char*> hoard;

[[maybe_unused]] int render(const kansli_render_input* input, const kansli_render_output* output) {
  (void)input;
  static const char ok[] = "ok\n";
  switch (KANSLI_MISBEHAVIOUR) {
    case M_FAILING:
      output->write(output->context, "partial", 7);
      output->fail(output->context, "deliberate failure");
      return 1;
    case M_NULLWRITE: return output->write(output->context, nullptr, 16);
    case M_HUGEWRITE: return output->write(output->context, ok, SIZE_MAX / 2);
    case M_NOMESSAGE: return 1;
    case M_BADUTF8: output->fail(output->context, "tr\xe4sigt \xff\xfe meddelande"); return 1;
    case M_EXITZERO: std::exit(0);
    case M_ABORTS: std::abort();
    case M_SEGVRENDER: return *nowhere;
    case M_LOOPS:
      for (;;) ::usleep(1000);
    case M_ALLOCATES:
      for (;;) {
        char* block = new char[64 << 20];
        std::memset(block, 1, 64 << 20);
        hoard.push_back(block);
      }
    case M_NOISY:
      std::printf("NOISE from printf\n");
      std::cout << "NOISE from std::cout" << std::endl;
      if (::write(1, "NOISE from write(1)\n", 20) < 0) return 1;
      std::printf("NOISE left in the stdio buffer");
      break;
    default: break;
  }
  return output->write(output->context, ok, sizeof ok - 1);
}

}  // namespace

#if KANSLI_MISBEHAVIOUR != M_NOENTRY
extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* kansli_exporter_entry(void) {
  if (KANSLI_MISBEHAVIOUR == M_SEGVENTRY)
    return reinterpret_cast<const kansli_exporter_descriptor*>(*nowhere);
  static const kansli_exporter_descriptor descriptor = {
      KANSLI_MISBEHAVIOUR == M_NEWABI ? KANSLI_EXPORTER_ABI_VERSION + 98 : KANSLI_EXPORTER_ABI_VERSION,
      sizeof(kansli_exporter_descriptor),
      KANSLI_MISBEHAVIOUR == M_BADID ? "../PDF x" : KANSLI_TEST_ID,
      "Misbehaving (test)",
      "0.0.1",
      KANSLI_MISBEHAVIOUR == M_BADEXT ? "p/df" : "txt",
      "text/plain",
      &render,
      KANSLI_IR_VERSION,
      KANSLI_MISBEHAVIOUR == M_HEADINGSONLY ? "heading paragraph" : KANSLI_IR_FEATURES};
  return &descriptor;
}
#else
extern "C" KANSLI_EXPORTER_API int some_other_function(void) { return 42; }
#endif
