// Every limit of docs/limits.md, in its general form: past it a document is
// refused with its place, at it the whole pipeline runs without overflow.
#include <fmt/core.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <kansli/compose.hpp>
#include <kansli/limits.hpp>
#include <kansli/load.hpp>
#include <kansli/validate.hpp>
#include <random>

#include "annual_report/figures.hpp"
#include "test_support.hpp"

namespace {

using namespace kansli;
using namespace kansli::test;
namespace pb = google::protobuf;
using limits::kMaxAmount;

// The loader's result, with its problems also appended to `problems`.
Result<LoadedDocument> keep_problems(Result<LoadedDocument> result, Problems& problems) {
  problems.insert(problems.end(), result.problems.begin(), result.problems.end());
  return result;
}

model::Document example(const std::string& name) {
  Problems problems;
  auto loaded = keep_problems(load_document_file(examples_dir() / name), problems);
  EXPECT_TRUE(loaded) << (problems.empty() ? "" : problems[0].to_string());
  return loaded ? loaded->document : model::Document{};
}

std::string text_of(const pb::Message& message) {
  std::string text;
  pb::TextFormat::PrintToString(message, &text);
  return text;
}

// The 1-based `line` of `text`.
std::string line_of(const std::string& text, int line) {
  size_t at = 0;
  for (int i = 1; i < line && at != std::string::npos; ++i) at = text.find('\n', at) + 1;
  return text.substr(at, text.find('\n', at) - at);
}

// Every int64 field set in `message` (all are amounts or populations).
struct Int64Slot {
  pb::Message* message;
  const pb::FieldDescriptor* field;
};
void int64_slots(pb::Message& message, std::vector<Int64Slot>& out) {
  const pb::Reflection* r = message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64 && !field->is_repeated())
      out.push_back({&message, field});
    if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated())
      for (int i = 0; i < r->FieldSize(message, field); ++i)
        int64_slots(*r->MutableRepeatedMessage(&message, field, i), out);
    else
      int64_slots(*r->MutableMessage(&message, field), out);
  }
}

constexpr const char* kReport = "arsredovisning-2025.txtpb";

TEST(AmountLimit, EveryAmountPastTheLimitIsRefusedAtItsLineAndColumn) {
  auto document = example(kReport);
  std::vector<Int64Slot> slots;
  int64_slots(document, slots);
  ASSERT_GT(slots.size(), 50u);
  const std::int64_t past[] = {kMaxAmount + 1, -kMaxAmount - 1, LLONG_MAX, LLONG_MIN};
  for (size_t i = 0; i < slots.size(); ++i) {
    const auto [message, field] = slots[i];
    const std::int64_t saved = message->GetReflection()->GetInt64(*message, field);
    const std::int64_t value = past[i % 4];
    message->GetReflection()->SetInt64(message, field, value);
    const std::string text = text_of(document);
    message->GetReflection()->SetInt64(message, field, saved);
    Problems problems;
    EXPECT_FALSE(keep_problems(load_document(text, InputFormat::text, "r.txtpb"), problems)) << field->full_name();
    ASSERT_EQ(problems.size(), 1u) << field->full_name();
    EXPECT_NE(problems[0].message.find("out of range"), std::string::npos) << problems[0].to_string();
    ASSERT_GT(problems[0].line, 0) << problems[0].to_string();
    const std::string line = line_of(text, problems[0].line);
    EXPECT_EQ(line.substr(problems[0].column - 1), field->name() + ": " + std::to_string(value))
        << problems[0].to_string();
  }
}

