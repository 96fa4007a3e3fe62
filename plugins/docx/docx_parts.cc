#include "docx_parts.hpp"

#include <fmt/args.h>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <kansli/exporter_support.hpp>

#include "timestamp.hpp"
#include "xml_writer.hpp"

namespace kansli::docx {

using common::append_escaped;
using common::parse_timestamp;
using common::XmlWriter;

namespace {

constexpr const char* kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text, true);
  return out;
}

// Styles. Names of Word's built-in styles are spelled as Word spells them
// (lower-case "heading 1"), so Word maps them to its own (localised) styles;
// our own styles carry Swedish names, as a Swedish office would see them.
constexpr const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {namespaces}>
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="{body_font}" w:hAnsi="{body_font}" w:eastAsia="{body_font}" w:cs="{body_font}"/><w:color w:val="{text_color}"/><w:sz w:val="{sz_body}"/><w:szCs w:val="{sz_body}"/><w:lang w:val="{language}" w:eastAsia="{language}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:before="{before_p}" w:after="0" w:line="{line_body}" w:lineRule="exact"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="{after_title}" w:line="{line_title}" w:lineRule="exact"/><w:outlineLvl w:val="9"/></w:pPr><w:rPr><w:rFonts w:ascii="{heading_font}" w:hAnsi="{heading_font}" w:cs="{heading_font}"/><w:b/><w:bCs/>{heading_color}<w:kern w:val="28"/><w:sz w:val="{sz_title}"/><w:szCs w:val="{sz_title}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="{before_subtitle}" w:after="{after_subtitle}" w:line="{line_subtitle}" w:lineRule="exact"/></w:pPr><w:rPr><w:rFonts w:ascii="{body_font}" w:hAnsi="{body_font}" w:cs="{body_font}"/><w:color w:val="{gray}"/><w:sz w:val="{sz_subtitle}"/><w:szCs w:val="{sz_subtitle}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{number_tab}"/></w:tabs><w:spacing w:before="{before_h1}" w:after="{after_h1}" w:line="{line_h1}" w:lineRule="exact"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="{heading_font}" w:hAnsi="{heading_font}" w:cs="{heading_font}"/><w:b/><w:bCs/>{heading_color}<w:sz w:val="{sz_h1}"/><w:szCs w:val="{sz_h1}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{number_tab}"/></w:tabs><w:spacing w:before="{before_h2}" w:after="0" w:line="{line_h2}" w:lineRule="exact"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="{heading_font}" w:hAnsi="{heading_font}" w:cs="{heading_font}"/><w:b/><w:bCs/>{heading_color}<w:sz w:val="{sz_h2}"/><w:szCs w:val="{sz_h2}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{number_tab}"/></w:tabs><w:spacing w:before="{before_h3}" w:after="0" w:line="{line_h3}" w:lineRule="exact"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:ascii="{heading_font}" w:hAnsi="{heading_font}" w:cs="{heading_font}"/><w:b/><w:bCs/><w:i/><w:iCs/>{heading_color}<w:sz w:val="{sz_h3}"/><w:szCs w:val="{sz_h3}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:spacing w:before="{before_quote}"/><w:ind w:left="{quote_indent}" w:right="{quote_indent}"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Beslut"><w:name w:val="Beslut"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="20"/><w:qFormat/><w:pPr><w:keepLines/><w:pBdr><w:left w:val="single" w:sz="{bar_sz}" w:space="{bar_space}" w:color="{accent}"/></w:pBdr><w:spacing w:before="{before_decision}" w:after="{after_decision}"/><w:ind w:left="{decision_indent}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Anteckning"><w:name w:val="Anteckning"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="21"/><w:qFormat/><w:pPr><w:spacing w:before="{before_note}" w:line="{line_note}" w:lineRule="exact"/></w:pPr><w:rPr><w:color w:val="{gray}"/><w:sz w:val="{sz_note}"/><w:szCs w:val="{sz_note}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="{before_list}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:before="{before_list}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="{before_caption}"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="left" w:pos="{footnote_indent}"/></w:tabs><w:spacing w:before="0" w:after="0" w:line="{line_footnote}" w:lineRule="exact"/><w:ind w:left="{footnote_indent}" w:hanging="{footnote_indent}"/></w:pPr><w:rPr><w:sz w:val="{sz_footnote}"/><w:szCs w:val="{sz_footnote}"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="{link}"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="Kod"><w:name w:val="Kod"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:qFormat/><w:rPr><w:rFonts w:ascii="{code_font}" w:hAnsi="{code_font}" w:cs="{code_font}"/><w:sz w:val="{sz_code}"/><w:szCs w:val="{sz_code}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="3" w:space="3" w:color="{rule_gray}"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="{text_width}"/></w:tabs><w:spacing w:before="0" w:after="0" w:line="{line_furniture}" w:lineRule="exact"/></w:pPr><w:rPr><w:color w:val="{gray}"/><w:sz w:val="{sz_furniture}"/><w:szCs w:val="{sz_furniture}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:spacing w:before="0" w:after="0" w:line="{line_furniture}" w:lineRule="exact"/><w:jc w:val="right"/></w:pPr><w:rPr><w:color w:val="{gray}"/><w:sz w:val="{sz_furniture}"/><w:szCs w:val="{sz_furniture}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="left" w:pos="{number_tab}"/><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs><w:spacing w:before="{before_toc}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="left" w:pos="{number_tab}"/><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs><w:spacing w:before="{before_toc}"/><w:ind w:left="{toc_indent}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC3"><w:name w:val="toc 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="left" w:pos="{number_tab}"/><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs><w:spacing w:before="{before_toc}"/><w:ind w:left="{toc_indent2}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tabelltext"><w:name w:val="Tabelltext"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="22"/><w:qFormat/><w:pPr><w:spacing w:before="{pad}" w:after="{pad}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tabellrubrik"><w:name w:val="Tabellrubrik"/><w:basedOn w:val="Tabelltext"/><w:uiPriority w:val="22"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tabellsumma"><w:name w:val="Tabellsumma"/><w:basedOn w:val="Tabelltext"/><w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tabellgrupp"><w:name w:val="Tabellgrupp"/><w:basedOn w:val="Tabelltext"/><w:uiPriority w:val="22"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Underskriftsrubrik"><w:name w:val="Underskriftsrubrik"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="23"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="{before_sig_label}" w:after="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Underskriftslinje"><w:name w:val="Underskriftslinje"/><w:basedOn w:val="Normal"/><w:next w:val="Underskriftsnamn"/><w:uiPriority w:val="23"/><w:pPr><w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="5" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="{sig_line_before}" w:after="0" w:line="{sig_line_height}" w:lineRule="exact"/><w:ind w:right="{sig_line_indent}"/></w:pPr><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Underskriftsnamn"><w:name w:val="Underskriftsnamn"/><w:basedOn w:val="Normal"/><w:next w:val="Underskriftsroll"/><w:uiPriority w:val="23"/><w:pPr><w:keepNext/><w:spacing w:before="{name_before}" w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Underskriftsroll"><w:name w:val="Underskriftsroll"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="23"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="{line_role}" w:lineRule="exact"/></w:pPr><w:rPr><w:color w:val="{gray}"/><w:sz w:val="{sz_role}"/><w:szCs w:val="{sz_role}"/></w:rPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Datatabell"><w:name w:val="Datatabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblBorders><w:bottom w:val="single" w:sz="2" w:space="0" w:color="{rule_gray}"/><w:insideH w:val="single" w:sz="2" w:space="0" w:color="{rule_gray}"/></w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{ruled_half_gap}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{ruled_half_gap}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr></w:tblStylePr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Narvarotabell"><w:name w:val="Närvarotabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_gap}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Uppgiftstabell"><w:name w:val="Uppgiftstabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_gap}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstCol"><w:rPr><w:color w:val="{gray}"/></w:rPr></w:tblStylePr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Resultattabell"><w:name w:val="Resultattabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{ruled_gap}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Underskriftstabell"><w:name w:val="Underskriftstabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{sig_gap}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Sammanhallning"><w:name w:val="Sammanhållning"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Cellslut"><w:name w:val="Cellslut"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="40"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:style>
</w:styles>
)";

}  // namespace

