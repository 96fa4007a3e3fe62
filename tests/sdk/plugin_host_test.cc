// Issue 6: the plugin host copes with what third parties put in a plugin
// directory. Each test builds a plugin directory from the test exporters
// (tests/sdk/test_exporter.cc) and runs the real CLI on it.
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>
#include <kansli/kansli.h>

#include <filesystem>
#include <kansli/plugin_host.hpp>
#include <string>

#include "test_support.hpp"

namespace fs = std::filesystem;
using kansli::test::CommandResult;
using kansli::test::quote;

namespace {

const fs::path kProtokoll = kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb";

// The id a test exporter carries: echo-first and echo-second are both "echo".
// The impostor claims to be "pdf".
std::string id_of(const std::string& exporter) {
  if (exporter == "impostor") return "pdf";
  return exporter.rfind("echo-", 0) == 0 ? "echo" : exporter;
}

// A plugin directory (mode 0755) holding copies (mode 0755) of test
// exporters, each named after its id: kansli-exporter-<id>.so.
fs::path plugin_dir(const kansli::test::ScratchDir& scratch, const std::string& name,
                    const std::vector<std::string>& exporters) {
  const fs::path dir = scratch / name;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms(0755));
  for (const auto& exporter : exporters) {
    const fs::path file = dir / ("kansli-exporter-" + id_of(exporter) + ".so");
    fs::copy_file(fs::path(KANSLI_TEST_PLUGIN_DIR) / ("kansli-exporter-" + exporter + ".so"), file);
    fs::permissions(file, fs::perms(0755));
  }
  return dir;
}

// The CLI with KANSLI_PLUGIN_PATH set to `path`.
CommandResult kansli_with(const std::string& path, const std::string& arguments) {
  return kansli::test::run("KANSLI_PLUGIN_PATH=" + quote(path) + " " + quote(KANSLI_CLI) + " " + arguments);
}

CommandResult render_to_stdout(const std::string& path, const std::string& format) {
  return kansli_with(path, "render " + quote(kProtokoll.string()) + " -f " + format + " -o -");
}

// The line of `kansli plugins` output that lists `file`, and the line after.
std::string listing_of(const std::string& listing, const fs::path& file) {
  const size_t at = listing.find(file.string());
  if (at == std::string::npos) return {};
  const size_t start = listing.rfind('\n', at) + 1;
  size_t end = listing.find('\n', at);
  if (end != std::string::npos && listing.compare(end + 1, 4, "    ") == 0) end = listing.find('\n', end + 1);
  return listing.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

TEST(PluginHost, SameIdTwiceTheFirstInTheSearchPathWinsAndPluginsShowsIt) {
  kansli::test::ScratchDir scratch("sdk-same-id");
  const fs::path first = plugin_dir(scratch, "first", {"echo-first"});
  const fs::path second = plugin_dir(scratch, "second", {"echo-second"});
  const std::string path = first.string() + ":" + second.string();

  const auto listing = kansli_with(path, "plugins");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  const std::string shadowed = listing_of(listing.out, second / "kansli-exporter-echo.so");
  EXPECT_NE(shadowed.find("2.0.0-second"), std::string::npos) << listing.out;
  EXPECT_NE(shadowed.find("shadowed by " + (first / "kansli-exporter-echo.so").string()), std::string::npos)
      << listing.out;
  EXPECT_EQ(listing_of(listing.out, first / "kansli-exporter-echo.so").find("shadowed"), std::string::npos)
      << listing.out;

  const auto rendered = render_to_stdout(path, "echo");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.out.rfind("echo 1.0.0-first: Protokoll", 0), 0u) << rendered.out;

  // The order of the search path decides, not the file names.
  const auto swapped = render_to_stdout(second.string() + ":" + first.string(), "echo");
  ASSERT_EQ(swapped.exit_code, 0) << swapped.err;
  EXPECT_EQ(swapped.out.rfind("echo 2.0.0-second: Protokoll", 0), 0u) << swapped.out;
}

