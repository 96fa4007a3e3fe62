// HTML exporter: every example and a protokollsutdrag rendered to HTML and
// checked with real clients: axe-core (WCAG 2.0/2.1 A and AA) and the
// structure checks of check_html.mjs in Debian's Chromium, html-validate
// for the markup, Chromium's print to PDF (read back by pdftotext) for the
// print stylesheet; plus an IR built here with hostile text and every
// structure the exporter reads, and a broken page that the checkers must
// reject.
#include <fmt/core.h>
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>

#include <kansli/plugin_host.hpp>
#include <regex>

#include "test_support.hpp"

namespace kansli::test {
namespace {

namespace fs = std::filesystem;

fs::path test_dir() { return KANSLI_HTML_TEST_DIR; }

// Runs check_html.mjs (axe and structure) on `files`.
CommandResult check_in_chromium(const std::vector<fs::path>& files) {
  std::string command =
      fmt::format("KANSLI_NPM_DIR={} KANSLI_CHROMIUM={} {} {}", quote(KANSLI_NPM_DIR), quote(KANSLI_CHROMIUM),
                  quote(KANSLI_NODE), quote((test_dir() / "check_html.mjs").string()));
  for (const auto& file : files) command += " " + quote(file.string());
  return run(command + " 2>&1");
}

CommandResult html_validate(const std::vector<fs::path>& files) {
  std::string command = fmt::format(
      "{} {} --config {}", quote(KANSLI_NODE),
      quote((fs::path(KANSLI_NPM_DIR) / "node_modules/html-validate/bin/html-validate.mjs").string()),
      quote((test_dir() / "htmlvalidate.json").string()));
  for (const auto& file : files) command += " " + quote(file.string());
  return run(command + " 2>&1");
}

// One document: a name and the `kansli render` arguments that make it.
struct Input {
  std::string name, arguments;
};

std::vector<Input> inputs() {
  std::vector<Input> out;
  for (const auto& example : example_files())
    out.push_back({example.stem().string(), quote(example.string())});
  out.push_back({"protokollsutdrag-au-2026-03-04",
                 "--extract 21,22 " + quote((examples_dir() / "protokoll-au-2026-03-04.txtpb").string())});
  // The house style's logo, letterhead and colours (issue 15).
  out.push_back({"protokoll-au-2026-03-04-husstil",
                 "--style " + quote((examples_dir() / "husstil" / "sormland.txtpb").string()) + " " +
                     quote((examples_dir() / "protokoll-au-2026-03-04.txtpb").string())});
  // The logo at the right and wide print margins.
  out.push_back({"protokoll-au-2026-03-04-wordmall",
                 "--style " + quote((examples_dir() / "husstil" / "wordmall.txtpb").string()) + " " +
                     quote((examples_dir() / "protokoll-au-2026-03-04.txtpb").string())});
  // The other forms of one record (docs/meeting-life.md).
  const std::string life = quote((examples_dir() / "sammantrade-styrelsen-2026-05-20.txtpb").string());
  out.push_back({"kallelse-styrelsen-2026-05-20", "--form kallelse " + life});
  out.push_back({"anslagsbevis-styrelsen-2026-05-20", "--form anslagsbevis " + life});
  out.push_back({"offentlig-kallelse-styrelsen-2026-05-20", "--form kallelse --public " + life});
  out.push_back({"offentlig-atergivning-styrelsen-2026-05-20", "--public --reproduction " + life});
  return out;
}

fs::path render(const Input& input, const ScratchDir& dir) {
  const fs::path out = dir / (input.name + ".html");
  const auto result = run_kansli("render " + input.arguments + " -f html -o " + quote(out.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return out;
}

// The visible words of an HTML page's body and its human-readable
// attributes (title, aria-label), entities decoded. Tags become spaces.
std::vector<std::string> page_words(const std::string& html) {
  const size_t body = html.find("<body>");
  std::string text = html.substr(body == std::string::npos ? 0 : body);
  std::string attributes;
  static const std::regex readable(R"re((?:title|aria-label)="([^"]*)")re");
  for (std::sregex_iterator it(text.begin(), text.end(), readable), end; it != end; ++it)
    attributes += " " + (*it)[1].str();
  text = std::regex_replace(text, std::regex("<[^>]*>"), " ") + attributes;
  for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}})
    for (size_t at; (at = text.find(entity)) != std::string::npos;)
      text.replace(at, entity.size(), character);
  return words(text);
}

void PrintTo(const Input& input, std::ostream* out) { *out << input.name; }

class HtmlExample : public ::testing::TestWithParam<Input> {};

TEST_P(HtmlExample, AxeFindsNoWcag21AaViolationAndTheStructureHolds) {
  ScratchDir dir("html-axe-" + GetParam().name);
  const fs::path html = render(GetParam(), dir);
  const auto result = check_in_chromium({html});
  EXPECT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find(": ok (axe"), std::string::npos) << result.out;
}

// Every word the page shows (and every title and aria-label) is a word of
// the IR that compose made: the exporter adds none of its own.
TEST_P(HtmlExample, EveryShownWordComesFromTheIr) {
  ScratchDir dir("html-words-" + GetParam().name);
  const fs::path html = render(GetParam(), dir);
  const auto ir = run_kansli("render " + GetParam().arguments + " -f json -O content=ir -o -");
  ASSERT_EQ(ir.exit_code, 0) << ir.err;
  for (const auto& word : page_words(read_file(html))) {
    if (word == "\xe2\x86\xa9") continue;  // the back-link arrow while the IR has no label
    EXPECT_NE(ir.out.find(word), std::string::npos) << "'" << word << "' is not in the IR";
  }
}

std::string input_name(const ::testing::TestParamInfo<Input>& info) {
  std::string name = info.param.name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryExampleAndAnExtract, HtmlExample, ::testing::ValuesIn(inputs()), input_name);

TEST(HtmlValidate, EveryExampleAndTheExtractAreValid) {
  ScratchDir dir("html-validate");
  std::vector<fs::path> files;
  for (const auto& input : inputs()) files.push_back(render(input, dir));
  const auto result = html_validate(files);
  EXPECT_EQ(result.exit_code, 0) << result.out;
}

// The checks can fail: a page with an image without alt text, a skipped
// heading level and a table without headers is rejected by all of them.
TEST(HtmlCheckers, RejectABrokenPage) {
  ScratchDir dir("html-broken");
  const fs::path broken = dir / "broken.html";
  write_file(broken,
             "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta "
             "charset=\"utf-8\">\n<title>Trasig</title>\n</head>\n"
             "<body>\n<main>\n<h1>Rubrik</h1>\n<h3>Hoppar</h3>\n"
             "<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"></p>\n"
             "<table><tbody><tr><td>a</td></tr></tbody></table>\n</main>\n</body>\n</html>\n");
  const auto axe = check_in_chromium({broken});
  EXPECT_EQ(axe.exit_code, 1) << axe.out;
  EXPECT_NE(axe.out.find("axe image-alt"), std::string::npos) << axe.out;
  EXPECT_NE(axe.out.find("heading level skipped"), std::string::npos) << axe.out;
  EXPECT_NE(axe.out.find("a table without th"), std::string::npos) << axe.out;
  const auto validator = html_validate({broken});
  EXPECT_NE(validator.exit_code, 0) << validator.out;
  EXPECT_NE(validator.out.find("wcag/h37"), std::string::npos) << validator.out;
  EXPECT_NE(validator.out.find("heading-level"), std::string::npos) << validator.out;
}

TEST(HtmlDeterminism, SameInputGivesTheSameBytesAtAnotherTimeInAnotherZone) {
  ScratchDir dir("html-determinism");
  for (const auto& input : inputs()) {
    SCOPED_TRACE(input.name);
    const fs::path now = render(input, dir), later = dir / (input.name + "-later.html");
    const auto result =
        run("faketime '2031-07-01 12:34:56' env TZ=America/New_York LC_ALL=C.UTF-8 " + quote(KANSLI_CLI) +
            " render " + input.arguments + " -f html -o " + quote(later.string()));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(read_file(now) == read_file(later));
  }
}

// Printing (Chromium's print to PDF): the page header and the page label
// "Sida 1 av N" from the IR stand in the page margins.
TEST(HtmlPrint, PrintsThePageFurnitureAndPageNumbersFromTheIr) {
  ScratchDir dir("html-print");
  const Input input{"protokoll", quote((examples_dir() / "protokoll-au-2026-03-04.txtpb").string())};
  const fs::path html = render(input, dir), pdf = dir / "print.pdf";
  const auto print = run(fmt::format(
      "{} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir={} --no-pdf-header-footer --print-to-pdf={} "
      "{} 2>&1",
      quote(KANSLI_CHROMIUM), quote((dir / "profile").string()), quote(pdf.string()), quote(html.string())));
  ASSERT_TRUE(fs::exists(pdf)) << print.out;
  const auto pages = run("pdfinfo " + quote(pdf.string()) + " | awk '/^Pages:/ {print $2}'");
  const auto text = run("pdftotext " + quote(pdf.string()) + " -");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const std::string count = words(pages.out).at(0);
  EXPECT_GT(std::stoi(count), 1);
  EXPECT_NE(text.out.find("Sida 1 av " + count), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Sida " + count + " av " + count), std::string::npos);
  EXPECT_NE(text.out.find("Samordningsförbundet RAR i Sörmland"), std::string::npos);
}

TEST(HtmlBadInput, AnUnknownOptionFailsAndWritesNoFile) {
  ScratchDir dir("html-bad");
  const fs::path out = dir / "out.html";
  const auto result =
      run_kansli("render " + quote((examples_dir() / "protokoll-au-2026-03-04.txtpb").string()) +
                 " -f html -O style=fancy -o " + quote(out.string()));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("unknown option 'style'"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(out));
}

// ---- an IR built here ------------------------------------------------------

ir::Span* add_span(google::protobuf::RepeatedPtrField<ir::Span>* spans, std::string text) {
  auto* s = spans->Add();
  s->set_text(std::move(text));
  return s;
}

ir::Heading* add_heading(ir::Document& d, unsigned level, std::string number, std::string text,
                         std::string anchor) {
  auto* h = d.add_blocks()->mutable_heading();
  h->set_level(level);
  h->set_number(std::move(number));
  h->set_anchor(std::move(anchor));
  h->set_in_toc(!h->anchor().empty());
  add_span(h->mutable_spans(), std::move(text));
  return h;
}

// Hostile text and links, and every structure the exporter reads from the
// IR (labels, heading kinds, a run-in heading, nested groups, a hidden
// header row, row-header columns, two references to one footnote).
ir::Document every_structure_document() {
  ir::Document d;
  d.set_ir_version(1);
  auto* m = d.mutable_metadata();
  m->set_title("Protokoll <script>alert(1)</script> & \"citat\"");
  m->set_language("sv-SE");
  m->set_author("Förbundet \x01Prov\x7f");
  auto* f = d.mutable_furniture();
  f->set_header_left("Förbundet \"Prov\" </style><script>");
  f->set_header_right("Protokoll\\ 2026");
  f->set_footer_page_label("Sida {page} av {pages}");
  auto* labels = d.mutable_labels();
  labels->set_footnotes_title("Fotnoter");
  labels->set_footnote_back_link("Tillbaka till texten");
  labels->set_footnote_reference("Fotnot {number}");

  add_heading(d, 0, "", "Protokoll", "")->set_kind(ir::Heading::TITLE);
  d.add_blocks()->mutable_table_of_contents()->set_title("Innehåll");
  add_heading(d, 2, "", "Närvarande", "")->set_kind(ir::Heading::ATTENDANCE);
  {
    auto* t = d.add_blocks()->mutable_table();
    t->set_kind(ir::Table::ATTENDANCE);
    auto* header = t->add_rows();
    header->set_kind(ir::Row::HEADER);
    header->set_visually_hidden(true);
    add_span(header->add_cells()->mutable_spans(), "Namn");
    add_span(header->add_cells()->mutable_spans(), "Roll");
    auto* row = t->add_rows();
    add_span(row->add_cells()->mutable_spans(), "Helena <b>Koch</b>");
    add_span(row->add_cells()->mutable_spans(), "Ordförande");
  }
  add_heading(d, 1, "1.", "", "punkt-1")->set_run_in(true);
  {
    auto* p = d.add_blocks()->mutable_paragraph();
    add_span(p->mutable_spans(),
             "Styrtecken\x01\x02 och \xef\xbf\xbe icke-tecken; <img src=x onerror=alert(1)> ");
    add_span(p->mutable_spans(), "klicka")->set_link("javascript:alert(1)");
    add_span(p->mutable_spans(), " eller ");
    add_span(p->mutable_spans(), "läs")->set_link("https://example.se/a?b=1&c=\"2\"");
    add_span(p->mutable_spans(), " och ");
    add_span(p->mutable_spans(), "resultatet")->set_link("#resultat");
    p->add_spans()->set_footnote(1);
    add_span(p->mutable_spans(), " igen");
    p->add_spans()->set_footnote(1);
  }
  add_heading(d, 1, "2.", "Resultat", "resultat")->set_kind(ir::Heading::ITEM);
  {
    auto* t = d.add_blocks()->mutable_table();
    t->set_kind(ir::Table::FINANCIAL);
    t->set_caption("Belopp i tkr");
    for (int c = 0; c < 3; ++c) t->add_columns()->set_align(c == 0 ? ir::Column::LEFT : ir::Column::RIGHT);
    const auto row = [&](ir::Row::Kind kind, unsigned depth, std::vector<std::string> cells) {
      auto* r = t->add_rows();
      r->set_kind(kind);
      r->set_group_depth(depth);
      for (auto& text : cells) {
        auto* c = r->add_cells();
        if (kind == ir::Row::GROUP) c->set_column_span(3);
        add_span(c->mutable_spans(), text);
      }
    };
    row(ir::Row::HEADER, 0, {"Post", "2025", "2024"});
    row(ir::Row::GROUP, 1, {"Tillgångar"});
    row(ir::Row::GROUP, 2, {"Omsättningstillgångar"});
    row(ir::Row::BODY, 2, {"Kassa", "1", "2"});
    row(ir::Row::SUBTOTAL, 1, {"Summa tillgångar", "1", "2"});
  }
  add_heading(d, 1, "", "Detta är ett elektroniskt undertecknat dokument", "")
      ->set_kind(ir::Heading::SIGNATURE_RECORD);
  add_heading(d, 2, "", "Underskrift 1", "");
  {
    auto* t = d.add_blocks()->mutable_table();
    t->set_kind(ir::Table::FIELDS);
    auto* r = t->add_rows();
    add_span(r->add_cells()->mutable_spans(), "Namn");
    add_span(r->add_cells()->mutable_spans(), "Helena Koch");
  }
  auto* signatures = d.add_blocks()->mutable_signatures();
  signatures->set_label("Justeras");
  auto* s = signatures->add_signatories();
  s->set_name("Helena Koch");
  s->set_role("Ordförande");
  s->set_field_name("justering-1-helena-koch");
  auto* note = d.add_footnotes();
  note->set_number(1);
  add_span(note->mutable_spans(), "En fotnot.");
  return d;
}

RenderResult render_ir(const ir::Document& document) {
  PluginHost host;
  host.load_file(fs::path(KANSLI_BUILD_PLUGIN_DIR) / "kansli-exporter-html.so");
  const Plugin* plugin = host.find("html");
  if (!plugin) return {false, {}, "html plugin not found"};
  return PluginHost::render(*plugin, document.SerializeAsString(), "");
}

TEST(HtmlFromIr, EscapesEverythingAndDropsLinksThatWouldRunCode) {
  const auto result = render_ir(every_structure_document());
  ASSERT_TRUE(result.ok) << result.error;
  const std::string& html = result.bytes;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(html.find("</style><"), std::string::npos);
  EXPECT_NE(html.find("<title>Protokoll &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"citat\"</title>"),
            std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.se/a?b=1&amp;c=&quot;2&quot;\""), std::string::npos);
  EXPECT_NE(html.find("@top-left { content: \"Förbundet \\\"Prov\\\" \\3c /style>\\3c script>\""),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Styrtecken och  icke-tecken; &lt;img src=x onerror=alert(1)&gt; "), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"author\" content=\"Förbundet Prov\">"), std::string::npos);