std::string style::toc(unsigned level) { return fmt::format("TOC{}", level < 1 ? 1 : level > 3 ? 3 : level); }

std::string styles_xml(std::string_view language, const DocxStyle& style) {
  const auto tw = [](double points) { return DocxStyle::twips(points); };
  const auto hp = [](double points) { return DocxStyle::half_points(points); };
  // The signature line paragraph is 1 pt high: its bottom border is the
  // line, `signature_space` below the top of the row.
  constexpr double kSignatureLineHeight = 1;
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  const auto arg = [&](const char* name, auto value) { args.push_back(fmt::arg(name, value)); };
  arg("namespaces", kWordNamespaces);
  arg("language", escaped(language));
  arg("body_font", escaped(style.body_font));
  arg("heading_font", escaped(style.heading_font));
  arg("code_font", escaped(style.code_font));
  arg("text_color", escaped(style.text_color));
  arg("gray", escaped(style.gray));
  arg("rule_gray", escaped(style.rule_gray));
  arg("accent", escaped(style.accent));
  arg("heading_color", style.heading_color.empty()
                           ? std::string()
                           : fmt::format(R"(<w:color w:val="{}"/>)", escaped(style.heading_color)));
  arg("link", escaped(style.link_color));
  arg("fill", escaped(style.light_fill));
  arg("text_width", style.text_width());
  arg("sz_body", hp(style.body_size));
  arg("line_body", style.line_twips(style.body_size));
  arg("before_p", tw(style.paragraph_before));
  arg("sz_title", hp(style.title_size));
  arg("line_title", style.line_twips(style.title_size));
  arg("after_title", tw(style.title_after));
  arg("sz_subtitle", hp(style.subtitle_size));
  arg("line_subtitle", style.line_twips(style.subtitle_size));
  arg("before_subtitle", tw(style.subtitle_before));
  arg("after_subtitle", tw(style.subtitle_after));
  arg("sz_h1", hp(style.heading1_size));
  arg("line_h1", style.line_twips(style.heading1_size));
  arg("before_h1", tw(style.heading1_before));
  arg("after_h1", tw(style.heading1_after));
  arg("sz_h2", hp(style.heading2_size));
  arg("line_h2", style.line_twips(style.heading2_size));
  arg("before_h2", tw(style.heading2_before));
  arg("sz_h3", hp(style.heading3_size));
  arg("line_h3", style.line_twips(style.heading3_size));
  arg("before_h3", tw(style.heading3_before));
  arg("number_tab", tw(style.heading_number_width));
  arg("before_quote", tw(style.quote_before));
  arg("quote_indent", tw(style.quote_indent));
  arg("before_decision", tw(style.decision_before));
  arg("after_decision", tw(style.decision_after));
  arg("decision_indent", tw(style.decision_indent));
  arg("bar_sz", static_cast<int>(std::lround(style.decision_bar_width * 8)));
  arg("bar_space", static_cast<int>(std::lround(style.decision_indent - style.decision_bar_width)));
  arg("sz_note", hp(style.note_size));
  arg("line_note", style.line_twips(style.note_size));
  arg("before_note", tw(style.note_before));
  arg("before_list", tw(style.list_item_before));
  arg("before_caption", tw(style.caption_before));
  arg("sz_footnote", hp(style.footnote_size));
  arg("line_footnote", style.line_twips(style.footnote_size));
  arg("footnote_indent", tw(style.footnote_indent));
  arg("sz_furniture", hp(style.furniture_size));
  arg("line_furniture", style.line_twips(style.furniture_size));
  arg("sz_code", hp(style.code_size));
  arg("before_toc", tw(3));
  arg("toc_indent", tw(14));
  arg("toc_indent2", tw(28));
  arg("pad", tw(style.table_row_padding));
  arg("cell_gap", tw(style.table_column_gap));
  arg("ruled_gap", tw(style.ruled_column_gap));
  arg("ruled_half_gap", tw(style.ruled_column_gap / 2));
  arg("before_sig_label", tw(style.signature_label_before));
  arg("sig_line_before", tw(style.signature_space - kSignatureLineHeight));
  arg("sig_line_height", tw(kSignatureLineHeight));
  arg("sig_line_indent",
      tw(std::max(0.0, (style.text_width() / 20.0 - style.signature_column_gap) / 2 - 220)));
  arg("name_before", tw(style.signature_name_before));
  arg("sz_role", hp(style.signature_role_size));
  arg("line_role", style.line_twips(style.signature_role_size));
  arg("sig_gap", tw(style.signature_column_gap));
  return fmt::vformat(kStyles, args);
}

