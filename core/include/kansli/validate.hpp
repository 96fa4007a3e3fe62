// Validation of a loaded document: every problem, not only the first.
// Contract: accepts any document load_document returned and never throws
// for its content; problems point into `document` (file:line:column for
// text format, else a field path). Reads only; reentrant. Dispatches by
// document kind (core/src/meeting_record/, core/src/annual_report/).
#ifndef KANSLI_VALIDATE_HPP
#define KANSLI_VALIDATE_HPP

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/problem.hpp>

namespace kansli {

// Checks what the parser cannot: required fields, real dates and times,
// item numbering, references between parts. Returns every problem found, in
// document order; empty when the document can be composed.
Problems validate(const LoadedDocument& document);

// validate, and what the form `options` asks for needs (a protokoll
// records a decision, a kallelse titles every item, an anslagsbevis has its
// dates; docs/meeting-life.md). validate(document) is this with the default
// options.
Problems validate(const LoadedDocument& document, const ComposeOptions& options);

}  // namespace kansli

#endif
