#include "typesetting.hpp"

#include <algorithm>
#include <kansli/exporter_support.hpp>
#include <optional>
#include <string_view>

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
  std::vector<Piece> pieces;  // word: its pieces; space: one piece (" ")
  uint32_t footnote = 0;      // a reference mark inside this word
};

// Joins neighbouring pieces of one look into one run (fewer text objects,
// and real spaces between words for text extraction).
void merge_runs(Line& line) {
  std::vector<Run> merged;
  for (auto& run : line.runs) {
    if (!merged.empty()) {
      Piece& last = merged.back().piece;
      if (last.style == run.piece.style && last.size == run.piece.size && last.rise == run.piece.rise &&
          last.link == run.piece.link && last.color == run.piece.color) {
        last.text += run.piece.text;
        last.width += run.piece.width;
        continue;
      }
    }
    merged.push_back(std::move(run));
  }
  line.runs = std::move(merged);
}

}  // namespace

std::vector<Line> Typesetter::lines(const google::protobuf::RepeatedPtrField<ir::Span>& spans,
                                    const TextStyle& base, double max_width) {
  std::vector<Token> tokens;
  auto word_token = [&]() -> Token& {
    if (tokens.empty() || tokens.back().kind != Token::word) tokens.push_back({Token::word, {}, 0});
    return tokens.back();
  };
  // A footnote mark goes after punctuation that directly follows it
  // ("fördjupas.¹", the Swedish convention), so the word itself stays whole.
  std::optional<Piece> pending_mark;
  uint32_t pending_note = 0;
  auto emit_mark = [&] {
    if (!pending_mark) return;
    Token& t = word_token();
    t.pieces.push_back(*pending_mark);
    t.footnote = pending_note;
    pending_mark.reset();
  };
  for (const auto& span : spans) {
    if (span.line_break()) {
      emit_mark();
      tokens.push_back({Token::line_break, {}, 0});
      continue;
    }
    Piece proto;
    proto.style = font_style(base.bold || span.bold(), base.italic || span.italic(), span.code());
    proto.size = base.size;
    proto.color = span.link().empty() ? base.color : kLinkBlue;
    proto.link = span.link();
    if (span.footnote() != 0) {
      Piece mark = proto;
      mark.style = FontStyle::regular;
      mark.text = std::to_string(span.footnote());
      mark.size = base.size * 0.62;
      mark.rise = base.size * 0.38;
      mark.link = "#fn-" + std::to_string(span.footnote());
      mark.color = base.color;
      mark.width = width(mark);
      emit_mark();
      pending_mark = mark;
      pending_note = span.footnote();
      continue;
    }
    const std::string text = clean(span.text());
    size_t i = 0;
    if (pending_mark) {
      while (i < text.size() &&
             std::string_view(".,;:!?)]\u00bb\u201d").find(text[i]) != std::string_view::npos &&
             static_cast<unsigned char>(text[i]) < 0x80)
        ++i;
      if (i > 0) {
        Piece punct = proto;
        punct.text = text.substr(0, i);
        punct.width = width(punct);
        word_token().pieces.push_back(std::move(punct));
      }
      emit_mark();
    }
    while (i < text.size()) {
      if (text[i] == ' ') {
        while (i < text.size() && text[i] == ' ') ++i;
        Piece sp = proto;
        sp.text = " ";
        sp.width = width(sp);
        tokens.push_back({Token::space, {sp}, 0});
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

  emit_mark();
  // "§ 21", "§§ 1–4": the sign never ends a line; glue it to the next word
  // with its space. One pass into a new vector (erasing in place is
  // quadratic on a paragraph of many "§ N").
  {
    auto is_sign = [](const Token& t) {
      if (t.kind != Token::word) return false;
      std::string text;
      for (const auto& p : t.pieces) text += p.text;
      return text == "\u00a7" || text == "\u00a7\u00a7";
    };
    std::vector<Token> glued;
    glued.reserve(tokens.size());
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (k + 2 < tokens.size() && is_sign(tokens[k]) && tokens[k + 1].kind == Token::space &&
          tokens[k + 2].kind == Token::word) {
        Token t = std::move(tokens[k]);
        t.pieces.push_back(tokens[k + 1].pieces.front());
        for (auto& p : tokens[k + 2].pieces) t.pieces.push_back(std::move(p));
        if (!t.footnote) t.footnote = tokens[k + 2].footnote;
        glued.push_back(std::move(t));
        k += 2;
        continue;
      }
      glued.push_back(std::move(tokens[k]));
    }
    tokens = std::move(glued);
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
    if (token.footnote) line.footnotes.push_back(token.footnote);
    if (line.width + w <= max_width || w <= max_width) {
      for (const auto& p : token.pieces) append(p);
      continue;
    }
    // A word wider than the line (a 200-character name in a narrow column):
    // break it between characters rather than let it run off the page.
    for (const auto& p : token.pieces) {
      const std::u32string chars = common::decode_utf8(p.text);
      size_t start = 0;
      while (start < chars.size()) {
        size_t n = 0;
        double used = 0;
        std::string part;
        while (start + n < chars.size()) {
          std::string c;
          common::append_utf8(c, chars[start + n]);
          Piece probe = p;
          probe.text = c;
          const double cw = width(probe);
          if (n > 0 && line.width + used + cw > max_width) break;
          if (n == 0 && !line.runs.empty() && line.width + cw > max_width) break;
          used += cw;
          part += c;
          ++n;
        }
        if (n == 0) {
          flush();
          continue;
        }
        Piece piece = p;
        piece.text = part;
        piece.width = used;
        append(piece);
        start += n;
        if (start < chars.size()) flush();
      }
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
    page.texts.push_back({x + run.x, baseline + p.rise, p.style, p.size, p.text, p.color, group, sub});
    if (!p.link.empty() && p.link.rfind("#fn-", 0) != 0)
      page.links.push_back({x + run.x, baseline - p.size * 0.22, p.width, p.size * 1.1, p.link});
  }
}

}  // namespace kansli::pdf