std::string settings_xml(std::string_view language, bool update_fields) {
  XmlWriter x;
  x.start("w:settings", {{"xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}});
  x.leaf("w:zoom", {{"w:percent", "100"}});
  x.leaf("w:defaultTabStop", {{"w:val", "1304"}});
  x.leaf("w:characterSpacingControl", {{"w:val", "doNotCompress"}});
  if (update_fields) x.leaf("w:updateFields", {{"w:val", "true"}});
  x.start("w:footnotePr").leaf("w:footnote", {{"w:id", "-1"}}).leaf("w:footnote", {{"w:id", "0"}}).end();
  x.start("w:compat")
      .leaf("w:compatSetting", {{"w:name", "compatibilityMode"},
                                {"w:uri", "http://schemas.microsoft.com/office/word"},
                                {"w:val", "15"}})
      .end();
  x.leaf("w:themeFontLang", {{"w:val", language}});
  x.leaf("w:decimalSymbol", {{"w:val", ","}});
  x.leaf("w:listSeparator", {{"w:val", ";"}});
  return x.finish();
}

std::string numbering_xml(const std::vector<unsigned>& starts, const DocxStyle& style) {
  const int indent = DocxStyle::twips(style.list_indent);
  XmlWriter x;
  x.start("w:numbering", {{"xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}});
  const auto level = [&](int ilvl, const char* format, const std::string& text, int indent) {
    const std::string lvl = std::to_string(ilvl), left = std::to_string(indent);
    x.start("w:lvl", {{"w:ilvl", lvl}});
    x.leaf("w:start", {{"w:val", "1"}});
    x.leaf("w:numFmt", {{"w:val", format}});
    x.leaf("w:lvlText", {{"w:val", text}});
    x.leaf("w:lvlJc", {{"w:val", "left"}});
    x.start("w:pPr").leaf("w:ind", {{"w:left", left}, {"w:hanging", std::to_string(indent)}}).end();
    x.end();
  };
  // Bullets: abstractNum 0; decimals: abstractNum 1.
  static const char* const kBullets[] = {"\u2022", "\u2013", "\u25AA"};
  x.start("w:abstractNum", {{"w:abstractNumId", "0"}});
  x.leaf("w:multiLevelType", {{"w:val", "hybridMultilevel"}});
  for (int i = 0; i < 3; ++i) level(i, "bullet", kBullets[i], indent * (i + 1));
  x.end();
  x.start("w:abstractNum", {{"w:abstractNumId", "1"}});
  x.leaf("w:multiLevelType", {{"w:val", "hybridMultilevel"}});
  static const char* const kFormats[] = {"decimal", "lowerLetter", "lowerRoman"};
  for (int i = 0; i < 3; ++i) level(i, kFormats[i], fmt::format("%{}.", i + 1), indent * (i + 1));
  x.end();
  x.start("w:num", {{"w:numId", std::to_string(kBulletNumId)}})
      .leaf("w:abstractNumId", {{"w:val", "0"}})
      .end();
  x.start("w:num", {{"w:numId", std::to_string(kOrderedNumId)}})
      .leaf("w:abstractNumId", {{"w:val", "1"}})
      .end();
  for (size_t i = 0; i < starts.size(); ++i) {
    x.start("w:num", {{"w:numId", std::to_string(kFirstListNumId + i)}});
    x.leaf("w:abstractNumId", {{"w:val", "1"}});
    x.start("w:lvlOverride", {{"w:ilvl", "0"}})
        .leaf("w:startOverride", {{"w:val", std::to_string(starts[i] == 0 ? 1 : starts[i])}})
        .end();
    x.end();
  }
  return x.finish();
}

std::string content_types_xml(std::string_view image_extension,
                              const std::vector<std::pair<std::string, std::string>>& parts) {
  XmlWriter x;
  x.start("Types", {{"xmlns", "http://schemas.openxmlformats.org/package/2006/content-types"}});
  x.leaf("Default", {{"Extension", "rels"},
                     {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
  x.leaf("Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
  if (!image_extension.empty())
    x.leaf("Default",
           {{"Extension", image_extension}, {"ContentType", "image/" + std::string(image_extension)}});
  const auto part = [&](const char* name, const char* type) {
    x.leaf("Override", {{"PartName", name}, {"ContentType", type}});
  };
  part("/word/document.xml",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  part("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml");
  part("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml");
  part("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml");
  part("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml");
  part("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml");
  part("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml");
  part("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  part("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  for (const auto& [name, type] : parts)
    x.leaf("Override", {{"PartName", "/" + name}, {"ContentType", type}});
  return x.finish();
}

std::string package_relationships_xml() {
  XmlWriter x;
  x.start("Relationships", {{"xmlns", "http://schemas.openxmlformats.org/package/2006/relationships"}});
  x.leaf("Relationship",
         {{"Id", "rId1"},
          {"Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"},
          {"Target", "word/document.xml"}});
  x.leaf("Relationship",
         {{"Id", "rId2"},
          {"Type", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"},
          {"Target", "docProps/core.xml"}});
  x.leaf("Relationship",
         {{"Id", "rId3"},
          {"Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"},
          {"Target", "docProps/app.xml"}});
  return x.finish();
}

std::string to_utc_w3cdtf(std::string_view text) {
  const auto t = parse_timestamp(text);
  if (!t) return {};
  const int year = t->year, month = t->month, day = t->day, hour = t->hour, minute = t->minute,
            second = t->second;
  const int offset_hours = t->offset_hours, offset_minutes = t->offset_minutes;
  const char sign = t->zone;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return {};
  auto moment = sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
  const auto offset = hours{offset_hours} + minutes{offset_minutes};
  if (sign == '+')
    moment -= offset;
  else if (sign == '-')
    moment += offset;
  const auto day_start = floor<days>(moment);
  const year_month_day utc{day_start};
  const hh_mm_ss clock{moment - day_start};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(utc.year()),
                     static_cast<unsigned>(utc.month()), static_cast<unsigned>(utc.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

std::string core_properties_xml(const ir::Metadata& metadata) {
  XmlWriter x;
  x.start("cp:coreProperties",
          {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
           {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
           {"xmlns:dcterms", "http://purl.org/dc/terms/"},
           {"xmlns:dcmitype", "http://purl.org/dc/dcmitype/"},
           {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
  if (!metadata.title().empty()) x.element("dc:title", metadata.title());
  if (!metadata.subject().empty()) x.element("dc:subject", metadata.subject());
  if (!metadata.author().empty()) {
    x.element("dc:creator", metadata.author());
    x.element("cp:lastModifiedBy", metadata.author());
  }
  std::string keywords;
  for (const auto& keyword : metadata.keywords()) keywords += (keywords.empty() ? "" : ", ") + keyword;
  if (!keywords.empty()) x.element("cp:keywords", keywords);
  if (!metadata.document_kind().empty()) x.element("cp:category", metadata.document_kind());
  x.element("dc:language", metadata.language().empty() ? "sv-SE" : metadata.language());
  if (const std::string created = to_utc_w3cdtf(metadata.created()); !created.empty()) {
    x.element("dcterms:created", created, {{"xsi:type", "dcterms:W3CDTF"}});
    x.element("dcterms:modified", created, {{"xsi:type", "dcterms:W3CDTF"}});
  }
  return x.finish();
}

std::string app_properties_xml() {
  XmlWriter x;
  x.start("Properties",
          {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"},
           {"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}});
  x.element("Application", "kansli");
  x.element("DocSecurity", "0");
  return x.finish();
}

}  // namespace kansli::docx