TEST(AmountLimit, BinaryAndJsonInputPointAtTheFieldPath) {
  auto document = example(kReport);
  auto* note_line = document.mutable_annual_report()->mutable_notes(0)->mutable_lines(0);
  note_line->set_previous_year(LLONG_MAX);
  Problems problems;
  EXPECT_FALSE(keep_problems(load_document(document.SerializeAsString(), InputFormat::binary, "r.binpb"), problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field_path, "annual_report.notes[0].lines[0].previous_year");
}

// JSON problems name line and column like text format, whether the keys
// are proto names or JSON names and whatever else stands before them.
TEST(AmountLimit, JsonInputPointsAtTheFieldsLineAndColumn) {
  const std::string json =
      "{\n"
      " \"organisation\": {\n"
      "  \"name\": \"F\\\"{[\",\n"
      "  \"members\": [\n"
      "   {\"id\": \"a\", \"name\": \"A\", \"population\": 1},\n"
      "   {\"id\": \"b\", \"name\": \"B\", \"population\": \"99999999999999\"}\n"
      "  ]\n"
      " }\n"
      "}\n";
  Problems problems;
  EXPECT_FALSE(keep_problems(load_document(json, InputFormat::json, "r.json"), problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field_path, "organisation.members[1].population");
  EXPECT_EQ(problems[0].line, 6);
  EXPECT_EQ(problems[0].column, 29) << problems[0].to_string();
}

// Sets every amount of the report to `value(i)` and runs validation,
// composition and the figures: no sum may overflow (UBSan in CI; checked
// arithmetic throws here).
void run_with_amounts(model::Document document, const std::function<std::int64_t(size_t)>& value) {
  std::vector<Int64Slot> slots;
  int64_slots(document, slots);
  for (size_t i = 0; i < slots.size(); ++i)
    slots[i].message->GetReflection()->SetInt64(slots[i].message, slots[i].field, value(i));
  Problems problems;
  auto loaded = keep_problems(load_document(document.SerializeAsString(), InputFormat::binary, "r.binpb"), problems);
  ASSERT_TRUE(loaded) << problems[0].to_string();
  EXPECT_NO_THROW(validate(*loaded));
  const auto& report = loaded->document.annual_report();
  EXPECT_NO_THROW(annual_report::income_figures(report.income_statement()));
  EXPECT_NO_THROW(annual_report::cash_flow_figures(
      report.cash_flow_statement(), annual_report::income_figures(report.income_statement()).result));
  // An invalid report may be refused; it may not overflow or hang.
  (void)compose(loaded->document);
}

TEST(AmountLimit, AmountsAtTheLimitEverywhereNeverOverflow) {
  const auto document = example(kReport);
  run_with_amounts(document, [](size_t) { return kMaxAmount; });
  run_with_amounts(document, [](size_t) { return -kMaxAmount; });
  run_with_amounts(document, [](size_t i) { return i % 2 ? kMaxAmount : -kMaxAmount; });
  run_with_amounts(document, [](size_t i) { return i % 3 ? kMaxAmount - 499 : -kMaxAmount + 500; });
}

TEST(AmountLimit, TheMostStatementLinesAtTheLimitNeverOverflow) {
  auto document = example(kReport);
  auto* sheet = document.mutable_annual_report()->mutable_balance_sheet();
  int lines = 0;
  for (const auto& group : sheet->assets()) lines += group.lines_size();
  // Count what the example has, then fill one asset group up to the limit.
  std::vector<Int64Slot> slots;
  int64_slots(document, slots);
  int existing = 0;
  std::function<void(const pb::Message&)> count = [&](const pb::Message& m) {
    if (m.GetDescriptor() == model::StatementLine::descriptor()) ++existing;
    std::vector<const pb::FieldDescriptor*> fields;
    m.GetReflection()->ListFields(m, &fields);
    for (const auto* f : fields) {
      if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
      if (f->is_repeated())
        for (int i = 0; i < m.GetReflection()->FieldSize(m, f); ++i)
          count(m.GetReflection()->GetRepeatedMessage(m, f, i));
      else
        count(m.GetReflection()->GetMessage(m, f));
    }
  };
  count(document);
  auto* group = sheet->mutable_assets(0);
  while (existing < limits::kMaxStatementLines) {
    auto* line = group->add_lines();
    line->set_label("Fordran");
    line->set_amount(kMaxAmount);
    line->set_previous_year(kMaxAmount);
    ++existing;
  }
  run_with_amounts(document, [](size_t) { return kMaxAmount; });
  group->add_lines()->set_label("En rad för mycket");
  Problems problems;
  EXPECT_FALSE(keep_problems(load_document(text_of(document), InputFormat::text, "r.txtpb"), problems));
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].message.find("statement lines"), std::string::npos) << problems[0].to_string();
  EXPECT_GT(problems[0].line, 0);
}

