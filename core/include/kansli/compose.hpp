// Composition: a validated document to the document IR, once per render.
#ifndef KANSLI_COMPOSE_HPP
#define KANSLI_COMPOSE_HPP

#include <kansli/exporter.h>
#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <kansli/result.hpp>
#include <kansli/style.hpp>
#include <memory>
#include <vector>

namespace kansli {

// The IR version this core composes (kansli.ir.Document.ir_version).
inline constexpr unsigned kIrVersion = KANSLI_IR_VERSION;

struct ComposeOptions {
  // Item numbers to keep (a protokollsutdrag); empty: the whole record.
  std::vector<unsigned> extract_items;
  // A house style that replaces the document's organisation.style (the
  // CLI's --style FILE); null: the document's own, if any.
  std::shared_ptr<const LoadedStyle> style;
};

// Composes a document that `validate` accepted: Swedish labels and
// headings, numbering, dates written out, final typography
// (docs/typography.md), signature fields named. Fails with
// Failure::invalid_input for options the document cannot honour (an
// extract of an item it does not have, or of anything but a protokoll);
// those problems name no file. The house style's letterhead words are
// composed here; its files are checked by apply_house_style (style.hpp),
// which render() runs after compose. A document `validate` refused gives an
// unspecified IR: validate first. Reentrant: documents may be composed on
// several threads at once.
Result<ir::Document> compose(const model::Document& document, const ComposeOptions& options = {});

}  // namespace kansli

#endif
