// DOCX exporter: every example (and the fixtures in tests/docx/fixtures, and
// an IR built here with every block kind) rendered to DOCX and checked with
// real tools: xmllint for every part, python-docx (inspect_docx.py) for the
// package, styles, tables and footnotes against the IR, LibreOffice for a
// conversion whose text must hold every word of the source in order.
#include <fmt/core.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>

#include <algorithm>
#include <cstdlib>
#include <kansli/plugin_host.hpp>
#include <map>
#include <regex>
#include <sstream>

#include "test_support.hpp"
#include "xml_writer.hpp"

namespace kansli::test {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter: python3-docx is installed for it, not for whatever
// python3 comes first on PATH.
constexpr const char* kPython = "/usr/bin/python3";

fs::path test_dir() { return KANSLI_DOCX_TEST_DIR; }
std::string inspector() { return quote(kPython) + " " + quote((test_dir() / "inspect_docx.py").string()); }

// The examples plus the fixtures of this directory.
std::vector<fs::path> inputs() {
  auto files = example_files();
  for (const auto& entry : fs::directory_iterator(test_dir() / "fixtures"))
    if (entry.path().extension() == ".txtpb") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// One document to check: the DOCX, the IR it came from (JSON) and its
// source (JSON, or empty when the IR was built directly).
struct Rendered {
  std::string name;
  fs::path input;  // the example or fixture; empty for the IR built here
  fs::path docx, ir_json, source_json;
  std::vector<std::string> words, footnote_words;
};

// An IR with every block kind, every table and row kind, column spans and
// alignment, footnotes (one inside another), links, code, a table of
// contents, a page break, and text with characters XML forbids.
ir::Document every_block_document() {
  ir::Document d;
  d.set_ir_version(1);
  auto* m = d.mutable_metadata();
  m->set_title("Årsredovisning 2025 <provdokument> & \"citat\"");
  m->set_subject("Test av alla block");
  m->set_author("Förbundet \x01Prov\x7f");
  m->set_language("sv-SE");
  m->set_created("2026-02-28T23:30:00-05:00");
  m->set_document_kind("arsredovisning");
  m->add_keywords("prov");
  auto* f = d.mutable_furniture();
  f->set_header_left("Förbundet Prov");
  f->set_header_right("Årsredovisning 2025");
  f->set_footer_page_label("Sida {page} av {pages}");
  const auto span = [](auto* spans, std::string text) {
    auto* s = spans->Add();
    s->set_text(std::move(text));
    return s;
  };
  const auto heading = [&](unsigned level, std::string number, std::string text, std::string anchor) {
    auto* h = d.add_blocks()->mutable_heading();
    h->set_level(level);
    h->set_number(std::move(number));
    h->set_anchor(anchor);
    h->set_in_toc(!anchor.empty());
    span(h->mutable_spans(), std::move(text));
  };
  heading(0, "", "Årsredovisning", "");
  d.add_blocks()->mutable_table_of_contents()->set_title("Innehåll");
  d.add_blocks()->mutable_page_break();
  heading(1, "1.", "Förvaltningsberättelse", "forvaltning");
  {
    auto* p = d.add_blocks()->mutable_paragraph();
    span(p->mutable_spans(), "Styrtecken\x01\x02\x1f försvinner, \xef\xbf\xbe också; <taggar> & \"citat\" ");
    span(p->mutable_spans(), "fetstil")->set_bold(true);
    span(p->mutable_spans(), " och ");
    span(p->mutable_spans(), "kursiv")->set_italic(true);
    span(p->mutable_spans(), " och ");
    span(p->mutable_spans(), "kod()")->set_code(true);
    p->add_spans()->set_footnote(1);
    p->add_spans()->set_line_break(true);
    span(p->mutable_spans(), "Ny rad med tabb\tefter och ")->set_link("https://example.se/a?b=1&c=2");
    span(p->mutable_spans(), "länk")->set_link("https://example.se/a?b=1&c=2");
    span(p->mutable_spans(), ", samt en intern ");
    span(p->mutable_spans(), "hänvisning")->set_link("#resultat");
    span(p->mutable_spans(), " och emoji 🙂 slut.");
  }
  for (auto style :
       {ir::Paragraph::SUBTITLE, ir::Paragraph::QUOTE, ir::Paragraph::DECISION, ir::Paragraph::NOTE}) {
    auto* p = d.add_blocks()->mutable_paragraph();
    p->set_style(style);
    span(p->mutable_spans(), fmt::format("Stycke i stil {}.", ir::Paragraph::Style_Name(style)));
  }
  heading(2, "", "Listor", "listor");
  {
    auto* list = d.add_blocks()->mutable_list();
    list->set_ordered(true);
    list->set_start(3);
    span(list->add_items()->mutable_spans(), "Tredje");
    span(list->add_items()->mutable_spans(), "Fjärde");
    auto* bullets = d.add_blocks()->mutable_list();
    span(bullets->add_items()->mutable_spans(), "Punkt");
    auto* again = d.add_blocks()->mutable_list();
    again->set_ordered(true);
    span(again->add_items()->mutable_spans(), "Ettan igen");
  }
  heading(3, "Not 4", "Mindre rubrik", "");
  heading(1, "2.", "Resultaträkning", "resultat");
  {
    auto* t = d.add_blocks()->mutable_table();
    t->set_kind(ir::Table::FINANCIAL);
    t->set_caption("Belopp i tkr");
    for (auto [weight, align] : {std::pair{5u, ir::Column::LEFT},
                                 {1u, ir::Column::CENTER},
                                 {2u, ir::Column::RIGHT},
                                 {2u, ir::Column::RIGHT}}) {
      auto* c = t->add_columns();
      c->set_weight(weight);
      c->set_align(align);
    }
    const auto row = [&](ir::Row::Kind kind, std::vector<std::pair<std::string, unsigned>> cells) {
      auto* r = t->add_rows();
      r->set_kind(kind);
      for (auto& [text, columns] : cells) {
        auto* c = r->add_cells();
        c->set_column_span(columns);
        if (!text.empty()) span(c->mutable_spans(), text);
      }
    };
    row(ir::Row::HEADER, {{"", 1}, {"Not", 1}, {"2025", 1}, {"2024", 1}});
    row(ir::Row::GROUP, {{"Rörelsens intäkter", 4}});
    row(ir::Row::BODY, {{"Medlemsavgifter", 1}, {"2", 1}, {"12 000", 1}, {"11 500", 1}});
    row(ir::Row::BODY, {{"Övriga intäkter", 1}, {"", 1}, {"300", 1}});
    row(ir::Row::SUBTOTAL, {{"Summa intäkter", 2}, {"12 300", 1}, {"11 500", 1}});
    row(ir::Row::TOTAL, {{"Årets resultat", 2},
                         {"2 136", 1},
                         {"\xe2\x88\x92"
                          "221",
                          1}});
    auto* data = d.add_blocks()->mutable_table();  // no columns declared
    auto* r = data->add_rows();
    r->set_kind(ir::Row::HEADER);
    span(r->add_cells()->mutable_spans(), "A");
    span(r->add_cells()->mutable_spans(), "B");
    span(data->add_rows()->add_cells()->mutable_spans(), "kort rad");
  }
  {
    auto* s = d.add_blocks()->mutable_signatures();
    s->set_label("Underskrifter");
    for (auto [name, role] :
         {std::pair{"Anna Andersson", "Ordförande"}, {"Bo Berg", "Ledamot"}, {"Cecilia Ceder", ""}}) {
      auto* who = s->add_signatories();
      who->set_name(name);
      who->set_role(role);
      who->set_field_name(std::string("underskrift-") + name);
    }
  }
  auto* note1 = d.add_footnotes();
  note1->set_number(1);
  span(note1->mutable_spans(), "Fotnot med ");
  span(note1->mutable_spans(), "länk")->set_link("https://example.se/not");
  auto* note2 = d.add_footnotes();
  note2->set_number(2);
  span(note2->mutable_spans(), "Andra fotnoten.");
  auto* last = d.add_blocks()->mutable_paragraph();
  span(last->mutable_spans(), "Slutord");
  last->add_spans()->set_footnote(2);
  span(last->mutable_spans(), " efter den andra fotnoten.");
  return d;
}

std::string to_json(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json, options).ok());
  return json;
}