TEST(PluginHost, EntryPointThatThrowsOrReturnsNothingIsReportedAndTheOthersStillLoad) {
  kansli::test::ScratchDir scratch("sdk-entry-fails");
  const fs::path dir = plugin_dir(scratch, "plugins", {"throws", "null", "echo-first"});

  const auto listing = kansli_with(dir.string(), "plugins");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  EXPECT_NE(listing_of(listing.out, dir / "kansli-exporter-throws.so")
                .find("error: entry point failed: cannot start: licence file missing"),
            std::string::npos)
      << listing.out;
  EXPECT_NE(listing_of(listing.out, dir / "kansli-exporter-null.so")
                .find("error: entry point returned no descriptor"),
            std::string::npos)
      << listing.out;
  EXPECT_NE(listing_of(listing.out, dir / "kansli-exporter-echo.so").find("echo "), std::string::npos)
      << listing.out;

  const auto rendered = render_to_stdout(dir.string(), "echo");
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.out.rfind("echo 1.0.0-first:", 0), 0u) << rendered.out;
  const auto broken = render_to_stdout(dir.string(), "throws");
  EXPECT_EQ(broken.exit_code, 3) << broken.out;
  EXPECT_NE(
      broken.err.find("exporter 'throws' cannot be used; " + (dir / "kansli-exporter-throws.so").string() +
                      ": entry point failed: cannot start: licence file missing"),
      std::string::npos)
      << broken.err;
}

TEST(PluginHost, FileInThePluginDirectoryThatIsNotALibraryIsReportedAndSkipped) {
  kansli::test::ScratchDir scratch("sdk-not-a-library");
  const fs::path dir = plugin_dir(scratch, "plugins", {"echo-first"});
  kansli::test::write_file(dir / "kansli-exporter-notes.so", "Anteckningar, inte ett bibliotek.\n");
  fs::permissions(dir / "kansli-exporter-notes.so", fs::perms(0644));

  const auto listing = kansli_with(dir.string(), "plugins");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  EXPECT_NE(
      listing_of(listing.out, dir / "kansli-exporter-notes.so").find("error: not a loadable shared library"),
      std::string::npos)
      << listing.out;
  const auto rendered = render_to_stdout(dir.string(), "echo");
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.out.rfind("echo 1.0.0-first:", 0), 0u) << rendered.out;
}

TEST(PluginHost, PluginFileWritableByOthersIsRefusedWithAWarning) {
  kansli::test::ScratchDir scratch("sdk-writable-file");
  const fs::path dir = plugin_dir(scratch, "plugins", {"echo-first"});
  const fs::path file = dir / "kansli-exporter-echo.so";
  for (const auto mode : {fs::perms(0775), fs::perms(0757)}) {
    fs::permissions(file, mode);
    const auto rendered = render_to_stdout(dir.string(), "echo");
    EXPECT_EQ(rendered.exit_code, 3) << rendered.out;
    EXPECT_NE(rendered.err.find("warning: plugin " + file.string() + " refused: " + file.string() +
                                " is writable by others (chmod go-w"),
              std::string::npos)
        << rendered.err;
    const auto listing = kansli_with(dir.string(), "plugins");
    EXPECT_NE(listing_of(listing.out, file).find("error: refused:"), std::string::npos) << listing.out;
    EXPECT_NE(listing.err.find("writable by others"), std::string::npos) << listing.err;
  }
  // Tightened, it loads again.
  fs::permissions(file, fs::perms(0755));
  const auto rendered = render_to_stdout(dir.string(), "echo");
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.err.find("warning"), std::string::npos) << rendered.err;
}

TEST(PluginHost, PluginDirectoryWritableByOthersIsRefusedWithAWarning) {
  kansli::test::ScratchDir scratch("sdk-writable-dir");
  const fs::path dir = plugin_dir(scratch, "plugins", {"echo-first"});
  fs::permissions(dir, fs::perms(0777));
  const auto rendered = render_to_stdout(dir.string(), "echo");
  EXPECT_EQ(rendered.exit_code, 3) << rendered.out;
  EXPECT_NE(rendered.err.find("refused: " + dir.string() + " is writable by others"), std::string::npos)
      << rendered.err;
  fs::permissions(dir, fs::perms(0755));
  EXPECT_EQ(render_to_stdout(dir.string(), "echo").exit_code, 0);
}

TEST(PluginHost, PluginForANewerAbiIsRefusedWhileTheOldestSupportedStillLoads) {
  kansli::test::ScratchDir scratch("sdk-abi");
  const fs::path dir = plugin_dir(scratch, "plugins", {"future", "oldest"});

  const auto listing = kansli_with(dir.string(), "plugins");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  const std::string expected =
      "error: built for exporter ABI " + std::to_string(KANSLI_EXPORTER_ABI_VERSION + 1) +
      ", newer than this kansli supports (" + std::to_string(KANSLI_EXPORTER_ABI_MIN_VERSION) + "-" +
      std::to_string(KANSLI_EXPORTER_ABI_VERSION) + "); update kansli";
  EXPECT_NE(listing_of(listing.out, dir / "kansli-exporter-future.so").find(expected), std::string::npos)
      << listing.out;
  const std::string oldest = listing_of(listing.out, dir / "kansli-exporter-oldest.so");
  EXPECT_NE(oldest.find("0.9.0-oldest"), std::string::npos) << listing.out;
  EXPECT_EQ(oldest.find("error"), std::string::npos) << listing.out;

  const auto rendered = render_to_stdout(dir.string(), "oldest");
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.out.rfind("echo 0.9.0-oldest: Protokoll", 0), 0u) << rendered.out;
  EXPECT_EQ(render_to_stdout(dir.string(), "future").exit_code, 3);
}

