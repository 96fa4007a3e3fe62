// A meeting's whole life from one record (docs/meeting-life.md): the copy
// for signing and the reproduction, the kallelse, the anslagsbevis and its
// appeal period, the public version (which must never hold marked text),
// and the bad input of each form.
#include "meeting_record/meeting_life.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <regex>

#include "test_support.hpp"

namespace {

using namespace kansli::test;

const std::filesystem::path kLife = examples_dir() / "sammantrade-styrelsen-2026-05-20.txtpb";

// The text marked confidential in kLife, each piece of it.
const std::vector<std::string> kMarked = {"Sara Lindqvist",
                                          "Deltagare i Sikta mot arbetslivet",
                                          "sjukskriven på heltid",
                                          "arbetsskada",
                                          "Kim Bergström",
                                          "skyddad identitet",
                                          "Katrineholm",
                                          "Förlängning av insats",
                                          "förlängning till och med december"};

std::string text_of(const google::protobuf::RepeatedPtrField<kansli::ir::Span>& spans) {
  std::string out;
  for (const auto& span : spans) out += span.text();
  return out;
}

// Every word the IR shows, blocks in order.
std::string ir_text(const kansli::ir::Document& ir) {
  std::string out;
  for (const auto& block : ir.blocks()) {
    if (block.has_heading()) out += block.heading().number() + " " + text_of(block.heading().spans()) + "\n";
    if (block.has_paragraph()) out += text_of(block.paragraph().spans()) + "\n";
    if (block.has_list())
      for (const auto& item : block.list().items()) out += text_of(item.spans()) + "\n";
    if (block.has_table())
      for (const auto& row : block.table().rows())
        for (const auto& cell : row.cells()) out += text_of(cell.spans()) + "\n";
    if (block.has_signatures())
      for (const auto& s : block.signatures().signatories()) out += s.name() + " " + s.role() + "\n";
  }
  return out;
}

kansli::ir::Document compose(const std::filesystem::path& example, const kansli::ComposeOptions& options) {
  auto loaded = kansli::load_document_file(example);
  EXPECT_TRUE(loaded);
  auto ir = kansli::compose(loaded->document, options);
  EXPECT_TRUE(ir) << (ir.problems.empty() ? "" : ir.problems.front().message);
  return ir.value;
}

bool has_signature_record(const kansli::ir::Document& ir) {
  for (const auto& block : ir.blocks())
    if (block.has_heading() && block.heading().kind() == kansli::ir::Heading::SIGNATURE_RECORD) return true;
  return false;
}

std::vector<std::filesystem::path> protokoll_examples() {
  std::vector<std::filesystem::path> out;
  for (const auto& example : example_files())
    if (read_file(example).find("kind: PROTOKOLL") != std::string::npos) out.push_back(example);
  return out;
}

// Swedish typography turns spaces after "§" and inside dates into no-break
// spaces; compare with plain spaces.
std::string plain_spaces(std::string text) {
  for (const char* nbsp : {"\u00A0", "\u202F"})
    for (size_t pos; (pos = text.find(nbsp)) != std::string::npos;)
      text.replace(pos, std::string(nbsp).size(), " ");
  return text;
}

// XML or HTML without its tags: text split between elements joined.
std::string without_tags(const std::string& markup) {
  std::string out;
  bool in_tag = false;
  for (char c : markup) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out += c;
  }
  return out;
}

// Every run of white space as one space: text a layout broke across lines
// is found too.
std::string collapse_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (!space)
      out += c;
    else if (out.empty() || out.back() != ' ')
      out += ' ';
  }
  return out;
}

TEST(SigningCopy, NoProtokollExampleHasTheRecordPageByDefault) {
  const auto examples = protokoll_examples();
  ASSERT_GE(examples.size(), 2u);
  for (const auto& example : examples) {
    SCOPED_TRACE(example.filename().string());
    const auto copy = compose(example, {});
    EXPECT_FALSE(has_signature_record(copy));
    const std::string text = ir_text(copy);
    EXPECT_EQ(text.find("Transaktions-ID"), std::string::npos);
    EXPECT_EQ(text.find("BankID"), std::string::npos);
    EXPECT_EQ(text.find("elektroniskt undertecknat"), std::string::npos);
  }
}

