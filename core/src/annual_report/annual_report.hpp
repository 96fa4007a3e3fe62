// The annual report (årsredovisning): validation and composition, called by
// validate() and compose() for a Document whose record is annual_report.
#ifndef KANSLI_ANNUAL_REPORT_HPP
#define KANSLI_ANNUAL_REPORT_HPP

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/problem.hpp>

namespace kansli {

// Every problem of `document.document.annual_report()`, each with its place
// (file:line:column in text format): the balance sheet balances, the year's
// result equals the change in equity, member shares add up to the total,
// percentages lie in 0..100, participants who moved on never outnumber those
// who finished, every referenced note exists, and required fields are set.
Problems validate_annual_report(const LoadedDocument& document);

// Appends the composed annual report to `out` (metadata, furniture, blocks).
// Expects a report that validate_annual_report accepted. Returns the
// options an annual report cannot honour (an extract); then nothing is
// appended.
Problems compose_annual_report(const model::Document& document, const ComposeOptions& options, ir::Document& out);

}  // namespace kansli

#endif