// The rounding as it was: one unit at a time. Reference for small distances.
std::vector<std::int64_t> round_stepwise(const std::vector<std::int64_t>& parts, std::int64_t unit,
                                         std::int64_t target) {
  std::vector<std::int64_t> rounded;
  std::int64_t total = 0;
  for (auto part : parts) total += rounded.emplace_back(annual_report::round_units(part, unit));
  auto error = [&](size_t i) { return rounded[i] * unit - parts[i]; };
  while (total != target) {
    const bool up = total < target;
    size_t best = 0;
    for (size_t i = 1; i < parts.size(); ++i)
      if (up ? error(i) < error(best) : error(i) > error(best)) best = i;
    rounded[best] += up ? 1 : -1;
    total += up ? 1 : -1;
  }
  return rounded;
}

TEST(Rounding, AgreesWithMovingOneUnitAtATime) {
  std::mt19937_64 random(12);
  for (int round = 0; round < 500; ++round) {
    const size_t n = 1 + random() % 12;
    std::vector<std::int64_t> parts;
    for (size_t i = 0; i < n; ++i) {
      std::int64_t value = static_cast<std::int64_t>(random() % 20'000'000) - 10'000'000;
      if (std::abs(value % 1000) == 500) ++value;  // exact halves tie differently; see figures.hpp
      parts.push_back(value);
    }
    std::int64_t plain = 0;
    for (auto p : parts) plain += annual_report::round_units(p, 1000);
    const std::int64_t target =
        plain + static_cast<std::int64_t>(random() % (4 * n + 1)) - static_cast<std::int64_t>(2 * n);
    EXPECT_EQ(annual_report::round_to_target(parts, 1000, target), round_stepwise(parts, 1000, target))
        << "round " << round;
  }
}

TEST(Rounding, AnyDistanceTakesTimeOfThePartsNotOfTheDistance) {
  // Stepwise, these would take about 10^13 and 2^62 steps.
  for (const std::int64_t target :
       std::vector<std::int64_t>{kMaxAmount, -kMaxAmount, LLONG_MAX / 2, LLONG_MIN / 2}) {
    const std::vector<std::int64_t> parts{1400, -2600, 3500, 0, kMaxAmount};
    const auto rounded = annual_report::round_to_target(parts, 1000, target);
    std::int64_t total = 0;
    for (auto r : rounded) total += r;
    EXPECT_EQ(total, target);
    // Spread evenly: no part moves more than one unit beyond the others.
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::int64_t moved = rounded[i] - annual_report::round_units(parts[i], 1000);
      EXPECT_LE(std::abs(moved - target / static_cast<std::int64_t>(parts.size())), 1 + kMaxAmount / 1000);
    }
  }
}

TEST(Rounding, SumsThatWouldOverflowAreAnErrorNotUndefined) {
  EXPECT_THROW(annual_report::checked_add(LLONG_MAX, 1), std::overflow_error);
  EXPECT_THROW(annual_report::checked_add(LLONG_MIN, -1), std::overflow_error);
  EXPECT_EQ(annual_report::checked_add(LLONG_MAX, LLONG_MIN), -1);
}

// Text with `depth` messages nested inside an unknown field.
std::string nested_unknown(int depth) {
  std::string text = "organisation {\n  name: \"x\"\n  ";
  for (int i = 0; i < depth; ++i) text += "unknown_field { ";
  for (int i = 0; i < depth; ++i) text += "} ";
  return text + "\n}\n";
}

TEST(NestingLimit, DeepTextRefusedBeforeParsingAtTheFirstLevelTooDeep) {
  for (const int depth : {limits::kMaxDepth, 16000, 1000000}) {
    Problems problems;
    EXPECT_FALSE(keep_problems(load_document(nested_unknown(depth), InputFormat::text, "n.txtpb"), problems));
    ASSERT_EQ(problems.size(), 1u) << depth;
    EXPECT_NE(problems[0].message.find("nested more than"), std::string::npos) << problems[0].to_string();
    EXPECT_EQ(problems[0].line, 3);
    // "organisation {" is level 1; the opening brace of level kMaxDepth + 1.
    EXPECT_EQ(problems[0].column, 3 + 16 * (limits::kMaxDepth - 1) + 14);
  }
  // Within the limit the parser reports the unknown field itself.
  Problems problems;
  EXPECT_FALSE(keep_problems(load_document(nested_unknown(limits::kMaxDepth - 1), InputFormat::text, "n.txtpb"), problems));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].message.find("nested"), std::string::npos) << problems[0].to_string();
}