// The words every rendering of an IR shows, in block order (footnotes apart).
void ir_words(const google::protobuf::RepeatedPtrField<ir::Span>& spans, std::vector<std::string>& out) {
  std::string text;
  for (const auto& span : spans) text += span.line_break() ? " " : span.text();
  for (auto& word : words(common::xml_safe(text))) out.push_back(word);
}

RenderResult render_ir(const ir::Document& document) {
  PluginHost host;
  host.load_file(fs::path(KANSLI_BUILD_PLUGIN_DIR) / "kansli-exporter-docx.so");
  const Plugin* plugin = host.find("docx");
  if (!plugin) return {false, {}, "docx plugin not found"};
  return PluginHost::render(*plugin, document.SerializeAsString(), "");
}

// Renders every input (and the IR document) into `dir`.
std::vector<Rendered> render_everything(const ScratchDir& dir) {
  std::vector<Rendered> out;
  for (const auto& input : inputs()) {
    Rendered r;
    r.name = input.stem().string();
    r.input = input;
    r.docx = dir / (r.name + ".docx");
    r.ir_json = dir / (r.name + ".ir.json");
    r.source_json = dir / (r.name + ".source.json");
    const std::string in = quote(input.string());
    auto result = run_kansli("render " + in + " -f docx -o " + quote(r.docx.string()));
    EXPECT_EQ(result.exit_code, 0) << input << ": " << result.err;
    EXPECT_EQ(run_kansli("render " + in + " -f json -O content=ir -o " + quote(r.ir_json.string())).exit_code,
              0);
    EXPECT_EQ(run_kansli("render " + in + " -f json -o " + quote(r.source_json.string())).exit_code, 0);
    r.words = source_words(input);
    r.footnote_words = kansli::test::footnote_words(input);
    out.push_back(std::move(r));
  }
  const auto document = every_block_document();
  Rendered r;
  r.name = "ir-every-block";
  r.docx = dir / "ir-every-block.docx";
  r.ir_json = dir / "ir-every-block.ir.json";
  const auto result = render_ir(document);
  EXPECT_TRUE(result.ok) << result.error;
  write_file(r.docx, result.bytes);
  write_file(r.ir_json, to_json(document));
  for (const auto& block : document.blocks()) {
    if (block.has_heading()) ir_words(block.heading().spans(), r.words);
    if (block.has_paragraph()) ir_words(block.paragraph().spans(), r.words);
    if (block.has_list())
      for (const auto& item : block.list().items()) ir_words(item.spans(), r.words);
    if (block.has_table())
      for (const auto& row : block.table().rows())
        for (const auto& cell : row.cells()) ir_words(cell.spans(), r.words);
    if (block.has_signatures())
      for (const auto& who : block.signatures().signatories()) {
        r.words.push_back(who.name().substr(0, who.name().find(' ')));
      }
  }
  for (const auto& note : document.footnotes()) ir_words(note.spans(), r.footnote_words);
  out.push_back(std::move(r));
  // KANSLI_DOCX_KEEP=DIR keeps a copy of every DOCX for a person to look at.
  if (const char* keep = std::getenv("KANSLI_DOCX_KEEP"))
    for (const auto& rendered : out)
      fs::copy_file(rendered.docx, fs::path(keep) / rendered.docx.filename(),
                    fs::copy_options::overwrite_existing);
  return out;
}

