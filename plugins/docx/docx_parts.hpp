// The fixed parts of the DOCX package: styles, settings, numbering
// definitions, content types, relationships and document properties.
// Every function returns a complete, well-formed XML part.
#ifndef KANSLI_DOCX_PARTS_HPP
#define KANSLI_DOCX_PARTS_HPP

#include <kansli/ir.pb.h>

#include <string>
#include <string_view>
#include <vector>

#include "docx_style.hpp"

namespace kansli::docx {

// Style ids used by the body; their names are what Word shows.
namespace style {
inline constexpr std::string_view kTitle = "Title", kSubtitle = "Subtitle", kHeading1 = "Heading1",
                                  kHeading2 = "Heading2", kHeading3 = "Heading3", kNormal = "Normal",
                                  kQuote = "Quote", kDecision = "Beslut", kNote = "Anteckning",
                                  kListNumber = "ListNumber", kListBullet = "ListBullet",
                                  kCaption = "Caption", kFootnoteText = "FootnoteText",
                                  kFootnoteReference = "FootnoteReference", kHeader = "Header",
                                  kFooter = "Footer", kHyperlink = "Hyperlink", kCode = "Kod",
                                  kTocHeading = "TOCHeading", kTableText = "Tabelltext",
                                  kTableHeading = "Tabellrubrik", kTableTotal = "Tabellsumma",
                                  kTableGroup = "Tabellgrupp", kSignatureLabel = "Underskriftsrubrik",
                                  kSignatureLine = "Underskriftslinje", kSignatureName = "Underskriftsnamn",
                                  kSignatureRole = "Underskriftsroll", kDataTable = "Datatabell",
                                  kAttendanceTable = "Narvarotabell", kFieldsTable = "Uppgiftstabell",
                                  kFinancialTable = "Resultattabell", kSignatureTable = "Underskriftstabell",
                                  kKeepTogetherTable = "Sammanhallning", kCellEnd = "Cellslut";
// "TOC1".."TOC3"
std::string toc(unsigned level);
}  // namespace style

// numId of the bullet list definition; ordered lists get their own numId
// each (from kFirstOrderedNumId on) so that every list restarts.
inline constexpr unsigned kBulletNumId = 1;
inline constexpr unsigned kOrderedNumId = 2;
inline constexpr unsigned kFirstListNumId = 3;

// `language`: BCP 47 tag for w:lang ("sv-SE"); every size, face, spacing
// and colour comes from `style`.
std::string styles_xml(std::string_view language, const DocxStyle& style);
// `update_fields`: ask Word to refresh fields (the table of contents) on open.
std::string settings_xml(std::string_view language, bool update_fields);
// Bullet and decimal definitions, then one numId per ordered list with its
// start number: numId kFirstListNumId + i starts at `starts[i]`. Indents
// from `style.list_indent`.
std::string numbering_xml(const std::vector<unsigned>& starts, const DocxStyle& style);
// `image_extension`: "png" or "jpeg" when the package holds an image;
// `parts`: further parts by name ("word/media/image1.png") and content type.
std::string content_types_xml(std::string_view image_extension = {},
                              const std::vector<std::pair<std::string, std::string>>& parts = {});
std::string package_relationships_xml();
// docProps/core.xml: title, subject, creator, keywords, language, category
// and the dates from `metadata.created` (converted to UTC).
std::string core_properties_xml(const ir::Metadata& metadata);
std::string app_properties_xml();

// "2026-03-04T08:00:00+01:00" -> "2026-03-04T07:00:00Z"; empty when the
// text is not an RFC 3339 date-time.
std::string to_utc_w3cdtf(std::string_view rfc3339);

}  // namespace kansli::docx

#endif
