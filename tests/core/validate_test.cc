// One test per kind of bad input: a clear message naming file, line and
// problem; a non-zero exit; no output file written.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <fmt/core.h>
#include <kansli/model.pb.h>

#include <algorithm>
#include <regex>

namespace {

using kansli::test::run_kansli;
using kansli::test::quote;
using kansli::test::ScratchDir;
using kansli::test::write_file;

// A small valid protokoll. Line numbers matter: the cases below expect them.
const std::string kValid = R"(organisation { name: "Förbundet" bodies { id: "styrelsen" name: "Styrelsen" kind: STYRELSE } }
meeting_record {
  kind: PROTOKOLL
  body: "styrelsen"
  date: "2026-03-04"
  start_time: "08:00"
  end_time: "10:00"
  secretary: "Nils Perers"
  present { person { name: "Helena Koch" role: "Ordförande" } }
  present { person { name: "Owe Ek" } }
  items { number: 18 title: "Mötets öppnande" blocks { paragraph: "Öppnat." } }
  items { title: "Beslut" blocks { decision { text: "Godkänt." } } }
  closing { chair: "Helena Koch" adjusters { name: "Owe Ek" } }
}
)";

struct BadInput {
  std::string name;
  std::string from;  // text in kValid to replace
  std::string to;
  // Each expected problem: "LINE:COLUMN-or-empty|message fragment".
  std::vector<std::string> expected;
  std::string extension = ".txtpb";
};

std::string replaced(const BadInput& c) {
  if (c.from.empty()) return c.to;
  std::string text = kValid;
  const size_t pos = text.find(c.from);
  if (pos == std::string::npos) ADD_FAILURE() << "case " << c.name << ": '" << c.from << "' not in kValid";
  else text.replace(pos, c.from.size(), c.to);
  return text;
}

// gtest prints the case name instead of the struct's bytes.
void PrintTo(const BadInput& c, std::ostream* os) { *os << c.name; }

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, IsReportedWithPlaceAndNothingIsWritten) {
  const BadInput& c = GetParam();
  ScratchDir dir("bad-" + c.name);
  const auto input = dir / ("record" + c.extension);
  write_file(input, replaced(c));

  const auto validate = run_kansli("validate " + quote(input.string()));
  EXPECT_EQ(validate.exit_code, 1) << validate.err;
  std::vector<std::string> lines;
  std::istringstream err(validate.err);
  for (std::string line; std::getline(err, line);) lines.push_back(line);
  EXPECT_EQ(lines.size(), c.expected.size()) << validate.err;
  for (size_t i = 0; i < c.expected.size() && i < lines.size(); ++i) {
    const std::string& want = c.expected[i];
    const size_t bar = want.find('|');
    const std::string place = want.substr(0, bar), message = want.substr(bar + 1);
    EXPECT_EQ(lines[i].rfind(input.string() + ":" + place, 0), 0u)
        << "expected place " << place << " in: " << lines[i];
    EXPECT_NE(lines[i].find(message), std::string::npos) << "expected '" << message << "' in: " << lines[i];
  }

  const auto output = dir / "record.json";
  const auto render = run_kansli("render " + quote(input.string()) + " -f json -o " + quote(output.string()));
  EXPECT_EQ(render.exit_code, 1) << render.err;
  EXPECT_EQ(render.err, validate.err);
  EXPECT_EQ(dir.files(), std::vector<std::string>{"record" + c.extension}) << "render left a file behind";
}