TEST(DocxPackage, EveryPartIsWellFormedAndContentTypesAndRelationshipsAreComplete) {
  ScratchDir dir("docx-package");
  for (const auto& r : render_everything(dir)) {
    SCOPED_TRACE(r.name);
    const fs::path unpacked = dir / (r.name + "-parts");
    ASSERT_EQ(run("unzip -q -o " + quote(r.docx.string()) + " -d " + quote(unpacked.string())).exit_code, 0);
    int parts = 0;
    for (const auto& entry : fs::recursive_directory_iterator(unpacked)) {
      if (!entry.is_regular_file()) continue;
      ++parts;
      const auto lint = run("xmllint --noout " + quote(entry.path().string()));
      EXPECT_EQ(lint.exit_code, 0) << entry.path() << ":\n" << lint.err;
    }
    EXPECT_GE(parts, 12);
    const auto check = run(inspector() + " package " + quote(r.docx.string()));
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
}

TEST(DocxPythonDocx, ReadsHeadingsTablesFootnotesListsAndPropertiesAsTheIrHasThem) {
  ScratchDir dir("docx-python");
  for (const auto& r : render_everything(dir)) {
    SCOPED_TRACE(r.name);
    const std::string source = r.source_json.empty() ? "-" : quote(r.source_json.string());
    const auto check = run(inspector() + " structure " + quote(r.docx.string()) + " " +
                           quote(r.ir_json.string()) + " " + source);
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
}

TEST(DocxDeterminism, SameInputGivesTheSameBytesInAnyTimeZone) {
  ScratchDir dir("docx-determinism");
  for (const auto& input : inputs()) {
    SCOPED_TRACE(input.filename().string());
    const fs::path a = dir / "a.docx", b = dir / "b.docx";
    ASSERT_EQ(
        run("TZ=UTC " + quote(KANSLI_CLI) + " render " + quote(input.string()) + " -o " + quote(a.string()))
            .exit_code,
        0);
    ASSERT_EQ(run("TZ=Pacific/Auckland " + quote(KANSLI_CLI) + " render " + quote(input.string()) + " -o " +
                  quote(b.string()))
                  .exit_code,
              0);
    const std::string first = read_file(a), second = read_file(b);
    ASSERT_FALSE(first.empty());
    EXPECT_TRUE(first == second) << "two renders differ";
  }
  const auto document = every_block_document();
  EXPECT_EQ(render_ir(document).bytes, render_ir(document).bytes);
}

TEST(DocxBadInput, FailsWithAMessageAndNonZeroExitAndWritesNoFile) {
  ScratchDir dir("docx-bad-input");
  const fs::path broken = dir / "broken.txtpb", invalid = dir / "invalid.txtpb", out = dir / "out.docx";
  write_file(broken, "meeting_record { kind: PROTOKOLL date: \"2026-03-04\"\n");  // unterminated
  write_file(invalid,
             "organisation { name: \"Förbundet\" }\nmeeting_record { kind: PROTOKOLL body: \"ingen\" }\n");
  const std::string example = quote(example_files().front().string());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"syntax error", "render " + quote(broken.string()) + " -f docx -o " + quote(out.string())},
      {"invalid record", "render " + quote(invalid.string()) + " -f docx -o " + quote(out.string())},
      {"missing input", "render " + quote((dir / "missing.txtpb").string()) + " -o " + quote(out.string())},
      {"unknown option", "render " + example + " -f docx -O paper=letter -o " + quote(out.string())},
  };
  for (const auto& [what, arguments] : cases) {
    SCOPED_TRACE(what);
    const auto result = run_kansli(arguments);
    EXPECT_NE(result.exit_code, 0);
    EXPECT_FALSE(result.err.empty());
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(dir.files(), (std::vector<std::string>{"broken.txtpb", "invalid.txtpb"}));
  }
  EXPECT_NE(run_kansli("render " + example + " -f docx -O paper=letter -o -").err.find("paper"),
            std::string::npos);
  // An IR whose text refers to a footnote it does not define.
  ir::Document dangling;
  dangling.add_blocks()->mutable_paragraph()->add_spans()->set_footnote(7);
  const auto result = render_ir(dangling);
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("footnote 7"), std::string::npos) << result.error;
}

