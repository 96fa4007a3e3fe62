// A plugin built for an ABI version no host supports yet.
#include <kansli/exporter.h>

static int render(const kansli_render_input*, const kansli_render_output*) { return 0; }

extern "C" KANSLI_EXPORTER_API const kansli_exporter_descriptor* kansli_exporter_entry(void) {
  static const kansli_exporter_descriptor descriptor = {
      KANSLI_EXPORTER_ABI_VERSION + 98, sizeof(kansli_exporter_descriptor), "future", "Future format",
      "9.0.0", "future", "application/x-future", &render};
  return &descriptor;
}
