// The PDF exporter through the CLI and poppler/qpdf: every example renders
// with every source word in order, the output is deterministic and
// archival (embedded fonts, XMP, output intent, ID, no encryption), bad input
// fails cleanly, and extreme input (a § of fifty pages, a 200-character
// name, a table wider than the page) is laid out without loss.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>
#include <kansli/model.pb.h>

#include <cmath>
#include <kansli/plugin_host.hpp>
#include <map>
#include <regex>
#include <sstream>

#include "test_support.hpp"

namespace kansli::test {
namespace {

namespace fs = std::filesystem;

std::string pdftotext(const fs::path& pdf, const std::string& flags = "") {
  auto r = run("pdftotext " + flags + " " + quote(pdf.string()) + " -");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

int page_count(const fs::path& pdf) {
  auto r = run("pdfinfo " + quote(pdf.string()));
  std::smatch m;
  static const std::regex pages(R"(Pages:\s+(\d+))");
  return std::regex_search(r.out, m, pages) ? std::stoi(m[1]) : -1;
}

CommandResult render(const fs::path& input, const fs::path& output, const std::string& extra = "") {
  return run_kansli("render " + quote(input.string()) + " -f pdf -o " + quote(output.string()) + " " + extra);
}

fs::path render_ir(const ir::Document& doc, const ScratchDir& dir, const std::string& name);

// `text` with U+00A0 and U+202F written as ordinary spaces.
std::string spaces_as_spaces(std::string text) {
  for (const std::string nb : {"\u00a0", "\u202f"})
    for (size_t pos = 0; (pos = text.find(nb, pos)) != std::string::npos;) text.replace(pos, nb.size(), " ");
  return text;
}

TEST(PdfExporter, EveryExampleShowsEverySourceWordInOrder) {
  ScratchDir dir("pdf-words");
  ASSERT_FALSE(example_files().empty());
  for (const auto& example : example_files()) {
    SCOPED_TRACE(example.filename().string());
    const auto pdf = dir / (example.stem().string() + ".pdf");
    auto r = render(example, pdf);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Two real reading orders: the content-stream order (-raw) and the
    // physical layout (-layout, rows read left to right, top to bottom).
    // Not pdftotext's default mode: poppler (TextPage::coalesce) detects a
    // table only from 2x2 grids of blocks (a right neighbour, a block below
    // and one below-right, aligned), gives every grid block the whole
    // table's box, and by Breuel's rule 1 reads all grid blocks before any
    // other block inside that box. A GROUP row of a financial statement
    // ("Omsättningstillgångar") is a single block with no right neighbour,
    // and a label next to a note number has no grid partner when the next
    // row has none, so the default mode reads them after every figure of the
    // table. Only text in every column of every row would avoid that, which
    // a financial statement does not have.
    for (const std::string mode : {"-raw", "-layout"}) {
      SCOPED_TRACE("pdftotext " + mode);
      // Footnote marks dropped on both sides (test_support.hpp); a raised
      // mark ends pdftotext's line, so punctuation after it is joined back.
      const std::string text =
          std::regex_replace(drop_marks(pdftotext(pdf, mode)), std::regex(R"([ \n]+([.,;:!?)]))"), "$1");
      EXPECT_EQ(missing_in_order(drop_marks(source_words(example)), text), "");
      EXPECT_EQ(missing_in_order(drop_marks(footnote_words(example)), text), "");
    }
  }
}

TEST(PdfExporter, SameInputGivesSameBytes) {
  ScratchDir dir("pdf-determinism");
  for (const auto& example : example_files()) {
    SCOPED_TRACE(example.filename().string());
    ASSERT_EQ(render(example, dir / "a.pdf").exit_code, 0);
    ASSERT_EQ(render(example, dir / "b.pdf").exit_code, 0);
    const std::string a = read_file(dir / "a.pdf"), b = read_file(dir / "b.pdf");
    EXPECT_GT(a.size(), 1000u);
    EXPECT_TRUE(a == b) << "two renderings differ";
  }
}

TEST(PdfExporter, OutputIsArchivalAndReadyForSigning) {
  ScratchDir dir("pdf-archival");
  for (const auto& example : example_files()) {
    SCOPED_TRACE(example.filename().string());
    const auto pdf = dir / "x.pdf";
    ASSERT_EQ(render(example, pdf).exit_code, 0);
    auto check = run("qpdf --check " + quote(pdf.string()));
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos) << check.out;
    EXPECT_EQ(check.err, "") << "qpdf warnings";

    // Every font embedded (the "emb" column).
    auto fonts = run("pdffonts " + quote(pdf.string()));
    ASSERT_EQ(fonts.exit_code, 0);
    EXPECT_EQ(fonts.err, "") << "poppler complains about a font";
    size_t font_rows = 0;
    std::istringstream lines(fonts.out);
    std::string line;
    for (int n = 0; std::getline(lines, line); ++n) {
      if (n < 2 || line.empty()) continue;
      ++font_rows;
      std::istringstream cols(
          line.substr(line.find("Identity-H") == std::string::npos ? 0 : line.find("Identity-H")));
      std::string encoding, emb, sub, uni;
      cols >> encoding >> emb >> sub >> uni;
      EXPECT_EQ(emb, "yes") << line;
      EXPECT_EQ(uni, "yes") << line;
    }
    EXPECT_GT(font_rows, 0u);

    auto info = run("pdfinfo " + quote(pdf.string()));
    EXPECT_NE(info.out.find("Encrypted:       no"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("JavaScript:      no"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Metadata Stream: yes"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info.out;

    // The catalog and the other dictionaries lie in compressed object
    // streams (object_streams.hpp); qpdf writes them out plainly.
    const auto plain = dir / "plain.pdf";
    ASSERT_EQ(
        run("qpdf --object-streams=disable " + quote(pdf.string()) + " " + quote(plain.string())).exit_code,
        0);
    const std::string bytes = read_file(plain);
    EXPECT_EQ(bytes.find("/JavaScript"), std::string::npos);
    EXPECT_EQ(bytes.find("/Encrypt"), std::string::npos);
    EXPECT_NE(bytes.find("/OutputIntents"), std::string::npos);
    EXPECT_NE(bytes.find("/S /GTS_PDFA1"), std::string::npos);
    EXPECT_NE(bytes.find("/DestOutputProfile"), std::string::npos);
    EXPECT_TRUE(std::regex_search(bytes, std::regex(R"(/ID \[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>)")));
    EXPECT_NE(bytes.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
    EXPECT_NE(bytes.find("<pdfaid:conformance>A</pdfaid:conformance>"), std::string::npos);  // tagged
    // XMP matches the info dictionary: title, author, producer.
    for (const std::string key : {"Title", "Author", "Producer"}) {
      std::smatch m;
      ASSERT_TRUE(std::regex_search(info.out, m, std::regex(key + R"(:\s+(.+))"))) << key;
      const std::string value = m[1];
      const std::string xml_tag = key == "Title"    ? "dc:title"
                                  : key == "Author" ? "dc:creator"
                                                    : "pdf:Producer";
      const size_t at = bytes.find("<" + xml_tag + ">");
      ASSERT_NE(at, std::string::npos) << xml_tag;
      EXPECT_NE(bytes.substr(at, bytes.find("</" + xml_tag + ">") - at).find(value), std::string::npos)
          << key << " '" << value << "' differs in XMP";
    }
    // Validates as XML.
    const size_t begin = bytes.find("<x:xmpmeta"), end = bytes.find("</x:xmpmeta>");
    ASSERT_NE(begin, std::string::npos);
    write_file(dir / "xmp.xml", bytes.substr(begin, end + 12 - begin));
    EXPECT_EQ(run("xmllint --noout " + quote((dir / "xmp.xml").string())).exit_code, 0);
  }
}

// Tagging costs at most 15 % in bytes (issue 10): the tagged protokoll,
// written with object streams (object_streams.hpp), against the same file
// untagged as it was before tagging (-O tagged=no -O object-streams=no),
// and under 40 KB (LibreOffice's untagged PDF: about 45 KB).
TEST(PdfExporter, TaggedProtokollCostsAtMostFifteenPercentInBytes) {
  const auto example = examples_dir() / "protokoll-au-2026-03-04.txtpb";
  ASSERT_TRUE(fs::exists(example)) << example << " is missing (renamed?)";
  ScratchDir dir("pdf-size");
  ASSERT_EQ(render(example, dir / "tagged.pdf").exit_code, 0);
  ASSERT_EQ(render(example, dir / "untagged.pdf", "-O tagged=no -O object-streams=no").exit_code, 0);
  const auto tagged = fs::file_size(dir / "tagged.pdf"), untagged = fs::file_size(dir / "untagged.pdf");
  EXPECT_LE(tagged * 100, untagged * 115) << tagged << " bytes tagged, " << untagged << " untagged";
  EXPECT_LE(tagged, 40u * 1024);
  // The switch does what it says: no structure tree without tagging.
  EXPECT_EQ(run("pdfinfo " + quote((dir / "untagged.pdf").string())).out.find("Tagged:          yes"),
            std::string::npos);
}

// A header row meant only for assistive technology is not drawn, and a
// run-in heading starts its paragraph's first line (issue 10's IR fields).
TEST(PdfExporter, HiddenHeaderRowsAreNotDrawnAndRunInHeadingsStartTheirParagraph) {
  ScratchDir dir("pdf-hidden-run-in");
  const auto protokoll = dir / "p.pdf", notes = dir / "m.pdf";
  ASSERT_EQ(render(examples_dir() / "protokoll-au-2026-03-04.txtpb", protokoll).exit_code, 0);
  ASSERT_EQ(render(examples_dir() / "minnesanteckningar-medlemsmote-2026-03-26.txtpb", notes).exit_code, 0);
  EXPECT_EQ(pdftotext(protokoll, "-raw").find("Roll och organisation"), std::string::npos);
  const std::string text = pdftotext(notes, "-raw");
  EXPECT_NE(text.find("1. Ordförande Helena Koch"), std::string::npos) << text.substr(0, 1500);
  EXPECT_EQ(text.find("\n1.\n"), std::string::npos);
}

// ----------------------------------------------------------- bad input

void expect_clean_failure(const CommandResult& r, const fs::path& output, const std::string& message) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  EXPECT_FALSE(fs::exists(output)) << "a file was left behind";
  for (const auto& entry : fs::directory_iterator(output.parent_path()))
    if (entry.is_regular_file()) {
      EXPECT_EQ(entry.path().extension(), ".txtpb") << "left behind: " << entry.path();
    }
}

TEST(PdfExporter, MissingFontIsAClearError) {
  ScratchDir dir("pdf-missing-font");
  const auto pdf = dir / "x.pdf";
  auto r = render(example_files().front(), pdf, "-O font-dir=" + quote((dir / "no-fonts").string()));
  expect_clean_failure(r, pdf, "font not found or unreadable: " + (dir / "no-fonts").string());
}

TEST(PdfExporter, UnreadableFontIsAClearError) {
  ScratchDir dir("pdf-bad-font");
  fs::create_directories(dir / "fonts");
  write_file(dir / "fonts" / "LiberationSans-Regular.ttf", "this is not a font");
  const auto pdf = dir / "x.pdf";
  auto r = render(example_files().front(), pdf, "-O font-dir=" + quote((dir / "fonts").string()));
  expect_clean_failure(r, pdf, "not a TrueType font");
}

TEST(PdfExporter, MissingIccProfileIsAClearError) {
  ScratchDir dir("pdf-icc");
  const auto pdf = dir / "x.pdf";
  auto r = render(example_files().front(), pdf, "-O icc-profile=" + quote((dir / "none.icc").string()));
  expect_clean_failure(r, pdf, "ICC profile not found or unreadable: " + (dir / "none.icc").string());
}

TEST(PdfExporter, UnknownOptionIsAClearError) {
  ScratchDir dir("pdf-option");
  const auto pdf = dir / "x.pdf";
  expect_clean_failure(render(example_files().front(), pdf, "-O colour=red"), pdf, "unknown option 'colour'");
}

TEST(PdfExporter, UnwritableOutputIsAClearError) {
  ScratchDir dir("pdf-unwritable");
  const auto pdf = dir / "missing-dir" / "x.pdf";
  auto r = render(example_files().front(), pdf);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.err.empty());
  EXPECT_FALSE(fs::exists(pdf));
  EXPECT_TRUE(dir.files().empty());
}

// A copy of the first example with `from` replaced by `to`.
fs::path variant(const ScratchDir& dir, const std::string& name, const std::string& from,
                 const std::string& to) {
  std::string text = read_file(examples_dir() / "protokoll-au-2026-03-04.txtpb");
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  write_file(dir / name, text);
  return dir / name;
}

TEST(PdfExporter, CharacterTheFontLacksIsAClearError) {
  ScratchDir dir("pdf-glyph");
  ASSERT_TRUE(fs::exists(examples_dir() / "protokoll-au-2026-03-04.txtpb"))
      << "the base example is missing (renamed?)";
  const auto input = variant(dir, "glyph.txtpb", "Dagordningen godkändes.", "Dagordningen godkändes 漢.");
  const auto pdf = dir / "x.pdf";
  expect_clean_failure(render(input, pdf), pdf, "has no glyph for U+6F22");
}

// ----------------------------------------------------------- extremes

TEST(PdfExporter, ExtremeInputIsLaidOutWithoutLoss) {
  ScratchDir dir("pdf-extreme");
  ASSERT_TRUE(fs::exists(examples_dir() / "protokoll-au-2026-03-04.txtpb"))
      << "the base example is missing (renamed?)";
  // A § of about fifty pages, a table wider than the page, footnotes, a list.
  std::string long_item = "items {\n    title: \"Mycket lång paragraf\"\n";
  for (int i = 1; i <= 700; ++i)
    long_item += fmt::format(
        "    blocks {{ paragraph: \"Stycke {} i den långa paragrafen om samordning, där förbundets "
        "medlemmar redogör för insatser, deltagare och uppföljning av verksamheten under året.{}\" }}\n",
        i, i == 7 ? "[^1]" : "");
  long_item +=
      "    blocks { list { ordered: true entries: \"Första punkten\" entries: \"Andra punkten\" } }\n";
  long_item += "    blocks { table { ";
  for (int c = 1; c <= 14; ++c) long_item += fmt::format("header: \"Kolumnrubrik{}\" ", c);
  for (int r = 1; r <= 3; ++r) {
    long_item += "rows { ";
    for (int c = 1; c <= 14; ++c)
      long_item += fmt::format("cells: \"Värde{}x{}mycketlångtordutanmellanslag\" ", r, c);
    long_item += "} ";
  }
  long_item += "} }\n";
  long_item +=
      "    footnotes { id: \"1\" text: \"Fotnoten hör till stycke sju och står längst ned på samma sida.\" "
      "}\n";
  long_item += "  }\n  items {\n    title: \"Dagordningens godkännande\"";
  std::string name(200, 'x');
  name = "Karl-" + std::string(190, 'a') + " Ek";  // one 195-character word and a surname
  auto input =
      variant(dir, "extreme-1.txtpb", "items {\n    title: \"Dagordningens godkännande\"", long_item);
  std::string text = read_file(input);
  for (size_t pos = 0; (pos = text.find("Owe Ek", pos)) != std::string::npos; pos += name.size())
    text.replace(pos, 6, name);
  write_file(dir / "extreme.txtpb", text);
  input = dir / "extreme.txtpb";

  const auto pdf = dir / "x.pdf";
  auto r = render(input, pdf);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run("qpdf --check " + quote(pdf.string())).exit_code, 0);
  const int pages = page_count(pdf);
  EXPECT_GE(pages, 38);  // the copy for signing: no record page of signatures

  // Every word is there, in order. Words wider than their column are broken
  // across lines (never clipped), so compare without white space.
  const std::string all = pdftotext(pdf, "-raw");
  auto squeeze = [](const std::string& text) {
    std::string out;
    for (char c : text)
      if (c != '\n' && c != ' ' && c != '\f') out += c;
    return out;
  };
  const std::string joined = squeeze(all);
  std::vector<std::string> expected;
  for (const auto& w : source_words(input)) expected.push_back(squeeze(w));
  EXPECT_EQ(missing_in_order(expected, joined), "");
  EXPECT_NE(joined.find(name.substr(0, name.size() - 3)), std::string::npos)
      << "the long name lost characters";
  for (int c = 1; c <= 14; ++c)
    EXPECT_NE(joined.find(fmt::format("Värde3x{}mycketlångtordutanmellanslag", c)), std::string::npos) << c;

  // Nothing drawn outside the page: pdftotext -bbox gives every word's box.
  auto boxes = run("pdftotext -bbox " + quote(pdf.string()) + " -");
  static const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)")re");
  size_t n = 0;
  for (auto it = std::sregex_iterator(boxes.out.begin(), boxes.out.end(), word); it != std::sregex_iterator();
       ++it, ++n) {
    EXPECT_GE(std::stod((*it)[1]), 30.0);
    EXPECT_LE(std::stod((*it)[3]), 595.28 - 30.0) << (*it)[0];
    EXPECT_GE(std::stod((*it)[2]), 20.0);
    EXPECT_LE(std::stod((*it)[4]), 841.89 - 20.0);
  }
  EXPECT_GT(n, 15000u);

