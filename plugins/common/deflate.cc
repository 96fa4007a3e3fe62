#include "deflate.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <queue>
#include <stdexcept>
#include <vector>

namespace kansli::common {

namespace {

struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

std::string deflate(std::string_view data, int level, FlateFormat format) {
  thread_local std::map<int, std::unique_ptr<libdeflate_compressor, CompressorDeleter>> compressors;
  auto& compressor = compressors[level];
  if (!compressor) compressor.reset(libdeflate_alloc_compressor(level));
  if (!compressor) throw std::runtime_error("out of memory (libdeflate compressor)");
  const bool zlib = format == FlateFormat::zlib;
  // Into a buffer left uninitialised (a bound is about the input's size;
  // zero-filling it cost as much as compressing a flat image), then copied
  // at its compressed size.
  const size_t bound = zlib ? libdeflate_zlib_compress_bound(compressor.get(), data.size())
                            : libdeflate_deflate_compress_bound(compressor.get(), data.size());
  const std::unique_ptr<char[]> out(new char[bound]);
  const size_t size =
      zlib ? libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.get(), bound)
           : libdeflate_deflate_compress(compressor.get(), data.data(), data.size(), out.get(), bound);
  if (size == 0) throw std::runtime_error("cannot compress (libdeflate)");
  return std::string(out.get(), size);
}

namespace {

// Match lengths 3-258: symbols 257-285, their base lengths and extra bits.
constexpr uint16_t kLengthBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
// The symbol (less 257) of each match length 3-258.
constexpr std::array<uint8_t, 259> make_length_symbols() {
  std::array<uint8_t, 259> symbols{};
  for (unsigned length = 3, symbol = 0; length < 258; ++length) {
    while (kLengthBase[symbol + 1] <= length) ++symbol;
    symbols[length] = static_cast<uint8_t>(symbol);
  }
  symbols[258] = 28;  // 258 has a symbol of its own (284 with all extra bits set is not allowed)
  return symbols;
}
constexpr std::array<uint8_t, 259> kLengthSymbol = make_length_symbols();

// The order in which a block header gives the code-length code's lengths.
constexpr uint8_t kCodeLengthOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// The depth of each leaf of a Huffman tree for `frequency` (0 for an
// unused symbol); false when one is deeper than `limit`. At least two
// symbols must be used.
bool huffman_depths(const std::vector<uint32_t>& frequency, unsigned limit, uint8_t* lengths) {
  struct Node {
    uint64_t weight;
    int left, right;  // children; for a leaf, -1 and its symbol
  };
  std::vector<Node> nodes;
  using Entry = std::pair<uint64_t, int>;  // weight, node
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (size_t symbol = 0; symbol < frequency.size(); ++symbol) {
    lengths[symbol] = 0;
    if (frequency[symbol] == 0) continue;
    nodes.push_back({frequency[symbol], -1, static_cast<int>(symbol)});
    queue.emplace(frequency[symbol], static_cast<int>(nodes.size() - 1));
  }
  while (queue.size() > 1) {
    const auto [a_weight, a] = queue.top();
    queue.pop();
    const auto [b_weight, b] = queue.top();
    queue.pop();
    nodes.push_back({a_weight + b_weight, a, b});
    queue.emplace(a_weight + b_weight, static_cast<int>(nodes.size() - 1));
  }
  std::vector<std::pair<int, unsigned>> stack{{static_cast<int>(nodes.size() - 1), 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (nodes[node].left < 0) {
      if (depth > limit) return false;
      lengths[nodes[node].right] = static_cast<uint8_t>(depth);
      continue;
    }
    stack.emplace_back(nodes[node].left, depth + 1);
    stack.emplace_back(nodes[node].right, depth + 1);
  }
  return true;
}

// Code lengths for `frequency`, none longer than `limit` bits: a Huffman
// code, its frequencies flattened (halved, the used kept at least 1) until
// it fits. Flat frequencies need only 9 bits for 286 symbols, so it ends.
void code_lengths(std::vector<uint32_t> frequency, unsigned limit, uint8_t* lengths) {
  while (!huffman_depths(frequency, limit, lengths))
    for (uint32_t& f : frequency)
      if (f) f = f / 2 + 1;
}

// The canonical codes of RFC 1951 3.2.2 for `lengths`, bits reversed (a
// Huffman code goes out most significant bit first into a stream filled
// from the least significant bit).
void canonical_codes(const uint8_t* lengths, size_t symbols, uint16_t* codes) {
  unsigned count[16] = {}, next[16] = {};
  for (size_t symbol = 0; symbol < symbols; ++symbol) ++count[lengths[symbol]];
  count[0] = 0;
  for (unsigned bits = 1, code = 0; bits < 16; ++bits) next[bits] = code = (code + count[bits - 1]) << 1;
  for (size_t symbol = 0; symbol < symbols; ++symbol) {
    const unsigned length = lengths[symbol];
    if (length == 0) continue;
    const unsigned code = next[length]++;
    unsigned reversed = 0;
    for (unsigned bit = 0; bit < length; ++bit) reversed |= ((code >> bit) & 1) << (length - 1 - bit);
    codes[symbol] = static_cast<uint16_t>(reversed);
  }
}

// Bits into a buffer sized beforehand, least significant first.
class BitWriter {
 public:
  explicit BitWriter(char* out) : out_(out) {}
  // `count` at most 32.
  void put(uint32_t bits, unsigned count) {
    buffer_ |= uint64_t{bits} << filled_;
    filled_ += count;
    if (filled_ >= 32) {
      for (int i = 0; i < 4; ++i) out_[written_++] = static_cast<char>(buffer_ >> (8 * i));
      buffer_ >>= 32;
      filled_ -= 32;
    }
  }
  // Pads to a whole byte; returns the bytes written.
  size_t finish() {
    for (; filled_ > 0; filled_ = filled_ > 8 ? filled_ - 8 : 0, buffer_ >>= 8)
      out_[written_++] = static_cast<char>(buffer_);
    return written_;
  }

 private:
  char* out_;
  uint64_t buffer_ = 0;
  unsigned filled_ = 0;
  size_t written_ = 0;
};

// A literal (0-255), or a match at distance 1 of length
// `kLengthBase[symbol - 257] + extra` (257-285); in a block header, a code
// length or a repeat (0-18) and its extra bits' value.
struct Token {
  uint16_t symbol;
  uint16_t extra;
};

}  // namespace

std::string deflate_runs(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  // Literals and runs. Data of more tokens than this is not mostly runs.
  const size_t most = n / 8 + 64;
  std::vector<Token> tokens;
  std::vector<uint32_t> frequency(286);
  for (size_t i = 0; i < n;) {
    const unsigned char byte = p[i];
    tokens.push_back({byte, 0});
    ++frequency[byte];
    // How far the byte repeats: eight at a time, then the last few.
    size_t end = i + 1;
    const uint64_t repeated = 0x0101010101010101ull * byte;
    for (uint64_t word; end + 8 <= n; end += 8) {
      std::memcpy(&word, p + end, 8);
      if (word != repeated) break;
    }
    while (end < n && p[end] == byte) ++end;
    size_t run = end - i - 1;
    while (run >= 3) {
      const unsigned length = static_cast<unsigned>(std::min<size_t>(run, 258));
      const unsigned symbol = kLengthSymbol[length];
      tokens.push_back(
          {static_cast<uint16_t>(257 + symbol), static_cast<uint16_t>(length - kLengthBase[symbol])});
      ++frequency[257 + symbol];
      run -= length;
    }
    for (; run > 0; --run) {
      tokens.push_back({byte, 0});
      ++frequency[byte];
    }
    if (tokens.size() > most) return {};
    i = end;
  }
  frequency[256] = 1;                       // the end of the block
  if (frequency[0] == 0) frequency[0] = 1;  // two symbols at least; an unused code is harmless
  uint8_t lengths[288];
  code_lengths(frequency, 15, lengths);
  size_t literal_codes = 286;
  while (lengths[literal_codes - 1] == 0) --literal_codes;  // 256 is used: at least 257 stay
  // Two distance codes of one bit: 0 is distance 1, 1 is never used.
  lengths[literal_codes] = lengths[literal_codes + 1] = 1;
  const size_t all_codes = literal_codes + 2;
  // The code lengths, run-length coded (16: the last one 3-6 times more,
  // 17: 3-10 zeros, 18: 11-138 zeros), then their own Huffman code.
  std::vector<Token> header;
  std::vector<uint32_t> header_frequency(19);
  auto add = [&](unsigned symbol, size_t extra) {
    header.push_back({static_cast<uint16_t>(symbol), static_cast<uint16_t>(extra)});
    ++header_frequency[symbol];
  };
  for (size_t i = 0; i < all_codes;) {
    const unsigned length = lengths[i];
    size_t end = i + 1;
    while (end < all_codes && lengths[end] == length) ++end;
    size_t run = end - i;
    if (length == 0) {
      for (size_t k; run >= 11; run -= k) add(18, (k = std::min<size_t>(run, 138)) - 11);
      if (run >= 3) add(17, run - 3), run = 0;
    } else {
      add(length, 0), --run;
      for (size_t k; run >= 3; run -= k) add(16, (k = std::min<size_t>(run, 6)) - 3);
    }
    for (; run > 0; --run) add(length, 0);
    i = end;
  }
  if (std::count_if(header_frequency.begin(), header_frequency.end(), [](uint32_t f) { return f > 0; }) < 2)
    ++header_frequency[header_frequency[0] ? 1 : 0];
  uint8_t header_lengths[19];
  code_lengths(header_frequency, 7, header_lengths);
  size_t header_codes = 19;
  while (header_codes > 4 && header_lengths[kCodeLengthOrder[header_codes - 1]] == 0) --header_codes;
  uint16_t codes[288] = {}, header_code[19] = {};
  canonical_codes(lengths, literal_codes, codes);
  canonical_codes(header_lengths, 19, header_code);

  // At most 7 + 7 bits a header token, 15 + 5 + 1 a data token; the zlib
  // header, the block's own header, the checksum and the writer's 4-byte
  // steps fit in 64 bytes.
  std::string out(64 + (header.size() * 14 + tokens.size() * 21) / 8, '\0');
  out[0] = 0x78, out[1] = 0x01;  // zlib: deflate, 32 KiB window, fastest
  BitWriter bits(out.data() + 2);
  bits.put(1, 1);  // the last block
  bits.put(2, 2);  // with its own Huffman codes
  bits.put(static_cast<uint32_t>(literal_codes - 257), 5);
  bits.put(2 - 1, 5);
  bits.put(static_cast<uint32_t>(header_codes - 4), 4);
  for (size_t i = 0; i < header_codes; ++i) bits.put(header_lengths[kCodeLengthOrder[i]], 3);
  for (const Token& t : header) {
    bits.put(header_code[t.symbol], header_lengths[t.symbol]);
    if (t.symbol == 16) bits.put(t.extra, 2);
    if (t.symbol == 17) bits.put(t.extra, 3);
    if (t.symbol == 18) bits.put(t.extra, 7);
  }
  for (const Token& t : tokens) {
    bits.put(codes[t.symbol], lengths[t.symbol]);
    if (t.symbol > 256) {
      if (const unsigned extra = kLengthExtra[t.symbol - 257]) bits.put(t.extra, extra);
      bits.put(0, 1);  // distance 1
    }
  }
  bits.put(codes[256], lengths[256]);
  size_t size = 2 + bits.finish();
  const uint32_t adler = libdeflate_adler32(1, data.data(), n);
  for (int shift = 24; shift >= 0; shift -= 8) out[size++] = static_cast<char>(adler >> shift);
  out.resize(size);
  return out;
}

}  // namespace kansli::common
