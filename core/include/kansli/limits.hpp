// The limits kansli puts on every input document (docs/limits.md explains
// each one). load_document and load_document_file check all of them before
// any other work and refuse a document past one with a Problem at the
// offending place, so that validate, compose and the exporters only ever see
// documents inside these bounds. Constants only; no state, thread-safe.
#ifndef KANSLI_LIMITS_HPP
#define KANSLI_LIMITS_HPP

#include <cstddef>
#include <cstdint>

namespace kansli::limits {

// Bytes of one input document, in any format.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} * 1024 * 1024;
// Nesting of messages and lists ({ } < > [ ] in text format, { } [ ] in
// JSON, messages in binary), counted in the input text before parsing, so
// that it also bounds unknown fields.
inline constexpr int kMaxDepth = 32;
// Elements of one repeated field (items, blocks, rows, cells, lines, ...).
inline constexpr int kMaxRepeated = 10000;
// Bytes of one word: a run of characters without an ASCII space, tab or line
// break, in any string field.
inline constexpr std::size_t kMaxWordBytes = std::size_t{1024} * 1024;
// Magnitude of every 64-bit integer (amounts in kronor, populations):
// 10^13 kronor, about a thousand times the Swedish state's yearly budget.
inline constexpr std::int64_t kMaxAmount = 10'000'000'000'000;
// Statement lines (kansli.model.StatementLine) in one document, all
// statements and notes together. With kMaxAmount this keeps every sum the
// core forms below 10^17, far from the 64-bit limit (9.2 * 10^18).
inline constexpr int kMaxStatementLines = 10000;

}  // namespace kansli::limits

#endif