  // The footnote sits at the foot of the page that references it.
  std::vector<std::string> page_texts;
  std::istringstream split(all);
  for (std::string page; std::getline(split, page, '\f');) page_texts.push_back(page);
  bool seen = false;
  for (size_t p = 0; p < page_texts.size(); ++p) {
    const std::string& page = page_texts[p];
    if (page.find("Stycke 7 ") == std::string::npos) continue;
    seen = true;
    EXPECT_NE(page.find("Fotnoten hör till stycke sju"), std::string::npos) << "page " << p;
    EXPECT_GT(page.find("Fotnoten hör till stycke sju"), page.find("Stycke 8 "))
        << "footnote not at the foot";
  }
  EXPECT_TRUE(seen);
}

// ----------------------------------------------------------- every IR block

TEST(PdfExporter, RendersEveryBlockKindOfTheIr) {
  PluginHost host;
  host.load({KANSLI_BUILD_PLUGIN_DIR});
  const Plugin* plugin = host.find("pdf");
  ASSERT_NE(plugin, nullptr);
  ir::Document doc;
  doc.mutable_metadata()->set_title("Årsredovisning 2025");
  doc.mutable_metadata()->set_created("2026-03-26T09:00:00Z");
  doc.mutable_furniture()->set_header_left("Samordningsförbundet Sörmland");
  doc.mutable_furniture()->set_footer_page_label("Sida {page} av {pages}");
  auto heading = [&](uint32_t level, const std::string& number, const std::string& text,
                     const std::string& anchor) {
    auto* h = doc.add_blocks()->mutable_heading();
    h->set_level(level);
    h->set_number(number);
    h->add_spans()->set_text(text);
    h->set_anchor(anchor);
    h->set_in_toc(!anchor.empty());
  };
  heading(0, "", "Årsredovisning", "");
  doc.add_blocks()->mutable_table_of_contents()->set_title("Innehåll");
  doc.add_blocks()->mutable_page_break();
  heading(1, "1.", "Förvaltningsberättelse", "forvaltning");
  for (auto style : {ir::Paragraph::NORMAL, ir::Paragraph::SUBTITLE, ir::Paragraph::QUOTE,
                     ir::Paragraph::DECISION, ir::Paragraph::NOTE}) {
    auto* p = doc.add_blocks()->mutable_paragraph();
    p->set_style(style);
    p->add_spans()->set_text(fmt::format("Stil{} vanlig ", static_cast<int>(style)));
    auto* b = p->add_spans();
    b->set_text("fet ");
    b->set_bold(true);
    auto* i = p->add_spans();
    i->set_text("kursiv ");
    i->set_italic(true);
    auto* c = p->add_spans();
    c->set_text("kod_123 ");
    c->set_code(true);
    p->add_spans()->set_line_break(true);
    auto* l = p->add_spans();
    l->set_text("länktext");
    l->set_link("https://example.se/");
    p->add_spans()->set_footnote(1);
  }
  heading(2, "", "Underrubrik", "");
  heading(3, "", "Mindre rubrik", "");
  auto* list = doc.add_blocks()->mutable_list();
  list->set_ordered(true);
  list->set_start(3);
  list->add_items()->add_spans()->set_text("Tredje punkten");
  list->add_items()->add_spans()->set_text("Fjärde punkten");
  doc.add_blocks()->mutable_page_break();
  heading(1, "Not 2", "Resultaträkning", "not-2");
  auto* table = doc.add_blocks()->mutable_table();
  table->set_kind(ir::Table::FINANCIAL);
  table->set_caption("Resultaträkning (tkr)");
  for (auto [w, a] : {std::pair{4u, ir::Column::LEFT}, {1u, ir::Column::RIGHT}, {1u, ir::Column::RIGHT}}) {
    auto* col = table->add_columns();
    col->set_weight(w);
    col->set_align(a);
  }
  auto row = [&](ir::Row::Kind kind, std::vector<std::string> cells, uint32_t span = 0) {
    auto* r = table->add_rows();
    r->set_kind(kind);
    for (const auto& text : cells) {
      auto* c = r->add_cells();
      c->add_spans()->set_text(text);
      c->set_column_span(span);
    }
  };
  row(ir::Row::HEADER, {"Post", "2025", "2024"});
  row(ir::Row::GROUP, {"Intäkter"}, 3);
  row(ir::Row::BODY, {"Medlemsavgifter", "16 000", "16 000"});
  row(ir::Row::SUBTOTAL, {"Summa intäkter", "16 000", "16 000"});
  row(ir::Row::TOTAL, {"Årets resultat", "2 136", "221"});
  auto* sig = doc.add_blocks()->mutable_signatures();
  sig->set_label("Underskrifter");
  for (int i = 1; i <= 3; ++i) {
    auto* s = sig->add_signatories();
    s->set_name(fmt::format("Ledamot{}", i));
    s->set_role("Styrelseledamot");
    s->set_field_name(fmt::format("styrelse-{}", i));
  }
  auto* fn = doc.add_footnotes();
  fn->set_number(1);
  fn->add_spans()->set_text("Fotnotstext");

  model::Document source;
  auto result = PluginHost::render(*plugin, doc.SerializeAsString(), source.SerializeAsString());
  ASSERT_TRUE(result.ok) << result.error;
  ScratchDir dir("pdf-ir");
  write_file(dir / "ir.pdf", result.bytes);
  EXPECT_EQ(run("qpdf --check " + quote((dir / "ir.pdf").string())).exit_code, 0);
  // -raw: content-stream order, which the exporter controls (cell after cell).
  const std::string text = pdftotext(dir / "ir.pdf", "-raw");
  EXPECT_EQ(missing_in_order(words("Årsredovisning Innehåll 1. Förvaltningsberättelse Not 2 Resultaträkning "
                                   "Stil0 vanlig fet kursiv kod_123 länktext Stil4 Underrubrik Mindre rubrik "
                                   "3. Tredje 4. Fjärde Resultaträkning (tkr) Post 2025 2024 Intäkter "
                                   "Medlemsavgifter 16 000 Summa intäkter Årets resultat 2 136 221 "
                                   "Underskrifter Ledamot1 Ledamot2 Ledamot3 Sida 3 av 3"),
                             text),
            "");
  EXPECT_NE(text.find("Fotnotstext"), std::string::npos);
  // The table of contents gives the right page numbers (page 2 and 3).
  const std::string toc = pdftotext(dir / "ir.pdf", "-layout -f 1 -l 1");
  EXPECT_TRUE(std::regex_search(toc, std::regex(R"(Förvaltningsberättelse[ .]*2\b)"))) << toc;
  EXPECT_TRUE(std::regex_search(toc, std::regex(R"(Resultaträkning[ .]*3\b)"))) << toc;
  auto sigs = run("pdfsig " + quote((dir / "ir.pdf").string()));
  for (int i = 1; i <= 3; ++i)
    EXPECT_NE(sigs.out.find(fmt::format("Field Name: styrelse-{}", i)), std::string::npos);
}

// A heading never ends a page: on every page, the last body line (before
// the footer) is not a heading. Paragraph lengths vary so that headings fall
// at every position of a page.
TEST(PdfExporter, HeadingIsNeverLastOnAPage) {
  PluginHost host;
  host.load({KANSLI_BUILD_PLUGIN_DIR});
  const Plugin* plugin = host.find("pdf");
  ASSERT_NE(plugin, nullptr);
  ir::Document doc;
  doc.mutable_furniture()->set_footer_page_label("Sida {page} av {pages}");
  for (int k = 1; k <= 120; ++k) {
    auto* h = doc.add_blocks()->mutable_heading();
    h->set_level(1 + k % 2);
    h->set_number(fmt::format("§ {}", k));
    h->add_spans()->set_text(fmt::format("Rubrik{}", k));
    std::string text;
    for (int w = 0; w < 9 * (k % 6) + 3; ++w) text += fmt::format("ord{} ", w);
    doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(text);
  }
  model::Document source;
  auto result = PluginHost::render(*plugin, doc.SerializeAsString(), source.SerializeAsString());
  ASSERT_TRUE(result.ok) << result.error;
  ScratchDir dir("pdf-keep");
  write_file(dir / "keep.pdf", result.bytes);
  const std::string text = pdftotext(dir / "keep.pdf", "-raw");
  std::istringstream pages(text);
  int n = 0;
  for (std::string page; std::getline(pages, page, '\f');) {
    std::vector<std::string> lines;
    std::istringstream in(page);
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line.rfind("Sida ", 0) != 0) lines.push_back(line);
    if (lines.empty()) continue;
    ++n;
    EXPECT_EQ(lines.back().find("Rubrik"), std::string::npos)
        << "page " << n << " ends with " << lines.back();
  }
  EXPECT_GT(n, 5);
}

