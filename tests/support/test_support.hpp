// Helpers shared by the tests: run commands (the CLI, poppler, qpdf, ...),
// find the examples, make scratch directories.
#ifndef KANSLI_TEST_SUPPORT_HPP
#define KANSLI_TEST_SUPPORT_HPP

#include <kansli/ir.pb.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kansli::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs `command` through /bin/sh and captures both streams.
CommandResult run(const std::string& command);
// Runs the kansli CLI with `arguments` (already shell-quoted where needed).
CommandResult run_kansli(const std::string& arguments);
// Single-quotes a string for /bin/sh.
std::string quote(const std::string& text);

std::filesystem::path source_dir();
std::filesystem::path examples_dir();
// The meeting-record and report examples: examples/*.txtpb.
std::vector<std::filesystem::path> example_files();
// ../shared next to the repository (reference documents).
std::filesystem::path shared_dir();

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// A fresh, empty directory under the build tree, removed when destroyed.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Names of the files in the directory, sorted.
  std::vector<std::string> files() const;

 private:
  std::filesystem::path path_;
};

// The words of an example's source text, in the order every rendering
// shows them: every string field of the record, in field order, with inline
// Markdown syntax removed. Identifiers, URLs and fields that renderings
// reformat (dates, times) are left out; so are footnote texts, which a page
// layout moves to the page foot (see footnote_words). Where a meeting
// record's presentation choices move or replace words, only the words whose
// order the fields still give are listed (to_reading_order in
// test_support.cc).
std::vector<std::string> source_words(const std::filesystem::path& example);
// The words of every footnote text of an example.
std::vector<std::string> footnote_words(const std::filesystem::path& example);

// The words of `text` (split on whitespace).
std::vector<std::string> words(const std::string& text);
// Checks that every word of `expected` occurs in `actual` in the same order
// (other words may come between). Returns an empty string, or a description
// of the first word not found with its context.
std::string missing_in_order(const std::vector<std::string>& expected, const std::string& actual);

// A footnote mark is set right after its word ("vidare³."), which the
// source does not have ("vidare[^lok]."). Both sides drop digits that follow
// a character other than a space or a digit, so "vidare3." and "vidare."
// compare equal (and "2+1" becomes "2+" on both sides alike).
std::string drop_marks(const std::string& text);
std::vector<std::string> drop_marks(const std::vector<std::string>& words);

// Appends a two-column table of `kind` with `rows` rows to `doc`: cells
// "<label>1" / "<value>1", "<label>2" / "<value>2", ...
ir::Table* add_numbered_table(ir::Document& doc, ir::Table::Kind kind, int rows, const std::string& label,
                              const std::string& value);

}  // namespace kansli::test

#endif
