// One record, several forms: the dispatch by ComposeOptions::form and the
// opening the kallelse and the anslagsbevis share.
#include <fmt/core.h>

#include <kansli/swedish.hpp>

#include "life_support.hpp"
#include "meeting_life.hpp"
#include "meeting_record.hpp"
#include "record_rules.hpp"

namespace kansli {

// Defined in kallelse.cc and anslagsbevis.cc.
void compose_kallelse(const model::Document& document, ir::Document& out);
void compose_anslagsbevis(const model::Document& document, ir::Document& out);

const char* form_name(Form form) {
  switch (form) {
    case Form::record: return "record";
    case Form::kallelse: return "kallelse";
    case Form::anslagsbevis: return "anslagsbevis";
  }
  return "record";
}

std::optional<Form> parse_form(std::string_view name) {
  for (Form form : {Form::record, Form::kallelse, Form::anslagsbevis})
    if (name == form_name(form)) return form;
  return std::nullopt;
}

Problems compose_meeting_form(const model::Document& document, const ComposeOptions& options,
                              ir::Document& out) {
  Problems refused;
  const auto& record = document.meeting_record();
  if (options.form != Form::record && !options.extract_items.empty())
    refused.push_back(
        {{},
         0,
         0,
         {},
         fmt::format("an extract is made of the record, not of a {}", form_name(options.form))});
  if (options.form == Form::anslagsbevis && record.kind() != model::MeetingRecord::PROTOKOLL)
    refused.push_back({{}, 0, 0, {}, "an anslagsbevis is made for a protokoll, not for minnesanteckningar"});
  if (!refused.empty()) return refused;
  switch (options.form) {
    case Form::record: return compose_meeting_record(document, options, out);
    case Form::kallelse: compose_kallelse(document, out); break;
    case Form::anslagsbevis: compose_anslagsbevis(document, out); break;
  }
  return refused;
}

namespace life {

MeetingFacts meeting_facts(const model::Document& document) {
  const auto& record = document.meeting_record();
  const auto& organisation = document.organisation();
  MeetingFacts facts;
  facts.organisation = record.issued_under_former_name() && !organisation.former_name().empty()
                           ? organisation.former_name()
                           : organisation.name();
  const model::Body* body = rules::find_body(organisation, record.body());
  facts.body = body ? body->name() : record.body();
  const auto date = swedish::parse_date(record.date());
  facts.date = date ? swedish::format_date_numeric(*date) : record.date();
  facts.date_shown = date && record.date_style() == model::MeetingRecord::WRITTEN_OUT
                         ? swedish::format_date_written_out(*date)
                         : facts.date;
  facts.time = swedish::format_time_span(swedish::parse_time(record.start_time()),
                                         swedish::parse_time(record.end_time()));
  facts.place = record.place().name();
  facts.meeting_type = record.meeting_type().empty() ? "sammanträde" : record.meeting_type();
  return facts;
}

void open_document(IrBuilder& build, ir::Document& out, const MeetingFacts& facts, std::string_view kind,
                   std::string_view subtitle) {
  const std::string title = swedish::capitalize(kind);
  auto* metadata = out.mutable_metadata();
  metadata->set_title(fmt::format("{}, {}, {}", title, facts.body, facts.date));
  metadata->set_subject(swedish::capitalize(subtitle));
  metadata->set_author(facts.organisation);
  metadata->set_language("sv-SE");
  metadata->set_document_kind(std::string(kind));
  metadata->add_keywords(facts.body);
  metadata->add_keywords(facts.meeting_type);
  auto* furniture = out.mutable_furniture();
  furniture->set_header_left(facts.organisation);
  furniture->set_header_right(fmt::format("{} {}", title, facts.date));
  furniture->set_footer_page_label("Sida {page} av {pages}");
  build.heading(0, title);
  build.paragraph(ir::Paragraph::SUBTITLE).add_spans()->set_text(std::string(subtitle));
}

std::string item_label(const model::MeetingRecord& record, unsigned number) {
  if (number == 0) return {};
  return rules::numbering(record) == model::MeetingRecord::PARAGRAPH_SIGN ? fmt::format("§ {}", number)
                                                                          : fmt::format("{}.", number);
}

std::string role_and_organisation(const model::Person& person) {
  if (person.role().empty()) return person.organisation();
  if (person.organisation().empty()) return person.role();
  return person.role() + ", " + person.organisation();
}

}  // namespace life

}  // namespace kansli