// "§\u00a01" (compose writes a no-break space after the sign) is one
// unbreakable word. A paragraph of 20 000 of them renders with every sign
// and number, and no line ends with the sign (docs/layout-rules.md).
TEST(PdfExporter, LongParagraphOfSectionSignsIsLaidOutInLinearTime) {
  PluginHost host;
  host.load({KANSLI_BUILD_PLUGIN_DIR});
  const Plugin* plugin = host.find("pdf");
  ASSERT_NE(plugin, nullptr);
  ir::Document doc;
  std::string text;
  constexpr int kCount = 20000;
  for (int i = 0; i < kCount; ++i) text += "\u00a7\u00a01 ";
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(text + "\u00a7\u00a7\u00a02\u20133 slut");
  model::Document source;
  auto result = PluginHost::render(*plugin, doc.SerializeAsString(), source.SerializeAsString());
  ASSERT_TRUE(result.ok) << result.error;
  ScratchDir dir("pdf-section-signs");
  write_file(dir / "x.pdf", result.bytes);
  const std::string all = spaces_as_spaces(pdftotext(dir / "x.pdf", "-raw"));
  size_t signs = 0;
  for (size_t pos = 0; (pos = all.find("\u00a7 1", pos)) != std::string::npos; pos += 3) ++signs;
  EXPECT_EQ(signs, static_cast<size_t>(kCount));
  EXPECT_NE(all.find("\u00a7\u00a7 2\u20133 slut"), std::string::npos);
  // The sign never ends a line.
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);)
    ASSERT_FALSE(line.ends_with("\u00a7") || line.ends_with("\u00a7 ") || line.ends_with("\u00a7\u00a0"))
        << line;
}

