// The public version: marked content leaves the model before anything is
// composed, so no composer and no exporter (nor the source a JSON exporter
// writes) can show it. What replaces it is Swedish text, written here.
#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "../compose_support/inline_text.hpp"
#include "meeting_life.hpp"
#include "model_walk.hpp"

namespace kansli {

namespace {

namespace pb = google::protobuf;

std::string withheld_item(const model::Confidential& mark) {
  return fmt::format("Ärendet omfattas av sekretess enligt {} och har utelämnats i den offentliga versionen.",
                     escape_markdown(mark.legal_ground()));
}

std::string withheld_block(const model::Confidential& mark) {
  return fmt::format("Uppgifter har utelämnats i den offentliga versionen med stöd av {}.",
                     escape_markdown(mark.legal_ground()));
}

// Plain text (a name, not inline text): shown as it is.
std::string withheld_name(const model::Confidential& mark) {
  return mark.private_individual() ? fmt::format("Namn utelämnat (privatperson, {})", mark.legal_ground())
                                   : fmt::format("Namn utelämnat ({})", mark.legal_ground());
}

void redact_item(model::Item& item) {
  const std::string line = withheld_item(item.confidential());
  if (item.has_title()) item.set_title("Sekretessbelagt ärende");
  item.clear_blocks();
  item.add_blocks()->set_paragraph(line);
  item.clear_footnotes();
  item.set_description(line);
  item.clear_proposal();
  item.clear_documents();
  item.clear_confidential();
}

void redact_block(model::Block& block) {
  const std::string line = withheld_block(block.confidential());
  const bool decision = block.has_decision();
  block.Clear();
  if (decision)
    block.mutable_decision()->set_text(line);
  else
    block.set_paragraph(line);
}

// Footnotes that no remaining text of the item refers to: they may hold
// what a withheld block said.
void drop_unreferenced_footnotes(model::Item& item) {
  std::set<std::string> used;
  auto note = [&](const std::string& text) {
    for (auto& id : inline_references(text).footnotes) used.insert(std::move(id));
  };
  for (const auto& block : item.blocks()) {
    note(block.paragraph());
    note(block.quote());
    note(block.decision().text());
    for (const auto& entry : block.list().entries()) note(entry);
    for (const auto& cell : block.table().header()) note(cell);
    for (const auto& row : block.table().rows())
      for (const auto& cell : row.cells()) note(cell);
  }
  auto* footnotes = item.mutable_footnotes();
  footnotes->erase(std::remove_if(footnotes->begin(), footnotes->end(),
                                  [&](const model::Footnote& f) { return !used.count(f.id()); }),
                   footnotes->end());
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

// Replaces each name by its withheld line in every string of `message`.
void replace_names(pb::Message& message, const std::vector<std::pair<std::string, std::string>>& names) {
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* f = descriptor->field(i);
    const int count =
        f->is_repeated() ? reflection->FieldSize(message, f) : (reflection->HasField(message, f) ? 1 : 0);
    for (int k = 0; k < count; ++k) {
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        replace_names(f->is_repeated() ? *reflection->MutableRepeatedMessage(&message, f, k)
                                       : *reflection->MutableMessage(&message, f),
                      names);
      } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
        std::string value = f->is_repeated() ? reflection->GetRepeatedString(message, f, k)
                                             : reflection->GetString(message, f);
        const std::string before = value;
        for (const auto& [name, line] : names) replace_all(value, name, line);
        if (value == before) continue;
        if (f->is_repeated())
          reflection->SetRepeatedString(&message, f, k, std::move(value));
        else
          reflection->SetString(&message, f, std::move(value));
      }
    }
  }
}

}  // namespace

model::Document redact(const model::Document& document) {
  model::Document out = document;
  if (!out.has_meeting_record()) return out;
  auto& record = *out.mutable_meeting_record();
  for (auto& item : *record.mutable_items()) {
    if (item.has_confidential()) {
      redact_item(item);
      continue;
    }
    bool withheld = false;
    for (auto& block : *item.mutable_blocks())
      if (block.has_confidential()) {
        redact_block(block);
        withheld = true;
      }
    if (withheld) drop_unreferenced_footnotes(item);
  }
  // Names: the longest first, so that a name inside another is not split.
  std::vector<model::Person*> people;
  for_each_message(static_cast<pb::Message&>(record), {}, [&](pb::Message& message, const FieldPath&) {
    if (message.GetDescriptor() != model::Person::descriptor()) return true;
    people.push_back(static_cast<model::Person*>(&message));
    return false;
  });
  std::vector<std::pair<std::string, std::string>> names;
  for (auto* person : people) {
    if (!person->has_confidential()) continue;
    const std::string line = withheld_name(person->confidential());
    if (!person->name().empty()) names.emplace_back(person->name(), line);
    person->set_name(line);
    person->clear_role();
    person->clear_organisation();
    person->clear_confidential();
  }
  std::sort(names.begin(), names.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  if (!names.empty()) replace_names(out, names);
  return out;
}

}  // namespace kansli
