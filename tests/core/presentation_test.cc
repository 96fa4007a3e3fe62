// The presentation choices of a meeting record (issue 15), each seen where a
// reader sees it: the text of the PDF (pdftotext), the text of the DOCX
// (python-docx), and where cheap the IR (JSON). Every choice's default is
// the output kansli gave before the choice existed (the first test).
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "test_support.hpp"

namespace kansli::test {
namespace {

// A protokoll; `{choices}` takes the choices of a case (record-level
// fields), `{items}` items of a case.
const std::string kRecord = R"(organisation {
  name: "Samordningsförbundet Sörmland"
  bodies { id: "styrelsen" name: "Styrelsen" kind: STYRELSE }
}
meeting_record {
  kind: PROTOKOLL
  body: "styrelsen"
  date: "2026-03-04"
  start_time: "08:00"
  secretary: "Nils Perers"
  {choices}
  present { person { name: "Helena Koch" role: "Ordförande" organisation: "Region Sörmland" } }
  present { person { name: "Dag Bergentoft" role: "KSO" organisation: "Oxelösunds kommun" } }
  present {
    person { name: "Mats Johansson" role: "Ersättare" organisation: "Flens kommun" }
    substitute_for: "KSO Linda Lundin"
  }
  present {
    person { name: "Mimi Magnusson" role: "Enhetschef" organisation: "Försäkringskassan" }
    {line}
  }
  invited { sentence: "Styrelsens ledamöter och ersättare." }
  items { number: 7 title: "Mötets öppnande" blocks { paragraph: "Ordförande öppnade mötet." } }
  {items}
  items { title: "Beslut om dagordning" blocks { decision { text: "Dagordningen godkändes." } } }
  closing { chair: "Helena Koch" adjusters { name: "Dag Bergentoft" } }
}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// No-break spaces as spaces, every run of white space one space.
std::string squeezed(const std::string& text) {
  std::string spaced = std::regex_replace(text, std::regex("\u00a0|\u202f"), " ");
  return std::regex_replace(spaced, std::regex("[ \t\r\n\f]+"), " ");
}

// One record rendered to PDF, DOCX and the IR.
struct Rendered {
  std::string pdf, docx, ir, docx_xml;
};

Rendered render_case(const std::string& name, const std::string& choices, const std::string& items = {},
                     const std::string& line = {}) {
  ScratchDir dir("presentation-" + name);
  const auto input = dir / "record.txtpb";
  write_file(input,
             replace(replace(replace(kRecord, "{choices}", choices), "{items}", items), "{line}", line));
  Rendered r;
  for (const char* format : {"pdf", "docx"}) {
    const auto result = run_kansli("render " + quote(input.string()) + " -o " +
                                   quote((dir / (std::string("record.") + format)).string()));
    EXPECT_EQ(result.exit_code, 0) << result.err;
  }
  r.pdf = squeezed(run("pdftotext -layout " + quote((dir / "record.pdf").string()) + " -").out);
  // Every paragraph of the body in document order (table cells included),
  // without hidden text (the column names of an attendance table).
  const std::string script = R"(import sys, docx
from docx.oxml.ns import qn
def shown(t):
    rpr = t.getparent().find(qn("w:rPr"))
    return rpr is None or rpr.find(qn("w:vanish")) is None
d = docx.Document(sys.argv[1])
print("\n".join("".join(t.text or "" for t in p.iter(qn("w:t")) if shown(t)) for p in d.element.body.iter(qn("w:p"))))
)";
  write_file(dir / "text.py", script);
  r.docx = squeezed(run("/usr/bin/python3 " + quote((dir / "text.py").string()) + " " +
                        quote((dir / "record.docx").string()))
                        .out);
  r.docx_xml = run("unzip -p " + quote((dir / "record.docx").string()) + " word/document.xml").out;
  r.ir = run_kansli("render " + quote(input.string()) + " -f json -O content=ir -o -").out;
  return r;
}

