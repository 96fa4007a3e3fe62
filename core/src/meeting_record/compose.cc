#include <fmt/core.h>

#include <algorithm>
#include <kansli/swedish.hpp>
#include <map>
#include <set>
#include <unordered_map>

#include "../compose_support/inline_text.hpp"
#include "../compose_support/ir_builder.hpp"
#include "../compose_support/tables.hpp"
#include "meeting_record.hpp"
#include "record_rules.hpp"

namespace kansli {

namespace {

using model::MeetingRecord;

// The meeting composer's builder: the shared mechanics plus footnotes,
// which are numbered across the document.
class Builder : public IrBuilder {
 public:
  using IrBuilder::IrBuilder;

  // A paragraph of inline text.
  ir::Paragraph& inline_paragraph(std::string_view text, ir::Paragraph::Style style = ir::Paragraph::NORMAL) {
    auto& p = paragraph(style);
    append_inline(text, footnote_numberer(), *p.mutable_spans());
    return p;
  }

  // Footnotes are numbered document-wide in the order of first reference;
  // ids are local to an item, so `footnote_scope` names the current item.
  void set_footnote_scope(const google::protobuf::RepeatedPtrField<model::Footnote>* footnotes) {
    scope_ = footnotes;
    ++scope_id_;
  }

  // A footnote the author numbered (Footnote.number) keeps its number.
  FootnoteNumberer footnote_numberer() {
    return [this](const std::string& id) -> unsigned {
      const auto key = std::make_pair(scope_id_, id);
      if (auto it = numbers_.find(key); it != numbers_.end()) return it->second;
      const model::Footnote* definition = nullptr;
      if (scope_)
        for (const auto& candidate : *scope_)
          if (candidate.id() == id) definition = &candidate;
      const unsigned number = definition && definition->number() != 0
                                  ? definition->number()
                                  : static_cast<unsigned>(document_.footnotes_size()) + 1;
      numbers_[key] = number;
      auto* footnote = document_.add_footnotes();
      footnote->set_number(number);
      if (definition) append_inline(definition->text(), footnote_numberer(), *footnote->mutable_spans());
      return number;
    };
  }

  // The IR lists footnotes in number order; numbers the author gave need
  // not follow the order of reference.
  void sort_footnotes() {
    auto* footnotes = document_.mutable_footnotes();
    std::stable_sort(footnotes->pointer_begin(), footnotes->pointer_end(),
                     [](const ir::Footnote* a, const ir::Footnote* b) { return a->number() < b->number(); });
  }

  // A heading whose text is title text (a footnote reference is its only
  // markup).
  ir::Heading& title_heading(unsigned level, std::string_view title, std::string number = {},
                             std::string anchor = {}, ir::Heading::Kind kind = ir::Heading::GENERIC) {
    auto& h = heading(level, {}, std::move(number), std::move(anchor), kind);
    append_title(title, footnote_numberer(), *h.mutable_spans());
    return h;
  }

