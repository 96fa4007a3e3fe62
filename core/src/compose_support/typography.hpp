// Swedish typography of composed text: which spaces must not break, where a
// range takes an en dash, where a footnote mark stands. The rules are stated
// once in docs/typography.md; this is their only implementation. Compose
// applies them to every text it puts in the IR, so an exporter copies IR
// text verbatim and keeps no typography rules of its own.
#ifndef KANSLI_COMPOSE_SUPPORT_TYPOGRAPHY_HPP
#define KANSLI_COMPOSE_SUPPORT_TYPOGRAPHY_HPP

#include <kansli/ir.pb.h>

#include <array>
#include <string>
#include <string_view>

namespace kansli::typography {

// U+00A0: after § and "kl.", before % and units, inside written dates.
inline constexpr std::string_view kNoBreakSpace = "\u00A0";
// U+202F: between the digit groups of a number ("2 136").
inline constexpr std::string_view kNarrowNoBreakSpace = "\u202F";
// U+2013: in ranges ("8.00–10.00", "§§ 21–22", "2021–2025").
inline constexpr std::string_view kEnDash = "\u2013";

// The months, as written dates name them ("2 juni 2025").
inline constexpr std::array<std::string_view, 12> kMonths = {"januari",   "februari", "mars",     "april",
                                                             "maj",       "juni",     "juli",     "augusti",
                                                             "september", "oktober",  "november", "december"};

// `text` with its ordinary spaces and hyphens replaced where a rule says
// so. Idempotent: applying it to its own result changes nothing.
std::string apply(std::string_view text);

// Moves each footnote mark after the punctuation (. , ; : ! ?) that
// directly follows it: "beslutet¹." becomes "beslutet.¹".
void place_footnote_marks(google::protobuf::RepeatedPtrField<ir::Span>& spans);

// Both of the above on every text of a composed document: spans (except
// code spans and the text of bare links), heading numbers, captions,
// signature labels and roles, page headers. Metadata is left as it is.
void apply(ir::Document& document);

}  // namespace kansli::typography

#endif