TEST(NestingLimit, BracesInStringsAndCommentsDoNotCount) {
  auto document = example("protokoll-au-2026-03-04.txtpb");
  document.mutable_meeting_record()->mutable_items(0)->mutable_blocks(0)->set_paragraph(
      std::string(100000, '{') + " " + std::string(1000, '[') + " \\\" '<<<<");
  const std::string text = "# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n" + text_of(document);
  Problems problems;
  EXPECT_TRUE(keep_problems(load_document(text, InputFormat::text, "s.txtpb"), problems))
      << (problems.empty() ? "" : problems[0].to_string());
}

TEST(NestingLimit, DeepJsonRefusedBeforeParsing) {
  for (const int depth : {limits::kMaxDepth, 100000}) {
    std::string json = "{\"organisation\": {\"name\": \"{[{[\", \"x\": ";
    for (int i = 0; i < depth; ++i) json += i % 2 ? "{\"a\": " : "[";
    Problems problems;
    EXPECT_FALSE(keep_problems(load_document(json, InputFormat::json, "n.json"), problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("nested more than"), std::string::npos) << problems[0].to_string();
    EXPECT_EQ(problems[0].line, 1);
  }
}

std::string varint(std::uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out += static_cast<char>(value | 0x80);
    value >>= 7;
  }
  return out + static_cast<char>(value);
}

TEST(NestingLimit, DeepUnknownGroupsAndUnknownFieldsInBinaryAreRefused) {
  for (const int depth : {limits::kMaxDepth, 100000, 500000}) {
    std::string bytes;
    for (int i = 0; i < depth; ++i) bytes += varint(99 << 3 | 3);
    for (int i = 0; i < depth; ++i) bytes += varint(99 << 3 | 4);
    Problems problems;
    EXPECT_FALSE(keep_problems(load_document(bytes, InputFormat::binary, "n.binpb"), problems)) << depth;
    EXPECT_FALSE(problems.empty());
  }
  // Nested length-delimited unknown fields are kept as bytes: refused too.
  std::string bytes = "x";
  for (int i = 0; i < 100000; ++i) bytes = varint(98 << 3 | 2) + varint(bytes.size()) + bytes;
  Problems problems;
  EXPECT_FALSE(keep_problems(load_document(bytes, InputFormat::binary, "n.binpb"), problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("unknown field number 98"), std::string::npos)
      << problems[0].to_string();
}

TEST(RepeatedLimit, OneElementPastTheLimitIsRefusedAtThatElement) {
  std::string text = "meeting_record {\n  items {\n    title: \"Tabell\"\n    blocks { table {\n";
  for (int i = 0; i <= limits::kMaxRepeated; ++i) text += "      rows { cells: \"a\" }\n";
  text += "    } }\n  }\n}\n";
  Problems problems;
  EXPECT_FALSE(keep_problems(load_document(text, InputFormat::text, "t.txtpb"), problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("rows has 10001 elements; at most 10000"), std::string::npos)
      << problems[0].to_string();
  EXPECT_EQ(problems[0].line, 5 + limits::kMaxRepeated);
  EXPECT_EQ(problems[0].column, 7);
}

TEST(WordLimit, AWordAtTheLimitPassesTheCoreAndOnePastIsRefusedWithItsPlace) {
  ScratchDir dir("word-limit");
  auto document = example("protokoll-au-2026-03-04.txtpb");
  auto* block = document.mutable_meeting_record()->mutable_items(1)->mutable_blocks(0);
  block->set_paragraph("Ett ord: " + std::string(limits::kMaxWordBytes, 'a') + " slut.");
  write_file(dir / "at.txtpb", text_of(document));
  const auto at = run_kansli("render " + quote((dir / "at.txtpb").string()) + " -f json -O content=ir -o " +
                             quote((dir / "at.json").string()));
  EXPECT_EQ(at.exit_code, 0) << at.err;

  block->set_paragraph("Ett ord: " + std::string(limits::kMaxWordBytes + 1, 'a') + " slut.");
  const std::string text = text_of(document);
  write_file(dir / "past.txtpb", text);
  const auto past = run_kansli("render " + quote((dir / "past.txtpb").string()) + " -o " +
                               quote((dir / "past.pdf").string()));
  EXPECT_EQ(past.exit_code, 1);
  const size_t at_line = text.find("paragraph: \"Ett ord: aaa");
  const int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at_line), '\n'));
  EXPECT_NE(past.err.find(fmt::format("past.txtpb:{}:", line)), std::string::npos) << past.err.substr(0, 300);
  EXPECT_NE(past.err.find("a word of 1048577 bytes"), std::string::npos) << past.err.substr(0, 300);
  EXPECT_FALSE(std::filesystem::exists(dir / "past.pdf"));
}