  ScratchDir dir("html-from-ir");
  write_file(dir / "every.html", html);
  const auto axe = check_in_chromium({dir / "every.html"});
  EXPECT_EQ(axe.exit_code, 0) << axe.out;
  const auto validator = html_validate({dir / "every.html"});
  EXPECT_EQ(validator.exit_code, 0) << validator.out;
}

TEST(HtmlFromIr, MapsHeadingsLabelsGroupsAndTheSignatureRecordToStructure) {
  const auto result = render_ir(every_structure_document());
  ASSERT_TRUE(result.ok) << result.error;
  const std::string& html = result.bytes;
  // Headings: the title is the one h1; a level-2 heading right after it is
  // an h2, the TOC title too; level-1 items are h2, their level 2 an h3.
  EXPECT_NE(html.find("<h1 id=\"h-1\">Protokoll</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<h2 id=\"toc-1\">Innehåll</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"h-2\">Närvarande</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"punkt-1\" class=\"run-in\"><span class=\"heading-number\">1.</span></h2>"),
            std::string::npos);
  EXPECT_NE(html.find("<h3 id=\"h-4\">Underskrift 1</h3>"), std::string::npos);
  // The TOC lists the anchored headings.
  EXPECT_NE(html.find("<li><a href=\"#resultat\"><span class=\"heading-number\">2.</span> Resultat</a>"),
            std::string::npos);
  // Labels: the footnotes heading, the back link, the reference's name.
  EXPECT_NE(html.find("aria-labelledby=\"footnotes-1\">\n<h2 id=\"footnotes-1\">Fotnoter</h2>"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"#fnref-1\" role=\"doc-backlink\">Tillbaka till texten</a>"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"fnref-1\" role=\"doc-noteref\" aria-label=\"Fotnot 1\">1</a>"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"fnref-1-2\""), std::string::npos);  // the second reference
  // An internal link says where it goes.
  EXPECT_NE(html.find("<a href=\"#resultat\" title=\"2. Resultat\">resultatet</a>"), std::string::npos);
  // A hidden header row: th, visually hidden.
  EXPECT_NE(html.find("<th scope=\"col\" class=\"visually-hidden\">Namn</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Helena &lt;b&gt;Koch&lt;/b&gt;</th>"), std::string::npos);
  // Nested groups: the body cell names its column, both groups and its row.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      html, m, std::regex("<td class=\"num\" headers=\"(th-\\d+) (th-\\d+) (th-\\d+) (th-\\d+)\">1</td>")))
      << html;
  EXPECT_NE(html.find("<th id=\"" + m[2].str() + "\" scope=\"rowgroup\" colspan=\"3\">Tillgångar</th>"),
            std::string::npos);
  EXPECT_NE(html.find("<th id=\"" + m[3].str() + "\" scope=\"rowgroup\" colspan=\"3\" headers=\"" +
                      m[2].str() + "\">Omsättningstillgångar</th>"),
            std::string::npos);
  // A row header names its column's header and its groups.
  const std::string first_column = "th-1";
  EXPECT_NE(html.find("<th id=\"" + m[4].str() + "\" scope=\"row\" headers=\"" + first_column + " " +
                      m[2].str() + " " + m[3].str() + "\">Kassa</th>"),
            std::string::npos);
  // The subtotal (depth 1) has left the inner group.
  EXPECT_NE(
      html.find("scope=\"row\" headers=\"" + first_column + " " + m[2].str() + "\">Summa tillgångar</th>"),
      std::string::npos);
  // The signature record is a labelled section; the signers a list.
  EXPECT_NE(html.find("<section class=\"signature-record\" aria-labelledby=\"h-3\">\n<h2 id=\"h-3\">"),
            std::string::npos);
  EXPECT_NE(html.find("<li class=\"signatory\" data-signature-field=\"justering-1-helena-koch\"><div "
                      "class=\"signature-line\"></div><p class=\"signatory-name\">Helena Koch</p><p "
                      "class=\"signatory-role\">Ordförande</p></li>"),
            std::string::npos);
}

TEST(HtmlFromIr, WithoutLabelsTheStructureStaysAndNoWordIsMadeUp) {
  auto document = every_structure_document();
  document.clear_labels();
  const auto result = render_ir(document);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.bytes.find("Fotnoter"), std::string::npos);
  EXPECT_EQ(result.bytes.find("aria-label=\""), std::string::npos);
  EXPECT_NE(result.bytes.find("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>"),
            std::string::npos);
}

TEST(HtmlFromIr, AReferenceToAMissingFootnoteIsAClearError) {
  auto document = every_structure_document();
  document.clear_footnotes();
  const auto result = render_ir(document);
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("footnote 1, which the document does not define"), std::string::npos)
      << result.error;
}

}  // namespace
}  // namespace kansli::test