 private:
  const google::protobuf::RepeatedPtrField<model::Footnote>* scope_ = nullptr;
  int scope_id_ = 0;
  std::map<std::pair<int, std::string>, unsigned> numbers_;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// "§ 21", "§§ 21–23, 25", "punkt 2", "punkterna 1–4".
std::string format_item_ranges(const google::protobuf::RepeatedPtrField<model::ItemRange>& ranges,
                               bool paragraph_sign) {
  std::vector<std::string> parts;
  bool several = ranges.size() > 1;
  for (const auto& range : ranges) {
    const unsigned last = rules::last_item(range);
    if (last != range.first()) several = true;
    parts.push_back(last == range.first() ? std::to_string(range.first())
                                          : fmt::format("{}\u2013{}", range.first(), last));
  }
  const std::string list = join(parts, ", ");
  if (paragraph_sign) return (several ? "§§ " : "§ ") + list;
  return (several ? "punkterna " : "punkt ") + list;
}

// A role after the organisation, as a Swedish sentence writes it: "Region
// Sörmland, ordförande"; an abbreviation stays ("Eskilstuna kommun, KSO").
std::string role_after_organisation(const std::string& role) {
  if (role.size() > 1 && role[1] >= 'A' && role[1] <= 'Z') return role;
  return swedish::lower_first(role);
}

// The role column of an attendance table: "Ordförande, Region Sörmland,
// ersättare för KSO Linda Lundin, närvarande §§ 1–4", or as the record's
// presentation choices and Attendee.line say.
std::string describe(const model::Attendee& attendee, const MeetingRecord& record, bool paragraph_sign,
                     bool with_items) {
  const auto& role = attendee.person().role();
  const auto& organisation = attendee.person().organisation();
  std::vector<std::string> parts;
  if (!attendee.line().empty()) {
    parts.push_back(attendee.line());
  } else {
    switch (record.attendee_line()) {
      case MeetingRecord::ORGANISATION_FIRST:
        parts = {organisation, organisation.empty() ? role : role_after_organisation(role)};
        break;
      case MeetingRecord::ORGANISATION_IN_PARENTHESES:
        parts.push_back(role.empty() || organisation.empty() ? role + organisation
                                                             : fmt::format("{} ({})", role, organisation));
        break;
      default: parts = {role, organisation}; break;
    }
    if (!attendee.substitute_for().empty()) {
      const std::string note = "ersättare för " + attendee.substitute_for();
      if (record.substitute_in_parentheses()) {
        std::string text = join(parts, ", ");
        parts = {text.empty() ? "(" + note + ")" : text + " (" + note + ")"};
      } else {
        parts.push_back(note);
      }
    }
  }
  if (with_items && attendee.items_size() > 0)
    parts.push_back("närvarande " + format_item_ranges(attendee.items(), paragraph_sign));
  return join(parts, ", ");
}

class MeetingComposer {
 public:
  MeetingComposer(const model::Document& source, const ComposeOptions& options, ir::Document& out)
      : source_(source),
        record_(source.meeting_record()),
        options_(options),
        out_(out),
        build_(out),
        paragraph_sign_(rules::numbering(record_) == MeetingRecord::PARAGRAPH_SIGN),
        numbers_(rules::item_numbers(record_)),
        present_(record_) {}

  // The options this record cannot honour; empty when it can be composed.
  Problems refused_options() const {
    Problems problems;
    if (options_.extract_items.empty()) return problems;
    if (record_.kind() != MeetingRecord::PROTOKOLL)
      problems.push_back({{}, 0, 0, {}, "an extract (protokollsutdrag) can only be made from a protokoll"});
    else
      for (unsigned number : options_.extract_items)
        if (std::find(numbers_.begin(), numbers_.end(), number) == numbers_.end())
          problems.push_back({{}, 0, 0, {}, fmt::format("the record has no item {}{}", sign(), number)});
    return problems;
  }

  void compose() {
    const bool extract = !options_.extract_items.empty();
    const auto& organisation = source_.organisation();
    const std::string organisation_name =
        record_.issued_under_former_name() && !organisation.former_name().empty() ? organisation.former_name()
                                                                                  : organisation.name();
    const model::Body* body = rules::find_body(organisation, record_.body());
    const std::string body_name = body ? body->name() : record_.body();
    const auto date = swedish::parse_date(record_.date());
    const std::string date_numeric = date ? swedish::format_date_numeric(*date) : record_.date();
    const std::string kind = extract                                      ? "protokollsutdrag"
                             : record_.kind() == MeetingRecord::PROTOKOLL ? "protokoll"
                                                                          : "minnesanteckningar";
    const std::string meeting_type = record_.meeting_type().empty() ? "sammanträde" : record_.meeting_type();

    // "fört vid sammanträde med Arbetsutskottet, Samordningsförbundet ..."
    const std::string preposition = record_.kind() == MeetingRecord::PROTOKOLL ? "fört vid" : "från";
    const std::string subtitle =
        body && body->kind() == model::Body::MEDLEMSMOTE
            ? fmt::format("{} {} i {}", preposition, meeting_type, organisation_name)
            : fmt::format("{} {} med {}, {}", preposition, meeting_type, body_name, organisation_name);

    auto* metadata = out_.mutable_metadata();
    metadata->set_title(fmt::format("{}, {}, {}", swedish::capitalize(kind), body_name, date_numeric));
    metadata->set_subject(swedish::capitalize(subtitle));
    metadata->set_author(organisation_name);
    metadata->set_language("sv-SE");
    metadata->set_document_kind(kind);
    metadata->add_keywords(body_name);
    metadata->add_keywords(meeting_type);
    if (date) {
      const auto start = swedish::parse_time(record_.start_time()).value_or(swedish::Time{});
      metadata->set_created(fmt::format("{}T{:02}:{:02}:00{}", date_numeric, start.hour, start.minute,
                                        swedish::stockholm_utc_offset(*date, start)));
    }
    auto* furniture = out_.mutable_furniture();
    furniture->set_header_left(organisation_name);
    furniture->set_header_right(fmt::format("{} {}", swedish::capitalize(kind), date_numeric));
    furniture->set_footer_page_label("Sida {page} av {pages}");

    build_.heading(0, swedish::capitalize(kind));
    build_.paragraph(ir::Paragraph::SUBTITLE).add_spans()->set_text(subtitle);

    auto& fields = build_.table(ir::Table::FIELDS, {{1, ir::Column::LEFT}, {4, ir::Column::LEFT}});
    if (date)
      Builder::row(fields, {"Datum", record_.date_style() == MeetingRecord::WRITTEN_OUT
                                         ? swedish::format_date_written_out(*date)
                                     : record_.date_style() == MeetingRecord::WRITTEN_OUT_WITHOUT_WEEKDAY
                                         ? swedish::format_date_written_out_without_weekday(*date)
                                         : date_numeric});
    const std::string time = swedish::format_time_span(swedish::parse_time(record_.start_time()),
                                                       swedish::parse_time(record_.end_time()));
    if (!time.empty()) Builder::row(fields, {"Tid", time});
    if (!record_.place().name().empty()) Builder::row(fields, {"Plats", record_.place().name()});
    if (!record_.secretary().empty() && !secretary_after_attendance())
      Builder::row(fields, {secretary_title(), record_.secretary()});

    attendance();
    items();
    attachments();
    if (extract)
      extract_closing();
    else
      closing();
    // The copy for signing has no record of signatures: a signing service
    // appends its own. Only a reproduction of the signed original shows it.
    if (!extract && options_.reproduction) electronic_signatures();
    build_.sort_footnotes();
  }