// `first` stands before `second` in `text`.
::testing::AssertionResult before(const std::string& text, const std::string& first,
                                  const std::string& second) {
  const size_t a = text.find(first), b = text.find(second);
  if (a == std::string::npos)
    return ::testing::AssertionFailure() << "'" << first << "' missing in: " << text;
  if (b == std::string::npos)
    return ::testing::AssertionFailure() << "'" << second << "' missing in: " << text;
  if (a < b) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << first << "' after '" << second << "' in: " << text;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(PresentationChoices, DefaultsPrintWhatKansliAlwaysPrinted) {
  const auto r =
      render_case("defaults", "", R"(items { title: "Bilagan" blocks { attachment { attachment: "a" } } }
  attachments { id: "a" title: "Verksamhetsplan" })");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_TRUE(before(*text, "Närvarande", "Inbjudna"));
    EXPECT_TRUE(has(*text, "Datum 2026-03-04"));
    EXPECT_TRUE(has(*text, "Sekreterare Nils Perers"));
    EXPECT_TRUE(has(*text, "Helena Koch Ordförande, Region Sörmland"));
    EXPECT_TRUE(has(*text, "Ersättare, Flens kommun, ersättare för KSO Linda Lundin"));
    EXPECT_TRUE(has(*text, "Enhetschef, Försäkringskassan"));
    EXPECT_TRUE(has(*text, "Bilagor Bilaga 1 Verksamhetsplan"));
    EXPECT_TRUE(before(*text, "Mötets öppnande", "Vid protokollet"));
  }
}

TEST(PresentationChoices, InvitedFirstPrintsTheInvitedBeforeThosePresent) {
  const auto r = render_case("invited-first", "attendance_order: INVITED_FIRST");
  EXPECT_TRUE(before(r.pdf, "Inbjudna", "Närvarande"));
  EXPECT_TRUE(before(r.docx, "Inbjudna", "Närvarande"));
}

TEST(PresentationChoices, AttendanceHeadingsAndGroupsAreTheAuthors) {
  const auto r = render_case("groups", R"(present_heading: "Närvarande ledamöter"
  attendance_groups {
    heading: "Närvarande ersättare"
    people { person { name: "Mikael Edlund" role: "Ersättare" organisation: "Eskilstuna kommun" } }
  })");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_TRUE(before(*text, "Närvarande ledamöter Helena Koch", "Mimi Magnusson"));
    EXPECT_TRUE(before(*text, "Mimi Magnusson", "Närvarande ersättare"));
    EXPECT_TRUE(before(*text, "Närvarande ersättare", "Mikael Edlund Ersättare, Eskilstuna kommun"));
  }
}

TEST(PresentationChoices, DateWrittenOutWithoutWeekday) {
  const auto r = render_case("date", "date_style: WRITTEN_OUT_WITHOUT_WEEKDAY");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_TRUE(has(*text, "Datum 4 mars 2026")) << *text;
    EXPECT_FALSE(has(*text, "onsdagen"));
  }
  // The no-break spaces of a written-out date are in the IR.
  EXPECT_TRUE(has(r.ir, "4\u00a0mars\u00a02026"));
}

TEST(PresentationChoices, OrganisationFirstLowersTheRoleButNotAnAbbreviation) {
  const auto r = render_case("organisation-first", "attendee_line: ORGANISATION_FIRST");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_TRUE(has(*text, "Helena Koch Region Sörmland, ordförande"));
    EXPECT_TRUE(has(*text, "Dag Bergentoft Oxelösunds kommun, KSO"));
  }
}

TEST(PresentationChoices, OrganisationAndSubstituteInParentheses) {
  const auto r = render_case("parentheses",
                             "attendee_line: ORGANISATION_IN_PARENTHESES\n"
                             "  substitute_in_parentheses: true");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_TRUE(has(*text, "Helena Koch Ordförande (Region Sörmland)"));
    EXPECT_TRUE(has(*text, "Ersättare (Flens kommun) (ersättare för KSO Linda Lundin)"));
  }
}

TEST(PresentationChoices, AnAttendeeLineIsPrintedAsWritten) {
  const auto r = render_case("line", "", "", "line: \"Enhetschef Försäkringskassan\"");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_TRUE(has(*text, "Mimi Magnusson Enhetschef Försäkringskassan"));
    EXPECT_FALSE(has(*text, "Enhetschef, Försäkringskassan"));
  }
}

TEST(PresentationChoices, VidProtokolletAfterTheAttendanceWithTheSecretarysTitle) {
  const auto r = render_case("secretary",
                             "secretary_title: \"Förbundssekreterare\"\n"
                             "  secretary_placement: AFTER_ATTENDANCE");
  for (const auto* text : {&r.pdf, &r.docx}) {
    EXPECT_FALSE(has(*text, "Sekreterare Nils Perers"));
    EXPECT_TRUE(before(*text, "Inbjudna", "Vid protokollet Nils Perers Förbundssekreterare"));
    EXPECT_TRUE(before(*text, "Vid protokollet Nils Perers Förbundssekreterare", "Mötets öppnande"));
    // The signature at the end names the same title.
    const size_t last = text->rfind("Nils Perers");
    EXPECT_TRUE(has(text->substr(last), "Nils Perers Förbundssekreterare"));
  }
}

size_t occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