// The exporter copies the IR's text: a number grouped with U+202F and a
// unit after U+00A0 never split across lines, however narrow the column,
// and a footnote mark stays where the IR puts it (no punctuation moved).
TEST(PdfExporter, NoBreakSpacesAreNeverLineBreaks) {
  ir::Document doc;
  std::string text;
  for (int i = 0; i < 400; ++i) text += "belopp 2\u202f136\u00a0tkr och 23\u00a0% ";
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(text);
  auto* p = doc.add_blocks()->mutable_paragraph();
  p->add_spans()->set_text("beslutet");
  p->add_spans()->set_footnote(1);
  p->add_spans()->set_text(". Slut");
  auto* note = doc.add_footnotes();
  note->set_number(1);
  note->add_spans()->set_text("Noten.");
  ScratchDir dir("pdf-no-break");
  // pdftotext may give the no-break spaces as spaces; a line break it
  // gives as a line feed.
  const std::string all = spaces_as_spaces(pdftotext(render_ir(doc, dir, "nb.pdf"), "-raw"));
  size_t whole = 0;
  for (size_t pos = 0; (pos = all.find("2 136 tkr", pos)) != std::string::npos; ++pos) ++whole;
  EXPECT_EQ(whole, 400u);
  size_t percent = 0;
  for (size_t pos = 0; (pos = all.find("23 %", pos)) != std::string::npos; ++pos) ++percent;
  EXPECT_EQ(percent, 400u);
  EXPECT_TRUE(std::regex_search(all, std::regex("beslutet1\\s?\\. Slut")))
      << all.substr(all.find("beslutet"), 30);
}