const BadInput kCases[] = {
    {"syntax_error", "kind: PROTOKOLL", "kind PROTOKOLL", {"3:8: |Expected \":\""}},
    {"unknown_fields",
     "kind: PROTOKOLL",
     "kind: PROTOKOLL colour: \"red\"\n  venue: \"Nyköping\"",
     {"3:25: |no field named \"colour\"", "4:8: |no field named \"venue\""}},
    {"missing_date", "  date: \"2026-03-04\"\n", "", {"2:1: |missing date"}},
    {"missing_kind", "  kind: PROTOKOLL\n", "", {"2:1: |missing kind"}},
    {"missing_body", "  body: \"styrelsen\"\n", "", {"2:1: |missing body"}},
    {"unknown_body", "body: \"styrelsen\"", "body: \"fullmaktige\"", {"4:3: |unknown body 'fullmaktige'"}},
    {"impossible_date", "2026-03-04", "2026-02-30", {"5:3: |impossible date '2026-02-30'"}},
    {"impossible_time", "\"08:00\"", "\"25:00\"", {"6:3: |impossible time '25:00'"}},
    {"end_before_start", "\"10:00\"", "\"07:30\"", {"7:3: |ends (07:30) before it starts (08:00)"}},
    {"item_number_repeats", "items { title: \"Beslut\"", "items { number: 18 title: \"Beslut\"",
     {"12:11: |item number § 18 repeats"}},
    {"item_number_goes_backwards", "items { title: \"Beslut\"", "items { number: 9 title: \"Beslut\"",
     {"12:11: |§ 9 goes backwards after the previous item's § 18"}},
    {"presence_for_missing_item", "name: \"Owe Ek\" } }", "name: \"Owe Ek\" } items { first: 19 last: 30 } }",
     {"10:39: |refers to item § 20, which the record does not have"}},
    {"guest_for_missing_item", "  items { number: 18", "  guests { person { name: \"Gäst\" } items { first: 25 } }\n  items { number: 18",
     {"11:37: |'Gäst' refers to item § 25"}},
    {"guest_without_items", "  items { number: 18", "  guests { person { name: \"Gäst\" } }\n  items { number: 18",
     {"11:3: |guest 'Gäst' is not tied to any item"}},
    {"adjuster_not_present", "adjusters { name: \"Owe Ek\" }", "adjusters { name: \"Anna Andersson\" }",
     {"13:34: |adjuster 'Anna Andersson' is not among those present"}},
    {"chair_not_present", "chair: \"Helena Koch\"", "chair: \"Karl Karlsson\"", {"13:13: |chair 'Karl Karlsson'"}},
    {"empty_item_title", "title: \"Beslut\"", "title: \"  \"", {"12:11: |empty item title"}},
    {"missing_item_title", "title: \"Beslut\" ", "", {"12:3: |the item has no title"}},
    {"invalid_utf8", "Öppnat.", "\xC3\x28ppnat.", {"11:70: |invalid UTF-8"}},
    {"undefined_footnote", "Öppnat.", "Öppnat[^x].", {"11:49: |footnote [^x] is not defined"}},
    {"unknown_attachment", "paragraph: \"Öppnat.\"", "attachment { attachment: \"bilaga-9\" }",
     {"11:49: |refers to attachment 'bilaga-9'"}},
    {"several_problems_at_once", "  date: \"2026-03-04\"\n  start_time: \"08:00\"",
     "  date: \"2026-13-04\"\n  start_time: \"8:0\"",
     {"5:3: |impossible date", "6:3: |impossible time '8:0'"}},
    {"link_scheme_not_allowed", "Öppnat.", "Se [här](javascript:alert(1)).",
     {"11:49: |link to 'javascript:alert(1)' is not allowed"}},
    {"footnote_in_a_footnote", "paragraph: \"Öppnat.\" }",
     "paragraph: \"Öppnat[^a].\" } footnotes { id: \"a\" text: \"Se[^a].\" }",
     {"11:86: |a footnote cannot refer to another footnote"}},
    {"footnote_only_in_code_is_unused", "paragraph: \"Öppnat.\" }",
     "paragraph: \"Koden `[^a]`.\" } footnotes { id: \"a\" text: \"A.\" }",
     {"11:87: |footnote 'a' is never referenced"}},
    {"control_character", "Öppnat.", "Öpp\\001nat.", {"11:58: |control character U+0001 in text"}},
    {"invalid_utf8_escape", "Öppnat.", "\\377ppnat.", {"11:58: |invalid UTF-8 in text"}},
    {"item_number_out_of_range", "number: 18", "number: 4294967295",
     {"11:11: |item number 4294967295 is out of range"}},
    {"no_record", "", "organisation { name: \"Förbundet\" }\n", {" |holds no record"}},
    {"json_syntax_error", "", "{\n \"meeting_record\": {\n  \"kind\": \"PROTOKOLL\" x } }", {"3:23: |Expected , or }"}, ".json"},
    {"json_unknown_field", "", "{ \"meeting_record\": { \"colour\": \"red\" } }", {" |(meeting_record) colour: Cannot find field"}, ".json"},
    {"binary_garbage", "", "\xff\xff\xff\xff not protobuf", {" |not a binary kansli.model.Document"}, ".binpb"},
};

INSTANTIATE_TEST_SUITE_P(Validation, BadInputTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

// Validation problems in JSON input name the line and column of the field,
// as they do for text format (the scanner in core/src/json_position.cc).
TEST(Validation, JsonProblemsNameTheFieldsLineAndColumn) {
  kansli::model::Document document;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kValid, &document));
  document.mutable_meeting_record()->mutable_closing()->mutable_adjusters(0)->set_name("Anna Andersson");
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(document, &json, options).ok());
  // The problem is the adjuster: the place is the start of that element.
  const size_t list = json.find("\"adjusters\": [");
  ASSERT_NE(list, std::string::npos) << json;
  const size_t at = json.find('{', list);
  const auto line = 1 + std::count(json.begin(), json.begin() + static_cast<long>(at), '\n');
  const auto column = at - (json.rfind('\n', at) + 1) + 1;

  ScratchDir dir("json-place");
  write_file(dir / "record.json", json);
  const auto validate = run_kansli("validate " + quote((dir / "record.json").string()));
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_EQ(validate.err.rfind(fmt::format("{}:{}:{}: ", (dir / "record.json").string(), line, column), 0), 0u)
      << validate.err;
  EXPECT_NE(validate.err.find("adjuster 'Anna Andersson' is not among those present"), std::string::npos);
}