 private:
  std::string sign() const { return paragraph_sign_ ? "§ " : ""; }

  std::string secretary_title() const {
    return record_.secretary_title().empty() ? "Sekreterare" : record_.secretary_title();
  }

  bool secretary_after_attendance() const {
    return record_.secretary_placement() == MeetingRecord::AFTER_ATTENDANCE;
  }

  bool included(unsigned number) const {
    if (options_.extract_items.empty()) return true;
    return std::find(options_.extract_items.begin(), options_.extract_items.end(), number) !=
           options_.extract_items.end();
  }

  void attendance_table(const std::vector<const model::Attendee*>& people, bool with_items) {
    auto& table = build_.table(ir::Table::ATTENDANCE, {{2, ir::Column::LEFT}, {3, ir::Column::LEFT}});
    table.set_row_header_columns(1);
    // Column names for assistive technology; not shown.
    Builder::row(table, {"Namn", "Roll och organisation"}, ir::Row::HEADER).set_visually_hidden(true);
    for (const auto* attendee : people)
      Builder::row(table,
                   {attendee->person().name(), describe(*attendee, record_, paragraph_sign_, with_items)});
  }

  // One attendance list under its heading.
  void attendance_list(std::string_view heading,
                       const google::protobuf::RepeatedPtrField<model::Attendee>& people, bool with_items) {
    if (people.empty()) return;
    build_.heading(1, heading, {}, {}, ir::Heading::ATTENDANCE);
    std::vector<const model::Attendee*> list;
    for (const auto& attendee : people) list.push_back(&attendee);
    attendance_table(list, with_items);
  }

  // The attendance lists in the record's order (attendance_order), then
  // the secretary when named after them.
  void attendance() {
    const bool invited_first = record_.attendance_order() == MeetingRecord::INVITED_FIRST;
    if (invited_first) invited();
    attendance_list(record_.present_heading().empty() ? "Närvarande" : record_.present_heading(),
                    record_.present(), true);
    for (const auto& group : record_.attendance_groups())
      attendance_list(group.heading(), group.people(), true);
    guests();
    if (!invited_first) invited();
    if (secretary_after_attendance() && !record_.secretary().empty()) {
      build_.heading(1, "Vid protokollet", {}, {}, ir::Heading::ATTENDANCE);
      auto& table = build_.table(ir::Table::ATTENDANCE, {{2, ir::Column::LEFT}, {3, ir::Column::LEFT}});
      table.set_row_header_columns(1);
      Builder::row(table, {"Namn", "Titel"}, ir::Row::HEADER).set_visually_hidden(true);
      Builder::row(table, {record_.secretary(), secretary_title()});
    }
  }

