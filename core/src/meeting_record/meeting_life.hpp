// A meeting's whole life from one record (docs/meeting-life.md): the
// kallelse before the meeting, the anslagsbevis after the justering, the
// public version with confidential content withheld, and the checks each
// form needs. The record form itself is compose_meeting_record
// (meeting_record.hpp). Contract: pure functions of their arguments,
// reentrant; compose_* expect a record that validate accepted with the same
// options.
#ifndef KANSLI_MEETING_LIFE_HPP
#define KANSLI_MEETING_LIFE_HPP

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/problem.hpp>
#include <kansli/swedish.hpp>

namespace kansli {

// The problems of a meeting record as `options.form` renders it: every
// confidential mark has a legal ground (whatever the form); a protokoll
// records a decision; a kallelse has a title for every item and calls
// someone; an anslagsbevis has its dates, place and certifier.
Problems validate_meeting_life(const LoadedDocument& document, const ComposeOptions& options);

// Appends the meeting record in `options.form` to `out`, as
// compose_meeting_record does; returns the options the record cannot
// honour (then nothing is appended).
Problems compose_meeting_form(const model::Document& document, const ComposeOptions& options,
                              ir::Document& out);

// The public version of `document`: every item, block and person marked
// confidential is replaced by a line that says it is withheld and on what
// ground, a marked person's name is replaced wherever it occurs in the
// record's text, and footnotes only withheld text referred to are dropped.
// The result holds no Confidential mark and none of the marked text.
model::Document redact(const model::Document& document);

// The appeal period of kommunallagen (2017:725) 13 kap. 5 §, counted as
// docs/meeting-life.md explains: three weeks from the day the justering
// was announced, the last day moved to the next working day when it falls
// on a Saturday, Sunday or other public holiday, midsommarafton, julafton
// or nyårsafton (lagen (1930:173) om beräkning av lagstadgad tid, 2 §).
swedish::Date last_day_of_appeal(const swedish::Date& announced);
// True for the days lagen (1930:173) 2 § moves a deadline from.
bool is_swedish_holiday_or_weekend(const swedish::Date& date);

}  // namespace kansli

#endif
