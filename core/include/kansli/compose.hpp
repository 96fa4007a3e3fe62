// Composition: a validated document to the document IR, once per render.
#ifndef KANSLI_COMPOSE_HPP
#define KANSLI_COMPOSE_HPP

#include <kansli/exporter.h>
#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <kansli/result.hpp>
#include <kansli/style.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace kansli {

// The IR version this core composes (kansli.ir.Document.ir_version).
inline constexpr unsigned kIrVersion = KANSLI_IR_VERSION;

// What a meeting record is rendered as (CLI --form, C API kansli_form):
// one record serves the whole life of a meeting (docs/meeting-life.md).
enum class Form {
  // The record itself: a protokoll or minnesanteckningar (or, with
  // extract_items, a protokollsutdrag).
  record,
  // Before the meeting: the kallelse with the föredragningslista.
  kallelse,
  // After the justering: the anslagsbevis of a protokoll.
  anslagsbevis,
};

struct ComposeOptions {
  // Item numbers to keep (a protokollsutdrag); empty: the whole record.
  std::vector<unsigned> extract_items;
  // A house style that replaces the document's organisation.style (the
  // CLI's --style FILE); null: the document's own, if any.
  std::shared_ptr<const LoadedStyle> style;
  Form form = Form::record;
  // False (the default): the copy for signing, with empty signature fields
  // and no record of completed electronic signatures. True: a reproduction
  // of the signed original, with that record and a statement that the
  // signatures are validated in the signed original.
  bool reproduction = false;
  // The public version: every item, block and person marked confidential
  // is removed from the document before it is composed (redaction.hpp) and
  // a line says it is withheld and on what ground.
  bool public_version = false;
};

// "record", "kallelse", "anslagsbevis": the name of a form in the CLI, the
// C API's documentation and docs; and back (nullopt for an unknown name).
const char* form_name(Form form);
std::optional<Form> parse_form(std::string_view name);

// Composes a document that `validate` accepted: Swedish labels and
// headings, numbering, dates written out, final typography
// (docs/typography.md), signature fields named. Fails with
// Failure::invalid_input for options the document cannot honour (an
// extract of an item it does not have, or of anything but a protokoll; a
// form other than record of an annual report, an anslagsbevis of
// minnesanteckningar); those problems name no file. With public_version it
// composes only the redacted document: no marked text reaches the IR. The
// house style's letterhead words are composed here; its files are checked
// by apply_house_style (style.hpp), which render() runs after compose. A
// document `validate` refused gives an
// unspecified IR: validate first. Reentrant: documents may be composed on
// several threads at once.
Result<ir::Document> compose(const model::Document& document, const ComposeOptions& options = {});

}  // namespace kansli

#endif