TEST(SigningCopy, TheReproductionHasTheRecordPageAndSaysItIsAReproduction) {
  kansli::ComposeOptions options;
  options.reproduction = true;
  for (const auto& example : protokoll_examples()) {
    if (read_file(example).find("electronic_signatures") == std::string::npos) continue;
    SCOPED_TRACE(example.filename().string());
    const auto ir = compose(example, options);
    EXPECT_TRUE(has_signature_record(ir));
    const std::string text = ir_text(ir);
    EXPECT_NE(text.find("Återgivning av ett elektroniskt undertecknat dokument"), std::string::npos) << text;
    EXPECT_NE(
        text.find("Detta är en återgivning av det elektroniskt undertecknade originalet, inte originalet."),
        std::string::npos);
    EXPECT_NE(text.find("Underskrifterna valideras i det undertecknade originalet"), std::string::npos);
    EXPECT_NE(text.find("Transaktions-ID"), std::string::npos);
  }
}

TEST(SigningCopy, ReproductionFromTheCliInPdf) {
  ScratchDir dir("life-reproduction");
  const auto pdf = dir / "r.pdf";
  auto r = run_kansli("render --reproduction " + quote(kLife.string()) + " -o " + quote(pdf.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto text = run("pdftotext " + quote(pdf.string()) + " -");
  EXPECT_NE(text.out.find("Återgivning av ett elektroniskt undertecknat dokument"), std::string::npos);
  EXPECT_NE(text.out.find("b7e5d3c1a9f84e2d8c6b4a2f0e1d3c5b"), std::string::npos);
  r = run_kansli("render " + quote(kLife.string()) + " -o " + quote(pdf.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run("pdftotext " + quote(pdf.string()) + " -").out.find("b7e5d3c1a9f84e2d8c6b4a2f0e1d3c5b"),
            std::string::npos);
}

TEST(SigningCopy, AnExtractKeepsJusteratElektronisktUndertecknat) {
  kansli::ComposeOptions options;
  options.extract_items = {33};
  const std::string text = ir_text(compose(kLife, options));
  EXPECT_NE(text.find("2026-05-28, elektroniskt undertecknat"), std::string::npos) << text;
}

// The appeal period: three weeks from the announcement, the last day moved
// past Saturdays, Sundays, holidays and the eves lagen (1930:173) names.
TEST(AppealPeriod, ThreeWeeksAcrossMonthAndYearEndsAndHolidays) {
  struct Case {
    const char* announced;
    const char* last;
  };
  const Case cases[] = {
      {"2026-03-10", "2026-03-31"},  // the last day of a month
      {"2026-03-17", "2026-04-07"},  // across a month end
      {"2026-12-15", "2027-01-05"},  // across a year end
      {"2026-12-10", "2027-01-04"},  // nyårsafton, nyårsdagen, a weekend
      {"2026-12-03", "2026-12-28"},  // julafton, juldagen, annandag jul on a Saturday, a Sunday
      {"2026-05-29", "2026-06-22"},  // midsommarafton, midsommardagen, a Sunday
      {"2026-03-13", "2026-04-07"},  // långfredagen, the Easter weekend, annandag påsk
      {"2026-04-23", "2026-05-15"},  // Kristi himmelsfärdsdag
      {"2026-01-31", "2026-02-23"},  // a Saturday
      {"2028-02-08", "2028-02-29"},  // a leap day
      {"2027-12-16", "2028-01-07"},  // 6 January, trettondedag jul, across a year end
  };
  for (const auto& c : cases) {
    const auto announced = kansli::swedish::parse_date(c.announced);
    ASSERT_TRUE(announced);
    EXPECT_EQ(kansli::swedish::format_date_numeric(kansli::last_day_of_appeal(*announced)), c.last)
        << c.announced;
  }
}

TEST(Anslagsbevis, HoldsTheMeetingTheDatesThePlaceAndASignatureField) {
  kansli::ComposeOptions options;
  options.form = kansli::Form::anslagsbevis;
  const auto ir = compose(kLife, options);
  const std::string text = plain_spaces(ir_text(ir));
  EXPECT_EQ(missing_in_order(
                words("Anslagsbevis Organ Styrelsen Sammanträdesdatum 2026-05-20 Protokollet justerat "
                      "2026-05-28 Datum då anslaget sätts upp 2026-05-29 Sista dag för överklagande "
                      "2026-06-22 Datum då anslaget tas ned 2026-06-23 Förvaringsplats för protokollet "
                      "Samordningsförbundets kansli, Eskilstuna 13 kap. 5 § Nils Perers Sekreterare"),
                text),
            "");
  int fields = 0;
  for (const auto& block : ir.blocks())
    if (block.has_signatures())
      for (const auto& s : block.signatures().signatories()) {
        EXPECT_EQ(s.field_name(), "anslagsbevis-nils-perers");
        ++fields;
      }
  EXPECT_EQ(fields, 1);
  EXPECT_EQ(ir.metadata().document_kind(), "anslagsbevis");
}

TEST(Kallelse, HoldsTheMeetingWhoIsCalledAndTheItemsWithTheProtokollsNumbers) {
  kansli::ComposeOptions options;
  options.form = kansli::Form::kallelse;
  const auto ir = compose(kLife, options);
  const std::string text = plain_spaces(ir_text(ir));
  EXPECT_EQ(
      missing_in_order(words("Kallelse Datum 2026-05-20 Tid kl. 13.00–15.30 Plats Kommunhuset, Nyköping "
                             "Kallade ledamöter Helena Koch Linda Lundin Kallade ersättare Mats Johansson "
                             "ersättare för KSO Linda Lundin Förhinder anmäls Föredragningslista "
                             "§ 30 Mötets öppnande § 31 Val av justerare Beslutsärende Förslag till beslut: "
                             "§ 33 Ansökan om insatsen Region Sörmland söker medel Förslag till beslut: "
                             "Handlingar: Ansökan från Region Sörmland, 2026-02-12 § 36 Förbundschefen "
                             "informerar Informationsärende § 37 Mötets avslutande Helena Koch"),
                       text),
      "");
  // What only the meeting itself says is not in the kallelse.
  for (const char* absent : {"Beslut:", "Närvarande", "Justeras", "Förbundschefen redogjorde"})
    EXPECT_EQ(text.find(absent), std::string::npos) << absent;
  EXPECT_EQ(ir.metadata().document_kind(), "kallelse");
}

// The public version never holds marked text, in the model or the IR.
TEST(PublicVersion, RedactionLeavesNoMarkedTextInTheModel) {
  auto loaded = kansli::load_document_file(kLife);
  ASSERT_TRUE(loaded);
  // Text format with UTF-8 unescaped: the field names and the words.
  google::protobuf::TextFormat::Printer printer;
  printer.SetUseUtf8StringEscaping(true);
  std::string before, bytes;
  ASSERT_TRUE(printer.PrintToString(loaded->document, &before));
  for (const auto& marked : kMarked) EXPECT_NE(before.find(marked), std::string::npos) << marked;
  const auto redacted = kansli::redact(loaded->document);
  ASSERT_TRUE(printer.PrintToString(redacted, &bytes));
  for (const auto& marked : kMarked) EXPECT_EQ(bytes.find(marked), std::string::npos) << marked;
  EXPECT_EQ(bytes.find("confidential"), std::string::npos);
  EXPECT_NE(bytes.find("Ärendet omfattas av sekretess enligt 26 kap"), std::string::npos);
  EXPECT_NE(bytes.find("med stöd av 39 kap"), std::string::npos);
  EXPECT_NE(bytes.find("Namn utelämnat (privatperson, 21 kap. 7 § OSL)"), std::string::npos);
}

// Every output of every form in every format, decompressed, searched for
// every piece of marked text: none in the public version, each in the
// version for internal use (so the search can fail).
TEST(PublicVersion, NoOutputOfAnyFormatHoldsMarkedText) {
  ScratchDir dir("life-public");
  // The bytes an output holds, and its text, decompressed.
  auto readable = [&](const std::filesystem::path& file, const std::string& format) {
    std::string out;
    const std::string f = quote(file.string());
    if (format == "pdf") {
      const auto qdf = dir / "qdf.pdf";
      auto r = run("qpdf --qdf --object-streams=disable " + f + " " + quote(qdf.string()));
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;
      // qpdf's JSON decodes the strings (outline, metadata) the PDF holds
      // as hex UTF-16.
      out = read_file(qdf) + run("qpdf --json --json-key=qpdf " + f).out + run("pdftotext " + f + " -").out +
            run("pdftotext -raw " + f + " -").out;
    } else if (format == "docx") {
      auto r = run("unzip -p " + f);
      EXPECT_EQ(r.exit_code, 0) << r.err;
      // Text split between runs is joined by dropping the tags.
      out = r.out + without_tags(r.out);
    } else {
      out = read_file(file);
      if (format == "html") out += without_tags(out);
    }
    // Text a layout broke across lines is found too.
    return collapse_spaces(plain_spaces(out));
  };
  // UTF-16BE, as PDF text strings (outline, metadata) may hold it.
  auto utf16 = [](const std::string& text) {
    std::string out;
    for (unsigned char c : text)
      if (c < 0x80) out += std::string(1, '\0') + static_cast<char>(c);
    return out;
  };
  struct Variant {
    std::string format, options, extension;
  };
  const std::vector<Variant> variants = {{"pdf", "", "pdf"},
                                         {"docx", "", "docx"},
                                         {"html", "", "html"},
                                         {"json", "", "json"},
                                         {"json", "-O content=ir", "ir.json"}};
  for (const char* form : {"record", "kallelse", "anslagsbevis"})
    for (const auto& v : variants)
      for (const bool is_public : {false, true}) {
        SCOPED_TRACE(fmt::format("{} {} {}", form, v.extension, is_public ? "public" : "internal"));
        const auto out = dir / fmt::format("{}-{}.{}", form, is_public ? "public" : "internal", v.extension);
        auto r =
            run_kansli(fmt::format("render {} --form {} {} -f {} {} -o {}", quote(kLife.string()), form,
                                   is_public ? "--public" : "", v.format, v.options, quote(out.string())));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const std::string bytes = readable(out, v.format);
        if (is_public) {
          for (const auto& marked : kMarked) {
            EXPECT_EQ(bytes.find(marked), std::string::npos) << marked;
            EXPECT_EQ(bytes.find(utf16(marked)), std::string::npos) << marked;
          }
        } else if (std::string(form) == "record" || v.extension == "json") {
          // The record, and the source every JSON holds, show all of it.
          for (const auto& marked : kMarked) {
            EXPECT_NE(bytes.find(marked), std::string::npos) << marked;
          }
        } else if (std::string(form) == "kallelse") {
          EXPECT_NE(bytes.find("Förlängning av insats"), std::string::npos);
        }
        if (is_public && std::string(form) != "anslagsbevis" && v.extension != "json") {
          EXPECT_NE(bytes.find("26 kap. 1 § OSL"), std::string::npos) << "the withheld line names its ground";
        }
      }
}

// Bad input of each form: the place, a non-zero exit, nothing written.
struct BadForm {
  std::string name, form, record, expected;
};

void PrintTo(const BadForm& c, std::ostream* os) { *os << c.name; }

class BadFormTest : public ::testing::TestWithParam<BadForm> {};

const std::string kHead =
    R"(organisation { name: "Förbundet" bodies { id: "s" name: "Styrelsen" kind: STYRELSE } }
meeting_record {
  kind: PROTOKOLL
  body: "s"
  date: "2026-03-04"
  secretary: "Nils Perers"
  present { person { name: "Helena Koch" } }
)";

TEST_P(BadFormTest, IsReportedWithPlaceAndNothingIsWritten) {
  const auto& c = GetParam();
  ScratchDir dir("life-bad-" + c.name);
  const auto input = dir / "record.txtpb";
  write_file(input, kHead + c.record + "}\n");
  for (const char* format : {"pdf", "json"}) {
    const auto output = dir / (std::string("out.") + format);
    const auto r = run_kansli("render --form " + c.form + " " + quote(input.string()) + " -f " + format +
                              " -o " + quote(output.string()));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(std::regex_search(r.err, std::regex(c.expected))) << r.err;
    EXPECT_FALSE(std::filesystem::exists(output));
  }
  EXPECT_EQ(dir.files(), std::vector<std::string>{"record.txtpb"});
  const auto v = run_kansli("validate --form " + c.form + " " + quote(input.string()));
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(std::regex_search(v.err, std::regex(c.expected))) << v.err;
}

INSTANTIATE_TEST_SUITE_P(
    Life, BadFormTest,
    ::testing::Values(
        BadForm{
            "mark_without_ground", "record",
            "  items { number: 1 title: \"A\"\n    blocks { decision { text: \"B\" }\n      confidential { "
            "private_individual: true } }\n  }\n",
            R"(record\.txtpb:10:7: a confidential mark without a legal ground)"},
        BadForm{"person_mark_blank_ground", "kallelse",
                "  items { number: 1 title: \"A\" }\n  kallelse {\n    members { person { name: \"X\"\n"
                "      confidential { legal_ground: \" \" } } }\n  }\n",
                R"(record\.txtpb:11:7: a confidential mark without a legal ground)"},
        BadForm{"anslagsbevis_without_date", "anslagsbevis",
                "  items { number: 1 title: \"A\" blocks { decision { text: \"B\" } } }\n"
                "  anslagsbevis { kept_at: \"Kansliet\" certified_by { name: \"Nils Perers\" } }\n",
                R"(record\.txtpb:9:3: an anslagsbevis needs the date the justering was announced)"},
        BadForm{"anslagsbevis_impossible_date", "anslagsbevis",
                "  items { number: 1 title: \"A\" blocks { decision { text: \"B\" } } }\n"
                "  anslagsbevis { justering_announced: \"2026-02-30\" kept_at: \"K\" certified_by { name: "
                "\"N\" } "
                "}\n",
                R"(record\.txtpb:9:18: impossible date '2026-02-30')"},
        BadForm{
            "kallelse_items_without_titles", "kallelse",
            "  numbering: NUMBERED\n  items { number: 1 blocks { paragraph: \"Öppnat.\" } }\n"
            "  items { blocks { paragraph: \"Avslutat.\" } }\n  kallelse { members { person { name: \"X\" } "
            "} }\n",
            R"(record\.txtpb:9:3: an item of a kallelse needs a title(.|\n)*record\.txtpb:10:3: an item of a kallelse needs a title)"},
        BadForm{"protokoll_without_decision", "record", "  items { number: 1 title: \"A\" }\n",
                R"(record\.txtpb:2:1: a protokoll records at least one decision)"}));

TEST(Kallelse, ARecordBeforeItsMeetingNeedsNoDecision) {
  ScratchDir dir("life-kallelse-no-decision");
  const auto input = dir / "record.txtpb";
  write_file(input, kHead +
                        "  items { number: 1 title: \"A\" kind: INFORMATIONSARENDE }\n"
                        "  kallelse { members { person { name: \"Helena Koch\" } } }\n}\n");
  const auto r = run_kansli("render --form kallelse " + quote(input.string()) + " -f html -o -");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Informationsärende"), std::string::npos);
}

}  // namespace