TEST(PresentationChoices, VidProtokolletAfterTheAttendanceStandsOnce) {
  // Real minutes that name the secretary "Vid protokollet" after the
  // attendance close with the secretary's name and title only; the words
  // do not come back over the signature. The default keeps them there.
  const auto after = render_case("secretary-once", "secretary_placement: AFTER_ATTENDANCE");
  const auto defaults = render_case("secretary-default", "");
  for (const auto* text : {&after.pdf, &after.docx}) {
    EXPECT_EQ(occurrences(*text, "Vid protokollet"), 1u) << *text;
    EXPECT_TRUE(before(*text, "Vid protokollet Nils Perers", "Mötets öppnande"));
    const size_t last = text->rfind("Nils Perers");
    EXPECT_TRUE(has(text->substr(last), "Nils Perers Sekreterare")) << text->substr(last);
  }
  for (const auto* text : {&defaults.pdf, &defaults.docx})
    EXPECT_EQ(occurrences(*text, "Vid protokollet"), 1u) << *text;
  EXPECT_EQ(occurrences(after.ir, "\"Vid protokollet\""), 1u);
  EXPECT_TRUE(has(after.ir, "\"sekreterare-nils-perers\"")) << after.ir;
}

TEST(PresentationChoices, FootnoteMarksInTitlesNumberedAsTheAuthorNumbersThem) {
  const auto r = render_case("footnotes", "", R"(items {
    title: "Budget[^b]"
    blocks { heading: "Underlag[^u]" }
    blocks { paragraph: "Budgeten godkändes." }
    footnotes { id: "b" number: 7 text: "Budgeten bereddes av arbetsutskottet." }
    footnotes { id: "u" number: 9 text: "Underlaget skickades med kallelsen." }
  })");
  // The IR: the marks are footnote spans of the headings, the notes 7 and 9.
  EXPECT_TRUE(std::regex_search(r.ir, std::regex(R"("text": "Budget"\s*\},\s*\{\s*"footnote": 7)"))) << r.ir;
  EXPECT_TRUE(std::regex_search(r.ir, std::regex(R"("text": "Underlag"\s*\},\s*\{\s*"footnote": 9)")));
  EXPECT_TRUE(std::regex_search(r.ir, std::regex(R"("number": 7,\s*"spans")")));
  // The PDF: the notes at the page foot with the author's numbers.
  EXPECT_TRUE(has(r.pdf, "7 Budgeten bereddes av arbetsutskottet."));
  EXPECT_TRUE(has(r.pdf, "9 Underlaget skickades med kallelsen."));
  // The DOCX: references in the headings, each followed by the author's
  // number as its mark (Word would number them 1 and 2 itself).
  EXPECT_TRUE(std::regex_search(
      r.docx_xml, std::regex(R"re(<w:pStyle w:val="Heading1"/>(?:(?!</w:p>).)*Budget(?:(?!</w:p>).)*)re"
                             R"re(<w:footnoteReference w:customMarkFollows="1" w:id="7"/><w:t>7</w:t>)re")));
  EXPECT_TRUE(std::regex_search(
      r.docx_xml, std::regex(R"re(<w:pStyle w:val="Heading2"/>(?:(?!</w:p>).)*Underlag(?:(?!</w:p>).)*)re"
                             R"re(<w:footnoteReference w:customMarkFollows="1" w:id="9"/><w:t>9</w:t>)re")));
}

TEST(PresentationChoices, AnAttachmentNamedInlineHasNoListOfAttachments) {
  const auto inline_only = render_case("attachment-inline", "", R"(items {
    title: "Planen"
    blocks { paragraph: "Planen bifogas." }
  }
  attachments { id: "plan" named_inline: true })");
  for (const auto* text : {&inline_only.pdf, &inline_only.docx}) {
    EXPECT_TRUE(has(*text, "Planen bifogas."));
    EXPECT_FALSE(has(*text, "Bilagor"));
    EXPECT_FALSE(has(*text, "Bilaga "));
  }
  // Beside a listed one: only that is listed, as Bilaga 1.
  const auto mixed = render_case("attachment-mixed", "", R"(items {
    title: "Planen"
    blocks { paragraph: "Planen bifogas." }
    blocks { attachment { attachment: "budget" } }
  }
  attachments { id: "plan" named_inline: true }
  attachments { id: "budget" title: "Budget 2027" })");
  for (const auto* text : {&mixed.pdf, &mixed.docx}) {
    EXPECT_TRUE(has(*text, "Bilaga 1: Budget 2027 (bifogas)"));
    EXPECT_TRUE(has(*text, "Bilagor Bilaga 1 Budget 2027"));
    EXPECT_FALSE(has(*text, "Bilaga 2"));
  }
}

}  // namespace
}  // namespace kansli::test
