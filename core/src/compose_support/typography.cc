#include "typography.hpp"

#include <array>

namespace kansli::typography {

namespace {

using Spans = google::protobuf::RepeatedPtrField<ir::Span>;

// Units that take a no-break space after their number ("st" covers "st.").
constexpr std::array<std::string_view, 5> kUnits = {"%", "kr", "tkr", "mkr", "st"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t trailing_digits(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && is_digit(s[s.size() - 1 - n])) ++n;
  return n;
}

size_t leading_digits(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  return n;
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// A word ends here: nothing follows, or ASCII punctuation (bytes of other
// characters may be letters).
bool word_ends(std::string_view rest) {
  if (rest.empty()) return true;
  const auto c = static_cast<unsigned char>(rest[0]);
  return c < 0x80 && !is_digit(rest[0]) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// The word `rest` starts with one of `words`, ending there.
template <class Words>
bool starts_with_word(std::string_view rest, const Words& words) {
  for (std::string_view word : words)
    if (rest.substr(0, word.size()) == word && word_ends(rest.substr(word.size()))) return true;
  return false;
}

// `token` is `word`, possibly after an opening parenthesis.
bool is_word(std::string_view token, std::string_view word) {
  if (!token.empty() && token[0] == '(') token.remove_prefix(1);
  return token == word;
}

// A hyphen at `at` between digits that is a range: times "8.00-10.00",
// years "2021-2025", numbers after "§§" or "punkterna" ("§§ 21-22, 24-25").
bool is_range(std::string_view text, size_t at) {
  const std::string_view before = text.substr(0, at), after = text.substr(at + 1);
  const size_t left = trailing_digits(before), right = leading_digits(after);
  const char preceding = left < before.size() ? before[before.size() - left - 1] : ' ';
  // "8.00-10.00"
  if (left == 2 && preceding == '.' && before.size() >= 4 && is_digit(before[before.size() - 4]) &&
      right >= 1 && right <= 2 && after.size() > right + 2 && after[right] == '.' &&
      leading_digits(after.substr(right + 1)) == 2)
    return true;
  // "2021-2025", never part of a date "2025-12-31".
  if (left == 4 && right == 4 && preceding != '-' && preceding != '/' && preceding != '.' &&
      (after.size() == 4 || after[4] != '-')) {
    const int from = number(before.substr(before.size() - 4)), to = number(after.substr(0, 4));
    if (from >= 1800 && to <= 2199 && from < to) return true;
  }
  // "§§ 21-22": only digits, separators and spaces since the marker.
  for (std::string_view marker : {std::string_view("§§"), std::string_view("punkterna")}) {
    const size_t p = before.rfind(marker);
    if (p == std::string_view::npos) continue;
    const std::string_view between = before.substr(p + marker.size());
    bool list = !between.empty();
    for (size_t i = 0; i < between.size() && list; ++i) {
      const char c = between[i];
      if (is_digit(c) || c == ' ' || c == ',' || c == '-') continue;
      if (between.substr(i, kNoBreakSpace.size()) == kNoBreakSpace)
        i += kNoBreakSpace.size() - 1;
      else if (between.substr(i, kEnDash.size()) == kEnDash)
        i += kEnDash.size() - 1;
      else
        list = false;
    }
    if (list) return true;
  }
  return false;
}

// What the space between `left` (the word before, as already rewritten)
// and `right` (the word after) becomes; empty: it stays a space.
std::string_view space_between(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return {};
  const bool number_follows = is_digit(right[0]);
  // "§ 21", "§§ 21–22"
  if (number_follows && left.size() >= 2 && left.substr(left.size() - 2) == "§") return kNoBreakSpace;
  // "kl. 9.00", "Not 4"
  if (number_follows &&
      (is_word(left, "kl.") || is_word(left, "Kl.") || is_word(left, "Not") || is_word(left, "not")))
    return kNoBreakSpace;
  const size_t digits = trailing_digits(left);
  if (digits > 0) {
    const std::string_view before = left.substr(0, left.size() - digits);
    // "2 136", "1 234 567": a group of 1-3 digits (3 once grouped), then
    // exactly 3 digits; never after a decimal or time ("9.00 100").
    const bool grouped = before.size() >= kNarrowNoBreakSpace.size() &&
                         before.substr(before.size() - kNarrowNoBreakSpace.size()) == kNarrowNoBreakSpace;
    const bool first_group =
        digits <= 3 &&
        (before.empty() || std::string_view(".,:/-").find(before.back()) == std::string_view::npos);
    if ((grouped ? digits == 3 : first_group) && leading_digits(right) == 3) return kNarrowNoBreakSpace;
    // "23 %", "16 mkr", "2 136 tkr"
    if (starts_with_word(right, kUnits)) return kNoBreakSpace;
    // "2 juni": a day of the month.
    if (digits <= 2 && (before.empty() || before == "(") && number(left.substr(before.size())) >= 1 &&
        number(left.substr(before.size())) <= 31 && starts_with_word(right, kMonths))
      return kNoBreakSpace;
  }
  // "2 juni 2025": the year after a day and month.
  if (leading_digits(right) == 4 && word_ends(right.substr(4)))
    for (std::string_view month : kMonths) {
      const size_t glued = kNoBreakSpace.size() + month.size();
      if (left.size() > glued && left.substr(left.size() - month.size()) == month &&
          left.substr(left.size() - glued, kNoBreakSpace.size()) == kNoBreakSpace &&
          is_digit(left[left.size() - glued - 1]))
        return kNoBreakSpace;
    }
  return {};
}

void apply_to(std::string& text) {
  if (text.find_first_of(" -") == std::string::npos) return;
  text = apply(text);
}

bool is_text(const ir::Span& span) { return span.footnote() == 0 && !span.line_break(); }

// A bare URL or e-mail address shown as its own target: left as written.
bool is_bare_link(const ir::Span& span) {
  return !span.link().empty() && (span.text() == span.link() || "mailto:" + span.text() == span.link());
}

void apply_to(Spans& spans) {
  place_footnote_marks(spans);
  for (auto& span : spans)
    if (is_text(span) && !span.code() && !is_bare_link(span)) apply_to(*span.mutable_text());
}

}  // namespace

std::string apply(std::string_view text) {
  std::string dashed;
  dashed.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-' && i > 0 && i + 1 < text.size() && is_digit(text[i - 1]) && is_digit(text[i + 1]) &&
        is_range(text, i))
      dashed.append(kEnDash);
    else
      dashed += text[i];
  }
  std::string out;
  out.reserve(dashed.size() + 16);
  size_t word_start = 0;  // where the current word of `out` starts
  for (size_t i = 0; i < dashed.size(); ++i) {
    const char c = dashed[i];
    if (c == ' ') {
      size_t end = i + 1;
      while (end < dashed.size() && !is_blank(dashed[end])) ++end;
      const std::string_view left = std::string_view(out).substr(word_start);
      const std::string_view right = std::string_view(dashed).substr(i + 1, end - i - 1);
      const std::string_view glue = space_between(left, right);
      if (!glue.empty()) {
        out.append(glue);
        continue;
      }
    }
    out += c;
    if (is_blank(c)) word_start = out.size();
  }
  return out;
}

void place_footnote_marks(Spans& spans) {
  for (int i = 0; i < spans.size(); ++i) {
    if (spans[i].footnote() == 0) continue;
    int next = i;
    while (next < spans.size() && spans[next].footnote() != 0) ++next;
    if (next == spans.size() || !is_text(spans[next]) || spans[next].code()) {
      i = next;
      continue;
    }
    const std::string& after = spans[next].text();
    const size_t length = after.find_first_not_of(".,;:!?");
    if (length == 0) {
      i = next;
      continue;
    }
    // The punctuation keeps its own look, without the link it may follow.
    ir::Span moved = spans[next];
    moved.set_text(after.substr(0, length));
    if (length == std::string::npos)
      spans.DeleteSubrange(next, 1);
    else
      spans[next].mutable_text()->erase(0, length);
    ir::Span* previous = i > 0 ? &spans[i - 1] : nullptr;
    if (previous && is_text(*previous) && previous->link().empty() && previous->code() == moved.code() &&
        previous->bold() == moved.bold() && previous->italic() == moved.italic()) {
      previous->mutable_text()->append(moved.text());
    } else {
      moved.clear_link();
      spans.Add(std::move(moved));
      for (int k = spans.size() - 1; k > i; --k) spans.SwapElements(k, k - 1);
      ++next;
    }
    i = next - 1;
  }
}

void apply(ir::Document& document) {
  auto* furniture = document.mutable_furniture();
  apply_to(*furniture->mutable_header_left());
  apply_to(*furniture->mutable_header_right());
  for (auto& block : *document.mutable_blocks()) {
    switch (block.content_case()) {
      case ir::Block::kHeading:
        apply_to(*block.mutable_heading()->mutable_number());
        apply_to(*block.mutable_heading()->mutable_spans());
        break;
      case ir::Block::kParagraph: apply_to(*block.mutable_paragraph()->mutable_spans()); break;
      case ir::Block::kList:
        for (auto& item : *block.mutable_list()->mutable_items()) apply_to(*item.mutable_spans());
        break;
      case ir::Block::kTable:
        apply_to(*block.mutable_table()->mutable_caption());
        for (auto& row : *block.mutable_table()->mutable_rows())
          for (auto& cell : *row.mutable_cells()) apply_to(*cell.mutable_spans());
        break;
      case ir::Block::kSignatures:
        apply_to(*block.mutable_signatures()->mutable_label());
        for (auto& signatory : *block.mutable_signatures()->mutable_signatories())
          apply_to(*signatory.mutable_role());
        break;
      default: break;
    }
  }
  for (auto& footnote : *document.mutable_footnotes()) apply_to(*footnote.mutable_spans());
}

}  // namespace kansli::typography