// A line may break after a hyphen ("ESF-" / "medel."): join such lines.
std::string join_hyphenated_lines(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] != '-') continue;
    size_t next = i + 1;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next >= text.size() || text[next] != '\n') continue;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\n')) ++next;
    i = next - 1;
  }
  return out;
}

int page_count(const fs::path& pdf) {
  const auto info = run("pdfinfo " + quote(pdf.string()) + " | awk '/^Pages:/ {print $2}'");
  return std::atoi(info.out.c_str());
}

// LibreOffice takes seconds to start: every document is converted in one
// run. PDF and DOCX look alike (issue 15): every example makes as many pages
// through LibreOffice as kansli's own PDF.
TEST(DocxLibreOffice, ConvertsEveryDocumentShowingEveryWordInOrderAndThePageCountOfThePdf) {
  ScratchDir dir("docx-libreoffice");
  const auto rendered = render_everything(dir);
  std::string files;
  for (const auto& r : rendered) files += " " + quote(r.docx.string());
  const fs::path profile = dir / "profile";
  const auto convert = run("soffice -env:UserInstallation=file://" + profile.string() +
                           " --headless --convert-to pdf --outdir " + quote(dir.path().string()) + files);
  ASSERT_EQ(convert.exit_code, 0) << convert.out << convert.err;
  for (const auto& r : rendered) {
    SCOPED_TRACE(r.name);
    const fs::path pdf = dir / (r.name + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << convert.out << convert.err;
    const auto text = run("pdftotext -layout " + quote(pdf.string()) + " -");
    ASSERT_EQ(text.exit_code, 0) << text.err;
    ASSERT_FALSE(r.words.empty());
    const std::string shown = drop_marks(join_hyphenated_lines(text.out));
    EXPECT_EQ(missing_in_order(drop_marks(r.words), shown), "");
    EXPECT_EQ(missing_in_order(drop_marks(r.footnote_words), shown), "");
    // PAGE and NUMPAGES fields were computed: "Sida N av N" on the last page.
    const int pages = page_count(pdf);
    ASSERT_GT(pages, 0);
    EXPECT_NE(text.out.find(fmt::format("Sida {} av {}", pages, pages)), std::string::npos);
    EXPECT_NE(text.out.find(fmt::format("Sida 1 av {}", pages)), std::string::npos);
    const auto examples = example_files();
    if (std::find(examples.begin(), examples.end(), r.input) == examples.end()) continue;
    const fs::path own = dir / (r.name + ".kansli.pdf");
    const auto rendered_pdf =
        run_kansli("render " + quote(r.input.string()) + " -f pdf -o " + quote(own.string()));
    ASSERT_EQ(rendered_pdf.exit_code, 0) << rendered_pdf.err;
    EXPECT_EQ(pages, page_count(own)) << "pages through LibreOffice against kansli's PDF";
  }
}

// ---- layout rules (docs/layout-rules.md) -----------------------------------

// The IR of the layout-rule tests: text with no-break spaces, a paragraph
// before a signature block, a FIELDS table, a DATA table with a header, a
// DECIMAL column and a header word longer than its column.
ir::Document layout_rules_document() {
  ir::Document doc;
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(
      "Belopp 2\u202f136\u00a0tkr enligt \u00a7\u00a021.");
  add_numbered_table(doc, ir::Table::FIELDS, 3, "Etikett", "Fakta");
  auto* data = doc.add_blocks()->mutable_table();
  data->add_columns()->set_weight(12);
  auto* amount = data->add_columns();
  amount->set_weight(1);
  amount->set_align(ir::Column::DECIMAL);
  auto* header = data->add_rows();
  header->set_kind(ir::Row::HEADER);
  header->add_cells()->add_spans()->set_text("Insats");
  header->add_cells()->add_spans()->set_text("Avvikelsebelopp");
  for (const char* value : {"1234,5", "99,25", "7", "8,6\u00a0%"}) {
    auto* row = data->add_rows();
    row->add_cells()->add_spans()->set_text(fmt::format("Rad {}", value));
    row->add_cells()->add_spans()->set_text(value);
  }
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text("Sista stycket före underskrifterna.");
  auto* s = doc.add_blocks()->mutable_signatures();
  s->set_label("Justeras");
  s->add_signatories()->set_name("Helena Koch");
  return doc;
}

// The paragraphs (w:p) of document.xml, each as its XML.
std::vector<std::string> paragraphs_of(const std::string& xml) {
  std::vector<std::string> out;
  static const std::regex paragraph(R"(<w:p>.*?</w:p>)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), paragraph); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

std::string paragraph_with(const std::vector<std::string>& paragraphs, const std::string& text) {
  for (const auto& p : paragraphs)
    if (p.find(text) != std::string::npos) return p;
  return {};
}

TEST(DocxLayoutRules, DocumentXmlKeepsTheRules) {
  const auto result = render_ir(layout_rules_document());
  ASSERT_TRUE(result.ok) << result.error;
  ScratchDir dir("docx-layout-rules");
  write_file(dir / "rules.docx", result.bytes);
  const auto unzip = run("unzip -p " + quote((dir / "rules.docx").string()) + " word/document.xml");
  ASSERT_EQ(unzip.exit_code, 0) << unzip.err;
  const std::string& xml = unzip.out;
  const auto paragraphs = paragraphs_of(xml);
  // No-break spaces written as they are.
  EXPECT_NE(xml.find("2\u202f136\u00a0tkr enligt \u00a7\u00a021."), std::string::npos);
  // The paragraph before the signature block keeps with it.
  EXPECT_NE(paragraph_with(paragraphs, "Sista stycket").find("<w:keepNext/>"), std::string::npos);
  // A FIELDS table: every row but the last keeps with the next.
  EXPECT_NE(paragraph_with(paragraphs, "Etikett1").find("<w:keepNext/>"), std::string::npos);
  EXPECT_NE(paragraph_with(paragraphs, "Fakta2").find("<w:keepNext/>"), std::string::npos);
  EXPECT_EQ(paragraph_with(paragraphs, "Fakta3").find("<w:keepNext/>"), std::string::npos);
  // Header: repeated, never split, keeps with the first body row, which
  // keeps with the second.
  EXPECT_NE(xml.find("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"), std::string::npos);
  EXPECT_NE(paragraph_with(paragraphs, "Rad 1234,5").find("<w:keepNext/>"), std::string::npos);
  EXPECT_EQ(paragraph_with(paragraphs, "Rad 99,25").find("<w:keepNext/>"), std::string::npos);
  // DECIMAL: right-aligned; "1234,5" stands in from the right by what its
  // tail ",5" lacks of the widest tail (",6 %").
  EXPECT_NE(paragraph_with(paragraphs, ">99,25<").find("<w:jc w:val=\"right\"/>"), std::string::npos);
  EXPECT_NE(paragraph_with(paragraphs, ">1234,5<").find("<w:ind w:right=\""), std::string::npos);
  // The header word fits its column: "Avvikelsebelopp" (15 characters) gets
  // far more than the 1/13 of the text width its weight gives.
  std::smatch grid;
  ASSERT_TRUE(std::regex_search(
      xml, grid, std::regex(R"re(<w:gridCol w:w="(\d+)"/><w:gridCol w:w="(\d+)"/></w:tblGrid>)re")));
  EXPECT_GE(std::stoi(grid[2]), 15 * 120);
}

// The DOCX is set like the PDF (docx_style.hpp against pdf/page_style.hpp):
// Liberation Sans 10.5 pt with an exact line height of 1.36, the PDF's
// margins on A4.
TEST(DocxLayoutRules, TypeAndPageAreThePdfs) {
  const auto result = render_ir(layout_rules_document());
  ASSERT_TRUE(result.ok) << result.error;
  ScratchDir dir("docx-type-and-page");
  write_file(dir / "rules.docx", result.bytes);
  const auto styles = run("unzip -p " + quote((dir / "rules.docx").string()) + " word/styles.xml");
  const auto body = run("unzip -p " + quote((dir / "rules.docx").string()) + " word/document.xml");
  EXPECT_NE(styles.out.find(R"(<w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans")"),
            std::string::npos);
  EXPECT_NE(styles.out.find(R"(<w:sz w:val="21"/>)"), std::string::npos);
  // 10.5 pt x 1.36 = 14.28 pt = 286 twips.
  EXPECT_NE(styles.out.find(R"(w:line="286" w:lineRule="exact")"), std::string::npos);
  EXPECT_EQ(styles.out.find("Times New Roman"), std::string::npos);
  EXPECT_NE(body.out.find(R"(<w:pgMar w:top="1560" w:right="1140" w:bottom="1240" w:left="1420")"),
            std::string::npos);
  // python-docx reads the same typeface from the document defaults.
  const auto font = run(std::string(kPython) +
                        " -c 'import sys, docx; d = docx.Document(sys.argv[1]); "
                        "print(d.styles.element.find(\".//{*}rPrDefault//{*}rFonts\").get(\"{" +
                        "http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii\"))' " +
                        quote((dir / "rules.docx").string()));
  EXPECT_EQ(font.out, "Liberation Sans\n") << font.err;
}

// LibreOffice honours the rules: the decimal commas line up, the header word
// stands whole, and a signature block after a paragraph does not
// stand alone on its page.
TEST(DocxLayoutRules, LibreOfficeShowsThem) {
  ScratchDir dir("docx-layout-libreoffice");
  const auto result = render_ir(layout_rules_document());
  ASSERT_TRUE(result.ok) << result.error;
  write_file(dir / "rules.docx", result.bytes);
  // The signature block after filler lines meets the page end at each
  // position of its paragraph before.
  std::string files = quote((dir / "rules.docx").string());
  constexpr int kFirst = 36, kLast = 56;
  for (int filler = kFirst; filler <= kLast; ++filler) {
    ir::Document doc;
    auto* p = doc.add_blocks()->mutable_paragraph();
    for (int i = 0; i < filler; ++i) {
      p->add_spans()->set_text(fmt::format("Fyllnadsrad{}", i));
      p->add_spans()->set_line_break(true);
    }
    doc.add_blocks()->mutable_paragraph()->add_spans()->set_text("Sista stycket före underskrifterna.");
    auto* s = doc.add_blocks()->mutable_signatures();
    s->set_label("Justeras");
    for (const char* name : {"Helena Koch", "Owe Ek", "Nils Perers"}) s->add_signatories()->set_name(name);
    const auto rendered = render_ir(doc);
    ASSERT_TRUE(rendered.ok) << rendered.error;
    write_file(dir / fmt::format("sign{}.docx", filler), rendered.bytes);
    files += " " + quote((dir / fmt::format("sign{}.docx", filler)).string());
  }
  const auto convert =
      run("soffice -env:UserInstallation=file://" + (dir / "profile").string() +
          " --headless --convert-to pdf --outdir " + quote(dir.path().string()) + " " + files);
  ASSERT_EQ(convert.exit_code, 0) << convert.out << convert.err;

  const auto boxes = run("pdftotext -bbox " + quote((dir / "rules.pdf").string()) + " -");
  static const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>)re");
  std::map<std::string, std::pair<double, double>> box;
  for (auto it = std::sregex_iterator(boxes.out.begin(), boxes.out.end(), word); it != std::sregex_iterator();
       ++it)
    box[(*it)[3]] = {std::stod((*it)[1]), std::stod((*it)[2])};
  ASSERT_TRUE(box.count("Avvikelsebelopp")) << "the header word broke";
  ASSERT_TRUE(box.count("1234,5") && box.count("99,25") && box.count("7"));
  // "99,25" ends one digit right of "1234,5"; "7" ends where the comma is.
  const double digit = (box["1234,5"].second - box["1234,5"].first) / 5.5;
  EXPECT_NEAR(box["99,25"].second - box["1234,5"].second, digit, digit * 0.4);
  EXPECT_LT(box["7"].second, box["1234,5"].second - digit);

  int moved = 0;
  for (int filler = kFirst; filler <= kLast; ++filler) {
    SCOPED_TRACE(fmt::format("{} filler lines", filler));
    const auto text =
        run("pdftotext -layout " + quote((dir / fmt::format("sign{}.pdf", filler)).string()) + " -");
    std::vector<std::string> pages;
    std::istringstream in(text.out);
    for (std::string page; std::getline(in, page, '\f');) pages.push_back(page);
    for (size_t i = 0; i < pages.size(); ++i) {
      if (pages[i].find("Justeras") == std::string::npos) continue;
      EXPECT_NE(pages[i].find("Sista stycket"), std::string::npos) << "alone on page " << i + 1;
      if (i > 0 && pages[i].find("Fyllnadsrad0") == std::string::npos) ++moved;
    }
  }
  EXPECT_GT(moved, 2) << "the block never met a page end";
}

// A word of a megabyte without a space, in a paragraph and in a table cell,
// is written whole (the word processor breaks it; issue 12).
TEST(DocxLayoutRules, MegabyteWordIsWrittenWhole) {
  std::string word;
  for (int i = 0; word.size() < (1u << 20); ++i) word += std::to_string(1000000 + i);
  ir::Document doc;
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(word);
  auto* row = doc.add_blocks()->mutable_table()->add_rows();
  row->add_cells()->add_spans()->set_text("Etikett");
  row->add_cells()->add_spans()->set_text("x" + word + "y");
  const auto result = render_ir(doc);
  ASSERT_TRUE(result.ok) << result.error;
  ScratchDir dir("docx-long-word");
  write_file(dir / "w.docx", result.bytes);
  const auto unzip = run("unzip -p " + quote((dir / "w.docx").string()) + " word/document.xml");
  ASSERT_EQ(unzip.exit_code, 0) << unzip.err;
  EXPECT_NE(unzip.out.find(">" + word + "<"), std::string::npos);
  EXPECT_NE(unzip.out.find(">x" + word + "y<"), std::string::npos);
}

}  // namespace
}  // namespace kansli::test
