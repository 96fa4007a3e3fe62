// The module libkansli_reference_document.so: the core loads it on the
// first render whose house style names a Word reference document, so that
// libzip and libxml2 (and what they bring: OpenSSL's libcrypto, ICU, liblzma)
// are linked only into the processes that read one. One entry point, with
// C linkage so the core finds it by name; the types are the core's own, as
// the module is built and installed with it.
#include <string>

#include "reference_document.hpp"

extern "C" __attribute__((visibility("default"))) void kansli_read_reference_document(
    const std::string* path, kansli::ir::ReferenceDocument* out, std::string* error) {
  *error = kansli::read_reference_document(*path, *out);
}
