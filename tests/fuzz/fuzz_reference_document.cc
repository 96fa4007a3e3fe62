// Fuzz harness: a house style's Word reference document, as the core reads
// and checks it (core/src/reference_document.hpp): ZIP, XML and
// relationships from untrusted bytes. Seeds: examples/husstil/.
#include <kansli/ir.pb.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "reference_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kansli::ir::ReferenceDocument out;
  kansli::parse_reference_document("fuzz.docx", std::string(reinterpret_cast<const char*>(data), size), out);
  return 0;
}
