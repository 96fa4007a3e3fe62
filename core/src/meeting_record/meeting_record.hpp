// The meeting record (protokoll, minnesanteckningar, protokollsutdrag):
// validation and composition, called by validate() and compose() for a
// Document whose record is meeting_record.
#ifndef KANSLI_MEETING_RECORD_HPP
#define KANSLI_MEETING_RECORD_HPP

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/problem.hpp>

namespace kansli {

// Every problem of `document.document.meeting_record()`, each with its
// place: kind, body, date and times, item numbering, attendees' items,
// footnotes and attachments referenced and defined, links, the closing and
// electronic signatures.
Problems validate_meeting_record(const LoadedDocument& document);

// Appends the composed record to `out` (metadata, furniture, blocks,
// footnotes). Expects a record that validate_meeting_record accepted.
// Returns the options the record cannot honour (an extract of
// minnesanteckningar, or of an item it does not have); then nothing is
// appended.
Problems compose_meeting_record(const model::Document& document, const ComposeOptions& options,
                                ir::Document& out);

}  // namespace kansli

#endif