// Text is drawn as literal strings of two-byte codes: every character whose
// code holds a byte that must be escaped there, a parenthesis, backslash,
// CR (č is U+010D) or LF (Ċ is U+010A), comes out as written, in body text
// and in a heading.
TEST(PdfExporter, CharactersWhoseCodesNeedEscapingAreShownAsWritten) {
  const std::string text = "(Mirkovi\u010d) a\\b \u010a\u015c\u0129 ))((\u010d\u010d";
  ir::Document doc;
  doc.add_blocks()->mutable_heading()->add_spans()->set_text("Rubrik " + text);
  doc.mutable_blocks(0)->mutable_heading()->set_level(1);
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(text);
  ScratchDir dir("pdf-escapes");
  const fs::path pdf = render_ir(doc, dir, "escapes.pdf");
  const std::string all = pdftotext(pdf, "-raw");
  EXPECT_NE(all.find("Rubrik " + text + "\n"), std::string::npos) << all;
  EXPECT_NE(all.find("\n" + text + "\n"), std::string::npos) << all;
  // poppler forgives an unescaped CR; qpdf (pikepdf) reads the strings as
  // the standard says. Codes of the BMP are their code points.
  const auto strict = run("/usr/bin/python3 -c " +
                          quote("import pikepdf, sys\n"
                                "pdf = pikepdf.open(sys.argv[1])\n"
                                "for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):\n"
                                "    if str(op) == 'Tj': print(bytes(operands[0]).decode('utf-16-be'))\n") +
                          " " + quote(pdf.string()));
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  EXPECT_EQ(strict.out, "Rubrik " + text + "\n" + text + "\n");
}