// KANSLI_STATIC_EXPORTERS in small: an exporter linked into the program
// (this test executable) is found by its symbol kansli_exporter_entry_<id>.
TEST(PluginHost, ExporterLinkedIntoTheProgramIsFoundThroughBoostDll) {
  kansli::PluginHost host([](const std::string& warning) { ADD_FAILURE() << warning; });
  (void)host.load_linked("linkedtest");
  (void)host.load_linked("absent");
  const kansli::Plugin* linked = host.find("linkedtest");
  ASSERT_NE(linked, nullptr) << (host.plugins().empty() ? "" : host.plugins()[0].error);
  EXPECT_TRUE(linked->built_in);
  EXPECT_EQ(linked->version, "1.0.0-linked");

  kansli::ir::Document ir;
  ir.mutable_metadata()->set_title("Protokoll, Styrelsen");
  const auto result = kansli::PluginHost::render(*linked, ir.SerializeAsString(), {});
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.bytes, "echo 1.0.0-linked: Protokoll, Styrelsen\n");

  ASSERT_EQ(host.plugins().size(), 2u);
  EXPECT_NE(host.plugins()[1].error.find("no symbol kansli_exporter_entry_absent"), std::string::npos)
      << host.plugins()[1].error;
}

namespace {

int append(void* context, const void* data, size_t size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), size);
  return 0;
}

// Renders the protokoll with `exporter` in a context made from `options`.
std::string render_with(const kansli_context_options& options, const char* exporter, std::string& error) {
  kansli_context* context = kansli_context_create_with(&options);
  if (!context) return "(no context)";
  const std::string input = kansli::test::read_file(kProtokoll);
  std::string out;
  if (kansli_render(context, input.data(), input.size(), KANSLI_INPUT_TEXT, exporter, nullptr, 0, &append,
                    &out) != KANSLI_OK)
    error = kansli_last_error(context);
  kansli_context_destroy(context);
  return out;
}

}  // namespace

// Issue 11: an embedding program decides where code comes from; its user's
// KANSLI_PLUGIN_PATH cannot load a plugin into it, nor replace "pdf".
TEST(Embedding, RestrictedSearchDoesNotLoadAPluginFromKansliPluginPath) {
  kansli::test::ScratchDir scratch("sdk-embedding");
  const fs::path environment = plugin_dir(scratch, "environment", {"impostor", "echo-first"});
  ASSERT_EQ(::setenv("KANSLI_PLUGIN_PATH", environment.c_str(), 1), 0);
  kansli_context_options options;
  kansli_context_options_init(&options);
  std::string error;

  // The defaults search the environment: its "pdf" wins.
  EXPECT_EQ(render_with(options, "pdf", error).rfind("echo 6.6.6-impostor: Protokoll", 0), 0u) << error;

  // Without the environment: the real pdf exporter; no echo.
  options.use_environment = 0;
  error.clear();
  EXPECT_EQ(render_with(options, "pdf", error).rfind("%PDF-", 0), 0u) << error;
  EXPECT_EQ(render_with(options, "echo", error), "");
  EXPECT_NE(error.find("no exporter 'echo'"), std::string::npos) << error;

  // Only the directories the program names.
  options.use_default_path = 0;
  const std::string own = environment.string();
  options.plugin_path = own.c_str();
  error.clear();
  EXPECT_EQ(render_with(options, "echo", error).rfind("echo 1.0.0-first", 0), 0u) << error;
  options.plugin_path = nullptr;
  EXPECT_EQ(render_with(options, "pdf", error), "");
  EXPECT_NE(error.find("no exporter 'pdf'"), std::string::npos) << error;
  kansli_context* none = kansli_context_create_with(&options);
  EXPECT_EQ(kansli_exporter_count(none), 0u);
  kansli_context_destroy(none);
  ::unsetenv("KANSLI_PLUGIN_PATH");
}
