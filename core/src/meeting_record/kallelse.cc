// The kallelse: the notice of a meeting with its föredragningslista, from
// the same record the protokoll will be written in, so the items carry the
// numbers the protokoll will use.
#include <fmt/core.h>

#include <kansli/swedish.hpp>

#include "../compose_support/inline_text.hpp"
#include "life_support.hpp"
#include "meeting_life.hpp"
#include "record_rules.hpp"

namespace kansli {

namespace {

using model::MeetingRecord;

// Inline text of a kallelse field; validation refuses footnotes there.
void append_text(std::string_view text, google::protobuf::RepeatedPtrField<ir::Span>& spans) {
  append_inline(
      text, [](const std::string&) { return 0u; }, spans);
}

void called_table(IrBuilder& build, std::string_view heading,
                  const google::protobuf::RepeatedPtrField<model::Attendee>& people) {
  if (people.empty()) return;
  build.heading(1, heading, {}, {}, ir::Heading::ATTENDANCE);
  auto& table = build.table(ir::Table::ATTENDANCE, {{2, ir::Column::LEFT}, {3, ir::Column::LEFT}});
  table.set_row_header_columns(1);
  // Column names for assistive technology; not shown.
  IrBuilder::row(table, {"Namn", "Roll och organisation"}, ir::Row::HEADER).set_visually_hidden(true);
  for (const auto& attendee : people) {
    std::string role = life::role_and_organisation(attendee.person());
    if (!attendee.substitute_for().empty())
      role += (role.empty() ? "" : ", ") + std::string("ersättare för ") + attendee.substitute_for();
    IrBuilder::row(table, {attendee.person().name(), role});
  }
}

}  // namespace

void compose_kallelse(const model::Document& document, ir::Document& out) {
  const auto& record = document.meeting_record();
  const auto& kallelse = record.kallelse();
  const auto facts = life::meeting_facts(document);
  IrBuilder build(out);
  life::open_document(build, out, facts, "kallelse",
                      fmt::format("till {} med {}, {}", facts.meeting_type, facts.body, facts.organisation));

  auto& fields = build.table(ir::Table::FIELDS, {{1, ir::Column::LEFT}, {4, ir::Column::LEFT}});
  IrBuilder::row(fields, {"Datum", facts.date_shown});
  if (!facts.time.empty()) IrBuilder::row(fields, {"Tid", facts.time});
  if (!facts.place.empty()) IrBuilder::row(fields, {"Plats", facts.place});
  if (const auto issued = swedish::parse_date(kallelse.issued()))
    IrBuilder::row(fields, {"Kallelsen utfärdad", swedish::format_date_numeric(*issued)});

  called_table(build, "Kallade ledamöter", kallelse.members());
  called_table(build, "Kallade ersättare", kallelse.substitutes());
  if (!kallelse.note().empty()) append_text(kallelse.note(), *build.paragraph().mutable_spans());

  build.heading(1, "Föredragningslista", {}, "foredragningslista", ir::Heading::GENERIC);
  const auto numbers = rules::item_numbers(record);
  for (int i = 0; i < record.items_size(); ++i) {
    const auto& item = record.items(i);
    const unsigned number = numbers[static_cast<size_t>(i)];
    build.heading(2, item.title(), life::item_label(record, number),
                  number == 0 ? fmt::format("arende-{}", i + 1) : fmt::format("arende-{}", number),
                  ir::Heading::ITEM);
    if (item.kind() != model::Item::KIND_UNSPECIFIED) {
      auto& kind = build.paragraph();
      auto* span = kind.add_spans();
      span->set_text(item.kind() == model::Item::BESLUTSARENDE ? "Beslutsärende" : "Informationsärende");
      span->set_italic(true);
    }
    if (!item.description().empty()) append_text(item.description(), *build.paragraph().mutable_spans());
    if (!item.proposal().empty()) {
      auto& proposal = build.paragraph(ir::Paragraph::DECISION);
      auto* label = proposal.add_spans();
      label->set_text("Förslag till beslut: ");
      label->set_bold(true);
      append_text(item.proposal(), *proposal.mutable_spans());
    }
    if (!item.documents().empty()) {
      auto& label = build.paragraph();
      auto* span = label.add_spans();
      span->set_text("Handlingar:");
      span->set_bold(true);
      auto& list = build.list(false);
      for (const auto& handling : item.documents()) append_text(handling, *list.add_items()->mutable_spans());
    }
  }

  if (!kallelse.sender().name().empty()) {
    const auto role = life::role_and_organisation(kallelse.sender());
    IrBuilder::plain(kallelse.sender().name() + (role.empty() ? "" : ", " + role),
                     *build.paragraph().mutable_spans());
  }
}

}  // namespace kansli
