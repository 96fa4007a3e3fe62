// Issue 6: a third party builds an exporter with nothing but the installed
// SDK. `cmake --install` into a scratch prefix, build
// examples/exporter-markdown against it with find_package(kansli), load it
// through KANSLI_PLUGIN_PATH and render every example; build a C program
// with pkg-config against the same prefix.
#include <kansli/exporter.h>

#include <gtest/gtest.h>

#include <regex>

#include "test_support.hpp"

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using kansli::test::quote;
using kansli::test::run;

namespace {

// Runs `command` and fails the test with its output when it fails.
::testing::AssertionResult succeeds(const std::string& command) {
  const auto result = run(command);
  if (result.exit_code == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << command << "\nexit " << result.exit_code << "\n"
                                       << result.out << result.err;
}

}  // namespace

TEST(Sdk, ThirdPartyExporterBuiltAgainstTheInstalledSdkRendersEveryExample) {
  kansli::test::ScratchDir scratch("sdk-install");
  const fs::path prefix = scratch / "prefix";
  const fs::path build = scratch / "exporter-markdown";
  const fs::path libdir = prefix / KANSLI_INSTALL_LIBDIR;
  ASSERT_TRUE(succeeds("cmake --install " + quote(KANSLI_BUILD_DIR) + " --prefix " + quote(prefix.string()) +
                       " >/dev/null"));
  for (const char* installed :
       {"bin/kansli", "libexec/kansli/kansli-exporter-worker", "include/kansli/exporter.h",
        "include/kansli/exporter_support.hpp", "include/kansli/kansli.h", "include/kansli/ir.pb.h",
        "share/kansli/proto/kansli/ir.proto", "share/kansli/proto/kansli/model.proto",
        "share/doc/kansli/writing-an-exporter.md", "share/doc/kansli/embedding.md",
        "share/doc/kansli/examples/exporter-markdown/CMakeLists.txt",
        "share/doc/kansli/examples/exporter-markdown/markdown_exporter.cc"})
    EXPECT_TRUE(fs::exists(prefix / installed)) << installed;
  for (const char* installed : {"libkansli_core.so", "libkansli_proto.so", "cmake/kansli/kansliConfig.cmake",
                                "pkgconfig/kansli.pc", "pkgconfig/kansli-exporter.pc"})
    EXPECT_TRUE(fs::exists(libdir / installed)) << installed;
  // The json exporter: a plugin, or linked into the core library.
  const fs::path json = KANSLI_STATIC_EXPORTERS_BUILD ? libdir / "libkansli_core.so"
                                                      : libdir / "kansli/plugins/kansli-exporter-json.so";
  EXPECT_TRUE(fs::exists(json)) << json;

  // find_package(kansli) from the prefix, outside kansli's source tree.
  // The example as the SDK installs it.
  ASSERT_TRUE(succeeds("cmake -S " + quote((prefix / "share/doc/kansli/examples/exporter-markdown").string()) +
                       " -B " + quote(build.string()) + " -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=" +
                       quote(prefix.string()) + " >/dev/null"));
  ASSERT_TRUE(succeeds("cmake --build " + quote(build.string()) + " >/dev/null"));
  const fs::path plugin = build / "kansli-exporter-markdown.so";
  ASSERT_TRUE(fs::exists(plugin));
  // Whatever the umask, the host refuses plugins others may replace.
  fs::permissions(build, fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);
  fs::permissions(plugin, fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);

  // The installed CLI lists it (and its own json exporter, not the build tree's).
  const std::string cli = "KANSLI_PLUGIN_PATH=" + quote(build.string()) + " " + quote((prefix / "bin/kansli").string());
  const auto listing = run(cli + " plugins");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  EXPECT_TRUE(std::regex_search(
      listing.out, std::regex("\\nmarkdown +Markdown \\(GitHub Flavored\\) +1\\.0\\.0 +" +
                              std::to_string(KANSLI_EXPORTER_ABI_VERSION) + " +md +" + plugin.string() +
                              " \\(isolated\\)\\n")))
      << listing.out;
  EXPECT_NE(listing.out.find(KANSLI_STATIC_EXPORTERS_BUILD ? json.filename().string() : json.string()),
            std::string::npos)
      << listing.out;
  EXPECT_EQ(listing.out.find(KANSLI_BUILD_PLUGIN_DIR), std::string::npos) << listing.out;

  // Every example, rendered to Markdown that a Markdown reader (pandoc)
  // reads back with every word of the source in order; the footnote marks
  // (pandoc writes "word[1]") are dropped for that comparison, and the
  // footnote texts checked in the full text.
  const fs::path drop_notes = scratch / "drop-notes.lua";
  kansli::test::write_file(drop_notes, "function Note(note) return {} end\n");
  const auto examples = kansli::test::example_files();
  ASSERT_FALSE(examples.empty());
  for (const auto& example : examples) {
    SCOPED_TRACE(example.filename().string());
    const fs::path output = scratch / (example.stem().string() + ".md");
    const auto rendered = run(cli + " render " + quote(example.string()) + " -o " + quote(output.string()));
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    const std::string pandoc = "pandoc -f gfm -t plain --wrap=none " + quote(output.string());
    const auto body = run(pandoc + " --lua-filter=" + quote(drop_notes.string()));
    ASSERT_EQ(body.exit_code, 0) << body.err;
    EXPECT_EQ(kansli::test::missing_in_order(kansli::test::source_words(example), body.out), "");
    const auto text = run(pandoc);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(kansli::test::missing_in_order(kansli::test::footnote_words(example), text.out), "");
  }
}

TEST(Sdk, CProgramBuildsWithPkgConfigAgainstTheInstalledSdk) {
  kansli::test::ScratchDir scratch("sdk-pkg-config");
  const fs::path prefix = scratch / "prefix";
  ASSERT_TRUE(succeeds("cmake --install " + quote(KANSLI_BUILD_DIR) + " --prefix " + quote(prefix.string()) +
                       " >/dev/null"));
  const std::string pkg_config =
      "PKG_CONFIG_PATH=" + quote((prefix / KANSLI_INSTALL_LIBDIR / "pkgconfig").string()) + " pkg-config";
  const auto version = run(pkg_config + " --modversion kansli kansli-exporter");
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, "0.1.0\n0.1.0\n");
  const auto abi = run(pkg_config + " --variable=abi_version kansli-exporter");
  EXPECT_EQ(abi.out, std::to_string(KANSLI_EXPORTER_ABI_VERSION) + "\n");

  // The C API test, compiled as a user would: cc + pkg-config, nothing else.
  const fs::path program = scratch / "c_api_test";
  ASSERT_TRUE(succeeds("cc -std=c11 -Wall -Wextra -Werror -pedantic " + quote(KANSLI_C_API_TEST_SOURCE) + " -o " +
                       quote(program.string()) + " $(" + pkg_config + " --cflags --libs kansli) -Wl,-rpath," +
                       quote((prefix / KANSLI_INSTALL_LIBDIR).string())));
  // It must use the installed library and plugins, not the build tree's.
  const auto libraries = run("ldd " + quote(program.string()));
  EXPECT_NE(libraries.out.find((prefix / KANSLI_INSTALL_LIBDIR / "libkansli_core.so.0").string()), std::string::npos)
      << libraries.out;
  const auto result = run(quote(program.string()) + " " +
                          quote((kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb").string()));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}
