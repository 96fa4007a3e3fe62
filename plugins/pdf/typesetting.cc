#include "typesetting.hpp"

#include <algorithm>
#include <kansli/exporter_support.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "utf8.hpp"

namespace kansli::pdf {
namespace {

FontStyle font_style(bool bold, bool italic, bool code) {
  if (code) return FontStyle::mono;
  if (bold && italic) return FontStyle::bold_italic;
  if (bold) return FontStyle::bold;
  if (italic) return FontStyle::italic;
  return FontStyle::regular;
}

std::string clean(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

// Token stream of a paragraph: words (sequences of pieces), spaces, breaks.
struct Token {
  enum Kind { word, space, line_break } kind = word;
  std::vector<Piece> pieces;        // word: its pieces; space: one piece (" ")
  std::vector<uint32_t> footnotes;  // reference marks inside this word
};

// Joins neighbouring pieces of one look into one run (fewer text objects,
// and real spaces between words for text extraction).
void merge_runs(Line& line) {
  std::vector<Run> merged;
  for (auto& run : line.runs) {
    if (!merged.empty()) {
      Piece& last = merged.back().piece;
      if (last.style == run.piece.style && last.size == run.piece.size && last.rise == run.piece.rise &&
          last.link == run.piece.link && last.color == run.piece.color && last.part == run.piece.part) {
        last.text += run.piece.text;
        last.width += run.piece.width;
        continue;
      }
    }
    merged.push_back(std::move(run));
  }
  line.runs = std::move(merged);
}

// A piece of the same look as `look` with other text (without copying the
// look's text, which may be a megabyte long).
Piece with_text(const Piece& look, std::string text, double width) {
  Piece p;
  p.text = std::move(text);
  p.style = look.style;
  p.size = look.size;
  p.rise = look.rise;
  p.link = look.link;
  p.color = look.color;
  p.part = look.part;
  p.width = width;
  p.heading_face = look.heading_face;
  return p;
}

}  // namespace

std::vector<Line> Typesetter::lines(const google::protobuf::RepeatedPtrField<ir::Span>& spans,
                                    const TextStyle& base, double max_width, int lead_spans) {
  // Words break only at ASCII spaces: U+00A0 and U+202F, which compose puts
  // where a line must not break ("§ 21", "2 136"), are parts of a word. The
  // exporter keeps no typography rules of its own (docs/layout-rules.md).
  std::vector<Token> tokens;
  auto word_token = [&]() -> Token& {
    if (tokens.empty() || tokens.back().kind != Token::word) tokens.push_back({Token::word, {}, {}});
    return tokens.back();
  };
  int span_index = 0;
  for (const auto& span : spans) {
    const int part = lead_spans > 0 && span_index++ >= lead_spans ? 1 : 0;
    if (span.line_break()) {
      tokens.push_back({Token::line_break, {}, {}});
      continue;
    }
    Piece proto;
    proto.style = font_style(base.bold || span.bold(), base.italic || span.italic(), span.code());
    proto.size = base.size;
    proto.color = span.link().empty() ? base.color : kLinkBlue;
    proto.link = span.link();
    proto.part = part;
    proto.heading_face = base.heading_face && !span.code();
    if (span.footnote() != 0) {
      // The mark belongs to the word it follows, as the IR places it.
      Piece mark = proto;
      mark.style = FontStyle::regular;
      mark.text = std::to_string(span.footnote());
      mark.size = base.size * 0.62;
      mark.rise = base.size * 0.38;
      mark.link = "#fn-" + std::to_string(span.footnote());
      mark.color = base.color;
      mark.width = width(mark);
      Token& t = word_token();
      t.pieces.push_back(std::move(mark));
      t.footnotes.push_back(span.footnote());
      continue;
    }
    const std::string text = clean(span.text());
    size_t i = 0;
    while (i < text.size()) {
      if (text[i] == ' ') {
        while (i < text.size() && text[i] == ' ') ++i;
        Piece sp = proto;
        sp.text = " ";
        sp.width = width(sp);
        tokens.push_back({Token::space, {sp}, {}});
        continue;
      }
      const size_t end = std::min(text.find(' ', i), text.size());
      Piece w = proto;
      w.text = text.substr(i, end - i);
      w.width = width(w);
      word_token().pieces.push_back(std::move(w));
      i = end;
    }
  }

  std::vector<Line> out;
  Line line;
  std::optional<Piece> pending_space;
  auto flush = [&] {
    out.push_back(std::move(line));
    line = Line{};
    pending_space.reset();
  };
  auto append = [&](const Piece& p) {
    line.runs.push_back({p, line.width});
    line.width += p.width;
  };
  for (auto& token : tokens) {
    if (token.kind == Token::line_break) {
      flush();
      continue;
    }
    if (token.kind == Token::space) {
      if (!line.runs.empty()) pending_space = token.pieces.front();
      continue;
    }
    double w = 0;
    for (const auto& p : token.pieces) w += p.width;
    const double space = pending_space ? pending_space->width : 0;
    if (!line.runs.empty() && line.width + space + w > max_width) flush();
    if (pending_space && !line.runs.empty()) append(*pending_space);
    pending_space.reset();
    line.footnotes.insert(line.footnotes.end(), token.footnotes.begin(), token.footnotes.end());
    if (line.width + w <= max_width || w <= max_width) {
      for (const auto& p : token.pieces) append(p);
      continue;
    }
    // A word wider than the line (a 200-character name in a narrow column,
    // a megabyte without a space): break it between characters rather than
    // let it run off the page. One pass over its characters, each measured
    // once: linear in the word's length.
    for (const auto& p : token.pieces) {
      std::string part;
      double used = 0;
      auto emit_part = [&] {
        if (part.empty()) return;
        append(with_text(p, std::move(part), used));
        part.clear();
        used = 0;
      };
      std::string c;
      common::for_each_code_point(p.text, [&](char32_t cp) {
        c.clear();
        common::append_utf8(c, cp);
        const double cw = fonts_for(p).width(p.style, c, p.size);
        if (line.width + used + cw > max_width && (!part.empty() || !line.runs.empty())) {
          emit_part();
          flush();
        }
        part += c;
        used += cw;
      });
      emit_part();
    }
  }
  if (!line.runs.empty() || out.empty()) out.push_back(std::move(line));
  for (auto& l : out) merge_runs(l);
  return out;
}

std::vector<Line> Typesetter::lines(const std::string& text, const TextStyle& style, double max_width) {
  google::protobuf::RepeatedPtrField<ir::Span> spans;
  spans.Add()->set_text(text);
  return lines(spans, style, max_width);
}

void draw_line(Page& page, const Line& line, double x, double baseline, long group, int sub) {
  for (const auto& run : line.runs) {
    const Piece& p = run.piece;
    const bool note_mark = p.link.rfind("#fn-", 0) == 0;
    page.texts.push_back({x + run.x, baseline + p.rise, p.style, p.size, p.text, p.color, group, sub + p.part,
                          false, note_mark, p.heading_face});
    if (!p.link.empty())
      page.links.push_back({x + run.x, baseline - p.size * 0.22, p.width, p.size * 1.1, p.link, p.text, group,
                            sub + p.part, note_mark});
  }
}

}  // namespace kansli::pdf
