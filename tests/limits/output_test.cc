// Output files: only regular files are replaced, and a render that is
// interrupted, by any signal at any moment, leaves no temporary file.
#include <fmt/core.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <kansli/output_file.hpp>

#include "test_support.hpp"

extern char** environ;

namespace {

using namespace kansli::test;
namespace fs = std::filesystem;

const fs::path kExample = examples_dir() / "protokoll-au-2026-03-04.txtpb";

TEST(OutputFileKind, ADeviceIsRefusedAndKept) {
  ScratchDir dir("output-device");
  // As root, a device node of the test's own (the null device, 1:3): should
  // the refusal ever break, the test replaces its own node, not /dev/null.
  // Others cannot replace /dev/null anyway; it stands for every device.
  fs::path device = "/dev/null";
  if (::mknod((dir / "null").c_str(), S_IFCHR | 0666, ::makedev(1, 3)) == 0) device = dir / "null";
  fs::create_symlink(device, dir / "null.pdf");
  for (const std::string& target : std::vector<std::string>{device.string(), (dir / "null.pdf").string()}) {
    const auto result = run_kansli("render " + quote(kExample.string()) + " -f pdf -o " + quote(target));
    EXPECT_EQ(result.exit_code, 4) << result.err;
    EXPECT_NE(result.err.find("cannot replace " + target + ": it is not a regular file"), std::string::npos)
        << result.err;
    struct stat st {};
    ASSERT_EQ(::stat(device.c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << device << " is no longer a device";
  }
  EXPECT_TRUE(fs::is_symlink(dir / "null.pdf"));
  EXPECT_EQ(dir.files().size(), device == "/dev/null" ? 1u : 2u);
  // Standard output is the way to a device.
  const auto piped = run_kansli("render " + quote(kExample.string()) + " -o - > " + quote(device.string()));
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
}

TEST(OutputFileKind, AFifoIsRefusedWithoutBlocking) {
  ScratchDir dir("output-fifo");
  ASSERT_EQ(::mkfifo((dir / "out.pdf").c_str(), 0600), 0);
  const auto result = run("timeout 60 " + quote(KANSLI_CLI) + " render " + quote(kExample.string()) + " -o " +
                          quote((dir / "out.pdf").string()));
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("it is not a regular file"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::is_fifo(dir / "out.pdf"));
}

TEST(OutputFileKind, ARegularFileIsReplacedWhole) {
  ScratchDir dir("output-regular");
  kansli::test::write_file(dir / "out.txt", "old");
  EXPECT_TRUE(kansli::write_file_atomically(dir / "out.txt", "new").empty());
  EXPECT_EQ(read_file(dir / "out.txt"), "new");
  EXPECT_EQ(dir.files(), std::vector<std::string>{"out.txt"});
}

// A batch's files are flushed to disk a group at a time: none is visible
// before its group is committed, each is whole after, and a target that
// cannot be replaced fails alone.
TEST(OutputGroup, FilesAppearWholeWhenTheirGroupIsCommitted) {
  ScratchDir dir("output-group");
  kansli::test::write_file(dir / "a.txt", "old a");
  fs::create_directory(dir / "taken.txt");
  std::vector<std::pair<std::string, std::string>> done;  // (file, problem)
  auto note = [&done](std::string file) {
    return [&done, file](const kansli::Problems& problems) {
      done.emplace_back(file, problems.empty() ? "" : problems.front().to_string());
    };
  };
  {
    kansli::OutputGroup group(3);
    group.write(dir / "a.txt", "new a", note("a"));
    group.write(dir / "taken.txt", "never", note("taken"));
    group.write(dir / "b.txt", std::string(100000, 'b'), note("b"));
    // The directory in the way fails at once; a and b wait, unseen.
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].first, "taken");
    EXPECT_NE(done[0].second.find("cannot replace " + (dir / "taken.txt").string() + ": it is a directory"),
              std::string::npos)
        << done[0].second;
    EXPECT_EQ(dir.files(), (std::vector<std::string>{"a.txt", "taken.txt"}));
    EXPECT_EQ(read_file(dir / "a.txt"), "old a");
    group.write(dir / "c.txt", "c", note("c"));  // the third: the group is full
    group.commit();                              // waits for the group's own thread to commit it
    ASSERT_EQ(done.size(), 4u);
    EXPECT_EQ(dir.files(), (std::vector<std::string>{"a.txt", "b.txt", "c.txt", "taken.txt"}));
    group.write(dir / "d.txt", "d", note("d"));
    EXPECT_EQ(done.size(), 4u);
    EXPECT_FALSE(fs::exists(dir / "d.txt"));
  }  // the destructor commits the rest
  ASSERT_EQ(done.size(), 5u);
  for (const auto& [file, problem] : done) {
    if (file != "taken") {
      EXPECT_EQ(problem, "") << file;
    }
  }
  EXPECT_EQ(read_file(dir / "a.txt"), "new a");
  EXPECT_EQ(read_file(dir / "b.txt"), std::string(100000, 'b'));
  EXPECT_EQ(read_file(dir / "d.txt"), "d");
  EXPECT_TRUE(fs::is_directory(dir / "taken.txt"));
  EXPECT_EQ(dir.files(), (std::vector<std::string>{"a.txt", "b.txt", "c.txt", "d.txt", "taken.txt"}));
}

TEST(InterruptedRender, KilledWhileWritingLeavesNoFile) {
  // A file size limit below the document's size: the kernel sends SIGXFSZ
  // in the middle of the write, every time.
  ScratchDir dir("interrupted-write");
  const auto result = run("ulimit -f 16 && exec " + quote(KANSLI_CLI) + " render " +
                          quote(kExample.string()) + " -o " + quote((dir / "out.pdf").string()));
  EXPECT_EQ(result.exit_code, 128 + SIGXFSZ) << result.err;
  EXPECT_TRUE(dir.files().empty()) << dir.files()[0];
}

std::vector<std::string> names_in(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// True when process `pid` has a file open in `directory` (an output being
// written: O_TMPFILE shows as "DIR/#INODE (deleted)").
bool writes_into(pid_t pid, const fs::path& directory) {
  std::error_code ec;
  for (const auto& fd : fs::directory_iterator(fs::path("/proc") / std::to_string(pid) / "fd", ec)) {
    const auto target = fs::read_symlink(fd.path(), ec).string();
    if (!ec && target.rfind(directory.string() + "/", 0) == 0) return true;
  }
  return false;
}

TEST(InterruptedRender, SigtermOrSigintWhileWritingALargeRenderLeavesNoTemporaryFile) {
  ScratchDir dir("interrupted-render");
  const auto input = dir / "large.txtpb";
  const auto made = run("python3 " + quote((source_dir() / "tests/limits/large_record.py").string()) +
                        " 2 > " + quote(input.string()));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  // The output in a folder of its own: a file open there is the output.
  const fs::path out_dir = dir / "out";
  fs::create_directory(out_dir);
  const std::string output = (out_dir / "large.pdf").string();
  int interrupted = 0;
  for (int attempt = 0; attempt < 30 && interrupted < 2; ++attempt) {
    const int signal = attempt % 2 ? SIGINT : SIGTERM;
    const char* argv[] = {KANSLI_CLI, "render", input.c_str(), "-o", output.c_str(), nullptr};
    pid_t pid = 0;
    ASSERT_EQ(::posix_spawn(&pid, KANSLI_CLI, nullptr, nullptr, const_cast<char**>(argv), environ), 0);
    // Wait for the write to start, then interrupt it.
    int status = 0;
    pid_t ended = 0;
    while (!writes_into(pid, out_dir) && (ended = ::waitpid(pid, &status, WNOHANG)) == 0) {
    }
    if (ended != pid) {
      ::kill(pid, signal);
      ::waitpid(pid, &status, 0);
    }
    const auto left = names_in(out_dir);
    if (WIFSIGNALED(status)) {
      ++interrupted;
      EXPECT_EQ(WTERMSIG(status), signal);
      // Nothing; or, when the signal came while the file was being named
      // (it is deferred until the rename), the whole document. Never a
      // temporary file or part of one.
      if (!left.empty()) {
        EXPECT_EQ(left, std::vector<std::string>{"large.pdf"});
        const std::string pdf = read_file(output);
        EXPECT_NE(pdf.find("%%EOF", pdf.size() > 8 ? pdf.size() - 8 : 0), std::string::npos);
        fs::remove(output);
      }
    } else {
      // Finished first: then the document is there, whole.
      EXPECT_EQ(WEXITSTATUS(status), 0);
      const std::string pdf = read_file(output);
      EXPECT_NE(pdf.find("%%EOF", pdf.size() - 8), std::string::npos);
      EXPECT_EQ(left, std::vector<std::string>{"large.pdf"});
      fs::remove(output);
    }
  }
  EXPECT_GE(interrupted, 1) << "no render was caught while writing";
}

// A batch render writes from several threads; a signal sent to the process
// reaches any of them. Whenever it comes, what is left is whole documents
// and nothing else.
TEST(InterruptedRender, SigintDuringABatchLeavesOnlyWholeDocuments) {
  ScratchDir dir("interrupted-batch");
  const fs::path in_dir = dir / "in";
  fs::create_directory(in_dir);
  const std::string example = read_file(source_dir() / "examples/protokoll-au-2026-03-04.txtpb");
  for (int i = 0; i < 60; ++i) kansli::test::write_file(in_dir / fmt::format("p{:02}.txtpb", i), example);
  int interrupted = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    const fs::path out_dir = dir / fmt::format("out{}", attempt);
    fs::create_directory(out_dir);
    const char* argv[] = {KANSLI_CLI, "render",   in_dir.c_str(), "--outdir", out_dir.c_str(),
                          "-f",       "pdf,docx", "-j",           "2",        nullptr};
    pid_t pid = 0;
    ASSERT_EQ(::posix_spawn(&pid, KANSLI_CLI, nullptr, nullptr, const_cast<char**>(argv), environ), 0);
    // Interrupt once a few documents are written, a little later each time.
    int status = 0;
    pid_t ended = 0;
    while (names_in(out_dir).size() < static_cast<size_t>(2 + 7 * attempt) &&
           (ended = ::waitpid(pid, &status, WNOHANG)) == 0) {
    }
    if (ended != pid) {
      ::kill(pid, attempt % 2 ? SIGINT : SIGTERM);
      ::waitpid(pid, &status, 0);
    }
    if (WIFSIGNALED(status)) ++interrupted;
    for (const auto& name : names_in(out_dir)) {
      ASSERT_NE(name[0], '.') << "temporary file left: " << name;
      const std::string bytes = read_file(out_dir / name);
      if (name.ends_with(".pdf"))
        EXPECT_NE(bytes.find("%%EOF", bytes.size() - 8), std::string::npos) << name << " is not whole";
      else
        EXPECT_NE(bytes.find(std::string("PK\x05\x06", 4), bytes.size() > 64 ? bytes.size() - 64 : 0),
                  std::string::npos)
            << name << " is not a whole DOCX";
    }
  }
  EXPECT_GE(interrupted, 1) << "no batch was caught while rendering";
}

}  // namespace