// A word of a megabyte without a space (in a paragraph, and of 100 000
// characters in a table cell) is broken at the line width in one pass over
// its characters and shows every character (issue 12: this was quadratic).
TEST(PdfExporter, MegabyteWordIsBrokenAtTheLineWidth) {
  ir::Document doc;
  std::string word;
  for (int i = 0; word.size() < (1u << 20); ++i) word += fmt::format("{:07}", i);
  doc.add_blocks()->mutable_paragraph()->add_spans()->set_text(word);
  auto* t = doc.add_blocks()->mutable_table();
  auto* row = t->add_rows();
  row->add_cells()->add_spans()->set_text("Etikett");
  row->add_cells()->add_spans()->set_text("x" + word.substr(0, 100000) + "y");
  ScratchDir dir("pdf-long-word");
  const fs::path pdf = render_ir(doc, dir, "w.pdf");
  // Reading a whole megabyte back takes pdftotext long: check the first
  // page, where the word starts, and the last, where the cell's word ends.
  auto page_text = [&](int page) {
    std::string joined;
    for (char c : pdftotext(pdf, fmt::format("-raw -f {0} -l {0}", page)))
      if (c != '\n' && c != ' ' && c != '\f') joined += c;
    return joined;
  };
  const int pages = page_count(pdf);
  EXPECT_GT(pages, 150);
  const std::string first = page_text(1);
  EXPECT_GT(first.size(), 3000u);
  EXPECT_EQ(first, word.substr(0, first.size())) << "the paragraph's word lost characters";
  const std::string last = page_text(pages);
  const std::string cell = "x" + word.substr(0, 100000) + "y";
  EXPECT_TRUE(last.ends_with("y"));
  EXPECT_EQ(last.substr(last.size() - 1000), cell.substr(cell.size() - 1000))
      << "the cell's word lost characters";
}

// A footnote referred to only from another footnote's text has no page to
// be printed on, nor has a reference to a footnote the IR lacks: both are a
// clear error instead of a mark that leads nowhere.
TEST(PdfExporter, FootnoteReferenceWithoutAPlaceIsAClearError) {
  PluginHost host;
  host.load({KANSLI_BUILD_PLUGIN_DIR});
  const Plugin* plugin = host.find("pdf");
  ASSERT_NE(plugin, nullptr);
  auto document = [](bool nested) {
    ir::Document doc;
    auto* p = doc.add_blocks()->mutable_paragraph();
    p->add_spans()->set_text("Brödtext med en not");
    p->add_spans()->set_footnote(1);
    auto* f1 = doc.add_footnotes();
    f1->set_number(1);
    f1->add_spans()->set_text("Första noten hänvisar vidare");
    if (nested) {
      f1->add_spans()->set_footnote(2);
      auto* f2 = doc.add_footnotes();
      f2->set_number(2);
      f2->add_spans()->set_text("Andra noten");
    } else {
      p->add_spans()->set_text(" och en till");
      p->add_spans()->set_footnote(7);
    }
    return doc;
  };
  model::Document source;
  auto nested = PluginHost::render(*plugin, document(true).SerializeAsString(), source.SerializeAsString());
  EXPECT_FALSE(nested.ok);
  EXPECT_NE(nested.error.find("footnote 1 refers to footnote 2"), std::string::npos) << nested.error;
  auto missing = PluginHost::render(*plugin, document(false).SerializeAsString(), source.SerializeAsString());
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.error.find("refers to footnote 7, which the document does not have"), std::string::npos)
      << missing.error;
}

// Renders an IR document with the plugin into `dir`/name.
fs::path render_ir(const ir::Document& doc, const ScratchDir& dir, const std::string& name) {
  PluginHost host;
  host.load({KANSLI_BUILD_PLUGIN_DIR});
  const Plugin* plugin = host.find("pdf");
  EXPECT_NE(plugin, nullptr);
  model::Document source;
  auto result = PluginHost::render(*plugin, doc.SerializeAsString(), source.SerializeAsString());
  EXPECT_TRUE(result.ok) << result.error;
  write_file(dir / name, result.bytes);
  return dir / name;
}

struct WordBox {
  double x_min, y_min, x_max;
  std::string text;
};

std::vector<WordBox> word_boxes(const fs::path& pdf, int page) {
  auto r = run(fmt::format("pdftotext -bbox -f {0} -l {0} {1} -", page, quote(pdf.string())));
  static const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>)re");
  std::vector<WordBox> out;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), word); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[4]});
  return out;
}