// The presentation choices of issue 15: each bad use is reported at its field.
const BadInput kPresentationCases[] = {
    {"attendance_group_without_heading", "  present { person { name: \"Owe Ek\" } }\n",
     "  present { person { name: \"Owe Ek\" } }\n  attendance_groups { people { person { name: \"Anna Ek\" } } }\n",
     {"11:3: |an attendance group without a heading"}},
    {"attendance_group_without_people", "  present { person { name: \"Owe Ek\" } }\n",
     "  present { person { name: \"Owe Ek\" } }\n  attendance_groups { heading: \"Närvarande ersättare\" }\n",
     {"11:3: |an attendance group without people"}},
    {"blank_present_heading", "kind: PROTOKOLL", "kind: PROTOKOLL present_heading: \" \"",
     {"3:19: |blank present_heading"}},
    {"blank_attendee_line", "name: \"Owe Ek\" } }", "name: \"Owe Ek\" } line: \"  \" }",
     {"10:39: |blank attendee line"}},
    {"unknown_attendee_line", "kind: PROTOKOLL", "kind: PROTOKOLL attendee_line: 7",
     {"3:19: |unknown attendee_line value 7"}},
    {"secretary_after_attendance_but_present", "secretary: \"Nils Perers\"",
     "secretary: \"Owe Ek\" secretary_placement: AFTER_ATTENDANCE",
     {"8:23: |secretary 'Owe Ek' is among those present"}},
    {"secretary_after_attendance_without_secretary", "secretary: \"Nils Perers\"",
     "secretary_placement: AFTER_ATTENDANCE", {"8:3: |AFTER_ATTENDANCE without a secretary"}},
    {"footnote_mark_in_title_undefined", "title: \"Beslut\"", "title: \"Beslut[^x]\"",
     {"12:11: |footnote [^x] is not defined"}},
    {"footnote_numbers_partly_given", "paragraph: \"Öppnat.\" }",
     "paragraph: \"Öppnat[^a][^b].\" } footnotes { id: \"a\" text: \"A.\" number: 3 } "
     "footnotes { id: \"b\" text: \"B.\" }",
     {"11:133: |footnote 'b' has no number"}},
    {"footnote_number_repeated", "paragraph: \"Öppnat.\" }",
     "paragraph: \"Öppnat[^a][^b].\" } footnotes { id: \"a\" text: \"A.\" number: 3 } "
     "footnotes { id: \"b\" text: \"B.\" number: 3 }",
     {"11:164: |footnote number 3 is also given to footnote 'a'"}},
    {"reference_to_attachment_named_inline", "paragraph: \"Öppnat.\" }",
     "attachment { attachment: \"bilaga\" } } }\n  attachments { id: \"bilaga\" named_inline: true",
     {"11:49: |which is named_inline"}},
};

INSTANTIATE_TEST_SUITE_P(PresentationChoices, BadInputTest, ::testing::ValuesIn(kPresentationCases),
                         [](const auto& info) { return info.param.name; });

TEST(Validation, UnknownInputExtensionIsRejected) {
  ScratchDir dir("bad-extension");
  write_file(dir / "record.docx", kValid);
  const auto result = run_kansli("validate " + quote((dir / "record.docx").string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("unknown input format"), std::string::npos) << result.err;
}

TEST(Validation, MissingFileIsReported) {
  ScratchDir dir("missing-file");
  const auto result = run_kansli("render " + quote((dir / "nothing.txtpb").string()) + " -f json");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("nothing.txtpb: cannot read file"), std::string::npos) << result.err;
  EXPECT_TRUE(dir.files().empty());
}

TEST(Validation, ADirectoryIsNotADocument) {
  ScratchDir dir("directory-input");
  std::filesystem::create_directory(dir / "record.txtpb");
  const auto result = run_kansli("render " + quote((dir / "record.txtpb").string()) + " -f json");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("record.txtpb: is a directory"), std::string::npos) << result.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"record.txtpb"});
}

TEST(Validation, TheValidBaseAndEveryExampleAreAccepted) {
  ScratchDir dir("valid-base");
  write_file(dir / "record.txtpb", kValid);
  auto result = run_kansli("validate " + quote((dir / "record.txtpb").string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const auto& example : kansli::test::example_files()) {
    result = run_kansli("validate " + quote(example.string()));
    EXPECT_EQ(result.exit_code, 0) << example << "\n" << result.err;
  }
}

}  // namespace
