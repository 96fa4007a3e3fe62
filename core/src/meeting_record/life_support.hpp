// What the kallelse and the anslagsbevis share: the facts of the meeting
// as the documents print them, and the opening every such document has
// (metadata, page furniture, title, subtitle).
#ifndef KANSLI_LIFE_SUPPORT_HPP
#define KANSLI_LIFE_SUPPORT_HPP

#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <string>
#include <string_view>

#include "../compose_support/ir_builder.hpp"

namespace kansli::life {

struct MeetingFacts {
  std::string organisation;  // the name the record is issued under
  std::string body;          // "Arbetsutskottet"
  std::string date;          // "2026-03-04"
  std::string date_shown;    // as the record's date_style writes it
  std::string time;          // "kl. 8.00–10.00", or empty
  std::string place;
  std::string meeting_type;  // "sammanträde"
};

MeetingFacts meeting_facts(const model::Document& document);

// Metadata, furniture, the title `kind` ("kallelse") capitalised, and the
// subtitle.
void open_document(IrBuilder& build, ir::Document& out, const MeetingFacts& facts, std::string_view kind,
                   std::string_view subtitle);

// "§ 18", "18." or "" for an unnumbered item.
std::string item_label(const model::MeetingRecord& record, unsigned number);

// A person as a table row's second cell: "Ordförande, Region Sörmland".
std::string role_and_organisation(const model::Person& person);

}  // namespace kansli::life

#endif
