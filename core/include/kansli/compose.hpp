// Composition: a validated document to the document IR, once per render.
#ifndef KANSLI_COMPOSE_HPP
#define KANSLI_COMPOSE_HPP

#include <kansli/exporter.h>
#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <stdexcept>
#include <vector>

namespace kansli {

// The IR version this core composes (kansli.ir.Document.ir_version).
inline constexpr unsigned kIrVersion = KANSLI_IR_VERSION;

struct ComposeOptions {
  // Item numbers to keep (a protokollsutdrag); empty: the whole record.
  std::vector<unsigned> extract_items;
};

// Thrown when a document cannot be composed with the given options (for
// example, an extract names an item the record does not have).
class ComposeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Composes a document that `validate` accepted: Swedish labels and
// headings, numbering, dates written out, signature fields named.
ir::Document compose(const model::Document& document, const ComposeOptions& options = {});

}  // namespace kansli

#endif