  void guests() {
    // Guests in groups that share the same items, in order of appearance:
    // "Gäster § 21".
    // Linear in the guests, their ranges and the extract (times a log).
    std::vector<unsigned> extract(options_.extract_items.begin(), options_.extract_items.end());
    std::sort(extract.begin(), extract.end());
    auto extract_meets = [&](const model::ItemRange& range) {
      auto it = std::lower_bound(extract.begin(), extract.end(), range.first());
      return it != extract.end() && *it <= rules::last_item(range);
    };
    std::vector<std::pair<std::string, std::vector<const model::Attendee*>>> groups;
    std::unordered_map<std::string, size_t> group_of_label;
    for (const auto& guest : record_.guests()) {
      if (!extract.empty() && std::none_of(guest.items().begin(), guest.items().end(), extract_meets))
        continue;
      std::string label = format_item_ranges(guest.items(), paragraph_sign_);
      auto [it, added] = group_of_label.emplace(label, groups.size());
      if (added)
        groups.push_back({std::move(label), {&guest}});
      else
        groups[it->second].second.push_back(&guest);
    }
    for (const auto& [label, guests] : groups) {
      build_.heading(1, "Gäster " + label, {}, {}, ir::Heading::ATTENDANCE);
      attendance_table(guests, false);
    }
  }

  void invited() {
    const auto& invited = record_.invited();
    if (invited.people_size() > 0 || !invited.sentence().empty()) {
      build_.heading(1, "Inbjudna", {}, {}, ir::Heading::ATTENDANCE);
      if (invited.people_size() > 0) {
        std::vector<const model::Attendee*> people;
        for (const auto& attendee : invited.people()) people.push_back(&attendee);
        attendance_table(people, true);
      }
      if (!invited.sentence().empty()) build_.inline_paragraph(invited.sentence());
    }
  }

  // "Bilaga N": the attachments listed, numbered in order; one named
  // inline in the running text has no number (0).
  unsigned attachment_number(const std::string& id) const {
    unsigned number = 0;
    for (const auto& attachment : record_.attachments()) {
      if (attachment.named_inline()) continue;
      ++number;
      if (attachment.id() == id) return number;
    }
    return 0;
  }

  void items() {
    int section = 0;
    for (int i = 0; i < record_.items_size(); ++i) {
      const auto& item = record_.items(i);
      const unsigned number = numbers_[static_cast<size_t>(i)];
      if (!included(number)) continue;
      build_.set_footnote_scope(&item.footnotes());
      if (item.has_title()) {
        std::string shown = number == 0       ? ""
                            : paragraph_sign_ ? fmt::format("§ {}", number)
                                              : fmt::format("{}.", number);
        std::string anchor = number == 0       ? fmt::format("avsnitt-{}", ++section)
                             : paragraph_sign_ ? fmt::format("p-{}", number)
                                               : fmt::format("punkt-{}", number);
        build_.title_heading(1, item.title(), std::move(shown), std::move(anchor), ir::Heading::ITEM);
      } else {
        // A plain numbered point: a run-in heading "N." that leads its first
        // paragraph, so that the point can be navigated to.
        auto& heading = build_.heading(1, {}, fmt::format("{}.", number), fmt::format("punkt-{}", number),
                                       ir::Heading::ITEM);
        heading.set_run_in(true);
        heading.set_in_toc(false);
      }
      for (const auto& block : item.blocks()) item_block(block);
      build_.set_footnote_scope(nullptr);
    }
  }