TEST(InputSizeLimit, BytesPastTheLimitAreRefusedUnread) {
  Problems problems;
  EXPECT_FALSE(
      keep_problems(load_document(std::string(limits::kMaxInputBytes + 1, ' '), InputFormat::binary, "big"), problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("at most 67108864"), std::string::npos) << problems[0].to_string();

  // 2 GiB and more (sparse: nothing is stored): refused from its size.
  ScratchDir dir("input-size");
  for (const off_t size : {static_cast<off_t>(limits::kMaxInputBytes) + 1, off_t{2} << 30, off_t{5} << 30}) {
    const auto path = dir / "big.txtpb";
    write_file(path, "");
    ASSERT_EQ(::truncate(path.c_str(), size), 0);
    const auto result =
        run_kansli("render " + quote(path.string()) + " -o " + quote((dir / "big.pdf").string()));
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.err.find("big.txtpb: the input is " + std::to_string(size) + " bytes"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(dir.files(), std::vector<std::string>{"big.txtpb"});
  }
}

TEST(InputFileKind, DevicesFifosAndLinksToThemAreRefused) {
  ScratchDir dir("input-kind");
  std::filesystem::create_symlink("/dev/zero", dir / "zero.txtpb");
  std::filesystem::create_symlink("/dev/urandom", dir / "random.binpb");
  ASSERT_EQ(::mkfifo((dir / "fifo.txtpb").c_str(), 0600), 0);
  for (const std::string name : {"zero.txtpb", "random.binpb", "fifo.txtpb"}) {
    // `timeout`: a FIFO would block a reader for ever, /dev/zero never end.
    const auto result = run("timeout 60 " + quote(KANSLI_CLI) + " render " + quote((dir / name).string()) +
                            " -o " + quote((dir / "out.pdf").string()));
    EXPECT_EQ(result.exit_code, 1) << name << ": " << result.err;
    EXPECT_NE(result.err.find(name + ": is not a regular file"), std::string::npos) << result.err;
  }
  const auto device = run("timeout 60 " + quote(KANSLI_CLI) + " validate /dev/zero");
  EXPECT_EQ(device.exit_code, 1) << device.err;
  EXPECT_EQ(dir.files(), (std::vector<std::string>{"fifo.txtpb", "random.binpb", "zero.txtpb"}));
}

TEST(Complexity, ItemRangesAreCheckedInTimeOfTheirNumberNotTheirLength) {
  // 10^6 ranges over 10 000 items: walked number by number, 10^10 steps.
  auto document = example("protokoll-au-2026-03-04.txtpb");
  auto* record = document.mutable_meeting_record();
  while (record->items_size() < limits::kMaxRepeated) {
    auto* item = record->add_items();
    item->set_title("Ärende");
    item->add_blocks()->set_paragraph("Text.");
  }
  record->clear_guests();
  for (int g = 0; g < 100; ++g) {
    auto* guest = record->add_guests();
    guest->mutable_person()->set_name("Gäst");
    for (int r = 0; r < limits::kMaxRepeated; ++r) {
      auto* range = guest->add_items();
      range->set_first(18);
      range->set_last(18 + limits::kMaxRepeated - 1 + (g == 99 && r == 9999 ? 1 : 0));
    }
  }
  Problems problems;
  auto loaded = keep_problems(load_document(document.SerializeAsString(), InputFormat::binary, "g.binpb"), problems);
  ASSERT_TRUE(loaded) << problems[0].to_string();
  problems = validate(*loaded);
  ASSERT_EQ(problems.size(), 1u) << problems[0].to_string();
  EXPECT_EQ(problems[0].field_path, "meeting_record.guests[99].items[9999]");
  EXPECT_NE(problems[0].message.find("refers to item § 10018"), std::string::npos) << problems[0].to_string();
}

}  // namespace
