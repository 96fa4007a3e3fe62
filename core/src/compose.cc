// Composition, by document kind: each kind's composer appends its blocks,
// then the rules every document follows (tables, Swedish typography) run
// once over the result.
#include <fmt/core.h>

#include <kansli/compose.hpp>

#include "annual_report/annual_report.hpp"
#include "compose_support/tables.hpp"
#include "compose_support/typography.hpp"
#include "meeting_record/meeting_life.hpp"

namespace kansli {
namespace {

// The letterhead's words, two lines at most: the address and telephone,
// then the website, e-mail and organisation number.
void compose_letterhead(const model::HouseStyle& style, ir::Document& out) {
  const model::Letterhead& l = style.letterhead();
  auto join = [](std::initializer_list<std::string> parts) {
    std::string line;
    for (const auto& part : parts)
      if (!part.empty()) line += (line.empty() ? "" : " \u00B7 ") + part;
    return line;
  };
  auto* furniture = out.mutable_furniture();
  for (const std::string& line :
       {join({l.postal_address(), l.phone().empty() ? "" : "Telefon " + l.phone()}),
        join({l.website(), l.email(),
              l.organisation_number().empty() ? "" : "Org.nr " + l.organisation_number()})})
    if (!line.empty()) furniture->add_letterhead(line);
  if (l.placement() == model::Letterhead::HEADER) furniture->set_letterhead_place(ir::PageFurniture::HEADER);
}

}  // namespace

Result<ir::Document> compose(const model::Document& document, const ComposeOptions& options) {
  // The public version is composed from a model the marked content has
  // already left (redaction.cc).
  if (options.public_version) {
    ComposeOptions rest = options;
    rest.public_version = false;
    auto result = compose(redact(document), rest);
    if (result) {
      auto* metadata = result.value.mutable_metadata();
      metadata->set_title(metadata->title() + " (offentlig version)");
      auto* furniture = result.value.mutable_furniture();
      furniture->set_header_right(furniture->header_right() + " (offentlig version)");
    }
    return result;
  }
  ir::Document out;
  out.set_ir_version(kIrVersion);
  Problems refused;
  switch (document.record_case()) {
    case model::Document::kMeetingRecord: refused = compose_meeting_form(document, options, out); break;
    case model::Document::kAnnualReport:
      if (options.form != Form::record)
        refused.push_back({{}, 0, 0, {}, fmt::format("an annual report has no {}", form_name(options.form))});
      else
        refused = compose_annual_report(document, options, out);
      break;
    case model::Document::RECORD_NOT_SET:
      refused.push_back({{}, 0, 0, {}, "the document holds no record"});
      break;
  }
  if (!refused.empty()) return Result<ir::Document>::failed(Failure::invalid_input, std::move(refused));
  // The words exporters put around the blocks, the same for every kind.
  auto* labels = out.mutable_labels();
  labels->set_footnotes_title("Fotnoter");
  labels->set_footnote_back_link("Tillbaka till texten");
  labels->set_footnote_reference("Fotnot {number}");
  compose_letterhead(options.style ? options.style->style : document.organisation().style(), out);
  drop_empty_columns(out);
  typography::apply(out);
  return Result<ir::Document>::success(std::move(out));
}

}  // namespace kansli