// The dot leaders of a table of contents line up from entry to entry: they
// end at one place and stand on one grid, whatever the entry's length and
// however many digits its page number has (entries on pages 2 to 13).
TEST(PdfExporter, TableOfContentsLeadersLineUp) {
  ir::Document doc;
  doc.add_blocks()->mutable_table_of_contents()->set_title("Innehåll");
  for (int k = 1; k <= 12; ++k) {
    doc.add_blocks()->mutable_page_break();
    auto* h = doc.add_blocks()->mutable_heading();
    h->set_level(1);
    h->add_spans()->set_text(
        fmt::format("Rubrik{} {}", k, std::string(static_cast<size_t>(k * 3 % 17 + 1), 'x')));
    h->set_anchor(fmt::format("r{}", k));
    h->set_in_toc(true);
  }
  ScratchDir dir("pdf-toc-leaders");
  const auto pdf = render_ir(doc, dir, "toc.pdf");
  std::map<double, std::vector<WordBox>> dots_by_line;
  for (const auto& w : word_boxes(pdf, 1))
    if (w.text == ".") dots_by_line[w.y_min].push_back(w);
  ASSERT_EQ(dots_by_line.size(), 12u);
  const std::vector<WordBox>* longest = nullptr;
  for (const auto& [y, dots] : dots_by_line)
    if (!longest || dots.size() > longest->size()) longest = &dots;
  ASSERT_GE(longest->size(), 10u);
  const double pitch =
      (longest->back().x_min - longest->front().x_min) / static_cast<double>(longest->size() - 1);
  // Within 0.3 pt (0.1 mm): PDF glyph widths are rounded to 1/1000 em.
  for (const auto& [y, dots] : dots_by_line) {
    SCOPED_TRACE(fmt::format("line at y {}", y));
    EXPECT_NEAR(dots.back().x_max, longest->back().x_max, 0.3) << "leaders end at different places";
    const double off = dots.front().x_min - longest->front().x_min;
    EXPECT_NEAR(off, std::round(off / pitch) * pitch, 0.3) << "leaders off the common grid";
  }
}

// In a financial statement, the amounts of a wrapped label stand on its
// last line.
TEST(PdfExporter, FinancialAmountsStandOnTheLastLineOfAWrappedLabel) {
  ir::Document doc;
  auto* t = doc.add_blocks()->mutable_table();
  t->set_kind(ir::Table::FINANCIAL);
  for (auto a : {ir::Column::LEFT, ir::Column::RIGHT, ir::Column::RIGHT}) {
    auto* c = t->add_columns();
    c->set_weight(a == ir::Column::LEFT ? 2 : 1);
    c->set_align(a);
  }
  auto* row = t->add_rows();
  for (const std::string text :
       {"Ökning eller minskning av kortfristiga fordringar och andra rörelsekapitalposter under året slutord",
        "4711", "4712"})
    row->add_cells()->add_spans()->set_text(text);
  ScratchDir dir("pdf-financial-wrap");
  const auto words = word_boxes(render_ir(doc, dir, "fin.pdf"), 1);
  std::map<std::string, WordBox> by_text;
  for (const auto& w : words) by_text[w.text] = w;
  ASSERT_TRUE(by_text.count("slutord") && by_text.count("Ökning") && by_text.count("4711"));
  ASSERT_GT(by_text["slutord"].y_min, by_text["Ökning"].y_min + 5) << "the label does not wrap";
  EXPECT_NEAR(by_text["4711"].y_min, by_text["slutord"].y_min, 0.05);
  EXPECT_NEAR(by_text["4712"].y_min, by_text["slutord"].y_min, 0.05);
}

// The pages of an IR rendered with the plugin, as pdftotext -raw gives them.
std::vector<std::string> raw_pages(const ir::Document& doc, const ScratchDir& dir) {
  const std::string text = pdftotext(render_ir(doc, dir, "pages.pdf"), "-raw");
  std::vector<std::string> pages;
  std::istringstream in(text);
  for (std::string page; std::getline(in, page, '\f');) pages.push_back(page);
  return pages;
}

int page_with(const std::vector<std::string>& pages, const std::string& word) {
  for (size_t i = 0; i < pages.size(); ++i)
    if (std::regex_search(pages[i], std::regex("\\b" + word + "\\b"))) return static_cast<int>(i);
  return -1;
}

// Filler lines, then `what`: moved down line by line, `what` meets the page
// end at every position.
ir::Document after_filler(int filler) {
  ir::Document doc;
  auto* p = doc.add_blocks()->mutable_paragraph();
  for (int i = 0; i < filler; ++i) {
    p->add_spans()->set_text(fmt::format("Fyllnadsrad{}", i));
    p->add_spans()->set_line_break(true);
  }
  return doc;
}

// A signature block never stands alone at the top of a page: the last two
// lines of the block before it go with it (the planeringsdag protokoll had
// its signature block alone on page 3).
TEST(PdfExporter, SignatureBlockKeepsTheLastLinesBeforeIt) {
  ScratchDir dir("pdf-signature-keep");
  int moved = 0;
  for (int filler = 40; filler <= 62; ++filler) {
    SCOPED_TRACE(fmt::format("{} filler lines", filler));
    ir::Document doc = after_filler(filler);
    auto* last = doc.add_blocks()->mutable_paragraph();
    last->add_spans()->set_text("Sista stycket före underskrifterna.");
    auto* s = doc.add_blocks()->mutable_signatures();
    s->set_label("Justeras");
    for (const char* name : {"Helena Koch", "Owe Ek"}) s->add_signatories()->set_name(name);
    const auto pages = raw_pages(doc, dir);
    const int sign = page_with(pages, "Justeras");
    ASSERT_GE(sign, 0);
    EXPECT_EQ(page_with(pages, "Sista"), sign);
    EXPECT_EQ(page_with(pages, "Koch"), sign);
    if (sign > 0 && page_with(pages, "Fyllnadsrad0") < sign) ++moved;
  }
  EXPECT_GT(moved, 3) << "the block never met a page end";
}