  void item_block(const model::Block& block) {
    switch (block.content_case()) {
      case model::Block::kParagraph: build_.inline_paragraph(block.paragraph()); break;
      case model::Block::kQuote: build_.inline_paragraph(block.quote(), ir::Paragraph::QUOTE); break;
      case model::Block::kHeading: build_.title_heading(2, block.heading()); break;
      case model::Block::kDecision: {
        auto& p = build_.paragraph(ir::Paragraph::DECISION);
        auto* label = p.add_spans();
        label->set_text("Beslut: ");
        label->set_bold(true);
        append_inline(block.decision().text(), build_.footnote_numberer(), *p.mutable_spans());
        break;
      }
      case model::Block::kList: {
        auto& list = build_.list(block.list().ordered());
        for (const auto& entry : block.list().entries())
          append_inline(entry, build_.footnote_numberer(), *list.add_items()->mutable_spans());
        break;
      }
      case model::Block::kAttachment: {
        const auto& id = block.attachment().attachment();
        const unsigned n = attachment_number(id);
        std::string title = id;
        for (const auto& attachment : record_.attachments())
          if (attachment.id() == id) title = attachment.title();
        auto& p = build_.paragraph();
        auto* label = p.add_spans();
        label->set_text(fmt::format("Bilaga {}", n));
        label->set_bold(true);
        p.add_spans()->set_text(fmt::format(": {} (bifogas)", title));
        break;
      }
      case model::Block::kTable: {
        const auto& source = block.table();
        auto& ir_table = build_.table(ir::Table::DATA, {});
        const int columns =
            std::max(source.header_size(), source.rows_size() ? source.rows(0).cells_size() : 0);
        for (int c = 0; c < columns; ++c) ir_table.add_columns()->set_weight(1);
        if (source.header_size() > 0) {
          auto* row = ir_table.add_rows();
          row->set_kind(ir::Row::HEADER);
          for (const auto& cell : source.header())
            append_inline(cell, build_.footnote_numberer(), *row->add_cells()->mutable_spans());
        }
        for (const auto& source_row : source.rows()) {
          auto* row = ir_table.add_rows();
          for (const auto& cell : source_row.cells())
            append_inline(cell, build_.footnote_numberer(), *row->add_cells()->mutable_spans());
        }
        align_numeric_columns(ir_table);
        break;
      }
      case model::Block::CONTENT_NOT_SET: break;
    }
  }

  void attachments() {
    if (!options_.extract_items.empty()) return;
    std::vector<const model::Attachment*> listed;
    for (const auto& attachment : record_.attachments())
      if (!attachment.named_inline()) listed.push_back(&attachment);
    if (listed.empty()) return;
    build_.heading(1, "Bilagor", {}, {}, ir::Heading::ATTACHMENTS);
    auto& table = build_.table(ir::Table::FIELDS, {{1, ir::Column::LEFT}, {4, ir::Column::LEFT}});
    for (size_t i = 0; i < listed.size(); ++i)
      Builder::row(table, {fmt::format("Bilaga {}", i + 1), listed[i]->title()});
  }

  std::string role_of(const std::string& name, const std::string& fallback) const {
    if (!fallback.empty()) return fallback;
    const auto* attendee = present_.find(name);
    return attendee ? attendee->person().role() : std::string{};
  }

  // The adjusters in signing order: the chair first unless listed.
  std::vector<std::pair<std::string, std::string>> adjusters() const {
    const auto& closing = record_.closing();
    std::vector<std::pair<std::string, std::string>> people;
    bool chair_listed = false;
    for (const auto& adjuster : closing.adjusters())
      chair_listed = chair_listed || adjuster.name() == closing.chair();
    if (!closing.chair().empty() && !chair_listed)
      people.emplace_back(closing.chair(), role_of(closing.chair(), "Ordförande"));
    for (const auto& adjuster : closing.adjusters())
      people.emplace_back(adjuster.name(), role_of(adjuster.name(), adjuster.role()));
    return people;
  }

  void closing() {
    const bool protokoll = record_.kind() == MeetingRecord::PROTOKOLL;
    if (protokoll && !record_.secretary().empty()) {
      // Named "Vid protokollet" after the attendance, the secretary signs
      // with name and title only, as real minutes do; the words once.
      auto& block = build_.signatures(secretary_after_attendance() ? "" : "Vid protokollet");
      auto* signatory = block.add_signatories();
      signatory->set_name(record_.secretary());
      signatory->set_role(secretary_title());
      signatory->set_field_name("sekreterare-" + swedish::slug(record_.secretary()));
    }
    const auto people = adjusters();
    if (people.empty()) return;
    auto& block = build_.signatures("Justeras");
    int n = 0;
    for (const auto& [name, role] : people) {
      auto* signatory = block.add_signatories();
      signatory->set_name(name);
      signatory->set_role(role);
      signatory->set_field_name(fmt::format("justering-{}-{}", ++n, swedish::slug(name)));
    }
  }