// A FIELDS table never splits across pages; a DATA table's header keeps
// with its first two body rows and repeats on the next page.
TEST(PdfExporter, FieldsTableNeverSplitsAndHeaderKeepsWithTwoRows) {
  ScratchDir dir("pdf-fields-keep");
  for (int filler = 40; filler <= 62; filler += 2) {
    SCOPED_TRACE(fmt::format("{} filler lines", filler));
    ir::Document doc = after_filler(filler);
    add_numbered_table(doc, ir::Table::FIELDS, 8, "Rad", "Värde");
    auto pages = raw_pages(doc, dir);
    EXPECT_EQ(page_with(pages, "Rad1"), page_with(pages, "Rad8"));

    doc = after_filler(filler);
    auto* t = doc.add_blocks()->mutable_table();
    auto* header = t->add_rows();
    header->set_kind(ir::Row::HEADER);
    header->add_cells()->add_spans()->set_text("Rubrik");
    header->add_cells()->add_spans()->set_text("Belopp");
    for (int r = 1; r <= 40; ++r) {
      auto* row = t->add_rows();
      row->add_cells()->add_spans()->set_text(fmt::format("Rad{}", r));
      row->add_cells()->add_spans()->set_text(fmt::format("{}", r));
    }
    pages = raw_pages(doc, dir);
    const int head = page_with(pages, "Rubrik");
    EXPECT_EQ(page_with(pages, "Rad1"), head);
    EXPECT_EQ(page_with(pages, "Rad2"), head);
    const int end = page_with(pages, "Rad40");
    if (end != head) {
      EXPECT_NE(pages[end].find("Rubrik"), std::string::npos) << "the header is not repeated";
    }
  }
}

// DECIMAL: the decimal commas of a column line up; a number without one
// ends where the comma would be, a trailing " %" stands after it. A header
// word never breaks, even in a narrow column.
TEST(PdfExporter, DecimalColumnsAlignOnTheCommaAndHeaderWordsStayWhole) {
  ir::Document doc;
  auto* t = doc.add_blocks()->mutable_table();
  t->add_columns()->set_weight(8);
  for (int c = 0; c < 3; ++c) {
    auto* col = t->add_columns();
    col->set_weight(1);
    col->set_align(ir::Column::DECIMAL);
  }
  auto* header = t->add_rows();
  header->set_kind(ir::Row::HEADER);
  for (const char* h : {"Insats", "Avvikelsebelopp", "Andel", "Tal"})
    header->add_cells()->add_spans()->set_text(h);
  const std::vector<std::vector<std::string>> rows = {{"Första", "1234,5", "8,6\u00a0%", "9"},
                                                      {"Andra", "99,25", "47\u00a0%", "12,5"},
                                                      {"Tredje", "7", "3,2\u00a0%", "100"}};
  for (const auto& cells : rows) {
    auto* row = t->add_rows();
    for (const auto& c : cells) row->add_cells()->add_spans()->set_text(c);
  }
  ScratchDir dir("pdf-decimal");
  const auto pdf = render_ir(doc, dir, "d.pdf");
  EXPECT_NE(pdftotext(pdf, "-raw").find("Avvikelsebelopp"), std::string::npos) << "the header word broke";
  std::map<std::string, WordBox> box;
  for (const auto& w : word_boxes(pdf, 1)) box[w.text] = w;
  for (const char* w : {"1234,5", "99,25", "7", "9", "12,5", "100", "8,6", "47", "3,2"})
    ASSERT_TRUE(box.count(w)) << w;
  // The comma of "1234,5" and of "99,25" at one x: their texts end apart by
  // the width of one digit ("5" against "25").
  const double digit = (box["100"].x_max - box["100"].x_min) / 3;
  EXPECT_NEAR(box["99,25"].x_max - box["1234,5"].x_max, digit, 0.6);
  // "7" ends where the comma stands.
  EXPECT_NEAR(box["1234,5"].x_max - box["7"].x_max, (box["1234,5"].x_max - box["1234,5"].x_min) - 4 * digit,
              0.6);
  EXPECT_NEAR(box["100"].x_max, box["12,5"].x_max - (box["12,5"].x_max - box["12,5"].x_min - 2 * digit), 0.6);
  EXPECT_NEAR(box["8,6"].x_max, box["3,2"].x_max, 0.2);
  EXPECT_LT(box["47"].x_max, box["8,6"].x_max - digit);
}

// A table never leaves its first or last row alone on a page: with the
// table starting at every position of a page, the page with row 1 also has
// row 2, and the page with the last row also has the one before it.
TEST(PdfExporter, TableRowIsNeverAloneOnAPage) {
  ScratchDir dir("pdf-table-widow");
  int split = 0;
  for (int filler = 30; filler <= 62; ++filler) {
    SCOPED_TRACE(fmt::format("{} filler lines", filler));
    ir::Document doc;
    auto* p = doc.add_blocks()->mutable_paragraph();
    for (int i = 0; i < filler; ++i) {
      p->add_spans()->set_text(fmt::format("Fyllnadsrad {}", i));
      p->add_spans()->set_line_break(true);
    }
    add_numbered_table(doc, ir::Table::DATA, 8, "Rad", "Värde");  // a FIELDS table never splits at all
    const std::string text = pdftotext(render_ir(doc, dir, "t.pdf"), "-raw");
    std::vector<std::string> pages;
    std::istringstream in(text);
    for (std::string page; std::getline(in, page, '\f');) pages.push_back(page);
    auto page_of = [&](const std::string& w) {
      for (size_t i = 0; i < pages.size(); ++i)
        if (std::regex_search(pages[i], std::regex("\\b" + w + "\\b"))) return static_cast<int>(i);
      return -1;
    };
    ASSERT_GE(page_of("Rad1"), 0);
    EXPECT_EQ(page_of("Rad1"), page_of("Rad2"));
    EXPECT_EQ(page_of("Rad8"), page_of("Rad7"));
    if (page_of("Rad1") != page_of("Rad8")) ++split;
  }
  EXPECT_GT(split, 3) << "the table never crossed a page break";
}

}  // namespace
}  // namespace kansli::test