  void extract_closing() {
    const auto people = adjusters();
    auto& table = build_.table(ir::Table::FIELDS, {{1, ir::Column::LEFT}, {4, ir::Column::LEFT}});
    std::vector<std::string> names;
    for (const auto& [name, role] : people) names.push_back(role.empty() ? name : name + " (" + role + ")");
    if (!names.empty()) Builder::row(table, {"Justerare", join(names, ", ")});
    std::string signed_on;
    for (const auto& signature : record_.electronic_signatures().signatures())
      signed_on = std::max(signed_on, signature.signed_at().substr(0, 10));
    if (!signed_on.empty()) Builder::row(table, {"Justerat", signed_on + ", elektroniskt undertecknat"});
    auto& block = build_.signatures("Rätt utdraget intygar");
    auto* signatory = block.add_signatories();
    signatory->set_name(record_.secretary());
    signatory->set_role(secretary_title());
    signatory->set_field_name("utdrag-intygas-" + swedish::slug(record_.secretary()));
  }

  void electronic_signatures() {
    const auto& signatures = record_.electronic_signatures();
    if (signatures.signatures_size() == 0) return;
    build_.page_break();
    build_.heading(1, "Återgivning av ett elektroniskt undertecknat dokument", {}, {},
                   ir::Heading::SIGNATURE_RECORD);
    build_.inline_paragraph(
        "Detta är en återgivning av det elektroniskt undertecknade originalet, inte originalet. "
        "Underskrifterna valideras i det undertecknade originalet; i denna återgivning kan de inte "
        "valideras.");
    const bool qualified = signatures.level() == model::ElectronicSignatures::QUALIFIED_EIDAS;
    build_.inline_paragraph(
        fmt::format("Underskrifterna i detta dokument uppfyller kraven för {} Elektronisk Underskrift enligt "
                    "definitionen i eIDAS (EU:s förordning 910/2014).",
                    qualified ? "Kvalificerad" : "Avancerad"));
    std::string validation =
        "Äktheten kan kontrolleras i alla tjänster som kan validera underskrifter som godkänts av "
        "Myndigheten för digital förvaltning (DIGG).";
    if (!signatures.validation_service().empty()) {
      validation += " Använd till exempel valideringstjänsten ";
      validation += signatures.validation_service_url().empty()
                        ? escape_markdown(signatures.validation_service())
                        : fmt::format("[{}](<{}>)", escape_markdown(signatures.validation_service()),
                                      signatures.validation_service_url());
      validation += ".";
    }
    if (!signatures.acrobat_help_url().empty())
      validation += fmt::format(" För validering med Adobe Acrobat Reader, [läs mer här](<{}>).",
                                signatures.acrobat_help_url());
    build_.inline_paragraph(validation);
    build_.inline_paragraph(
        "Notera, om dokumentet skrivs ut på papper följer de elektroniska underskrifterna inte med och "
        "kan därför inte valideras.");
    build_.inline_paragraph(
        "Följande personer har genom sin elektroniska underskrift godkänt innehållet i detta dokument "
        "samt försäkrat att angivna uppgifter är korrekta.");
    for (int i = 0; i < signatures.signatures_size(); ++i) {
      const auto& signature = signatures.signatures(i);
      build_.heading(2, fmt::format("Underskrift {}", i + 1));
      auto& table = build_.table(ir::Table::FIELDS, {{2, ir::Column::LEFT}, {5, ir::Column::LEFT}});
      Builder::row(table, {"Namn", signature.name()});
      if (!signature.organisation().empty()) Builder::row(table, {"Företag", signature.organisation()});
      if (!signature.title().empty()) Builder::row(table, {"Befattning", signature.title()});
      if (!signature.identification_method().empty())
        Builder::row(table, {"Identifieringsmetod", signature.identification_method()});
      const std::string& at = signature.signed_at();
      if (at.size() == 25)
        Builder::row(table, {"Datum och tid",
                             fmt::format("{} {} GMT{}", at.substr(0, 10), at.substr(11, 8), at.substr(19))});
      if (!signature.transaction_id().empty())
        Builder::row(table, {"Transaktions-ID", signature.transaction_id()});
    }
  }

  const model::Document& source_;
  const MeetingRecord& record_;
  const ComposeOptions& options_;
  ir::Document& out_;
  Builder build_;
  bool paragraph_sign_;
  std::vector<unsigned> numbers_;
  rules::PresentIndex present_;
};

}  // namespace

Problems compose_meeting_record(const model::Document& document, const ComposeOptions& options,
                                ir::Document& out) {
  MeetingComposer composer(document, options, out);
  auto problems = composer.refused_options();
  if (problems.empty()) composer.compose();
  return problems;
}

}  // namespace kansli
