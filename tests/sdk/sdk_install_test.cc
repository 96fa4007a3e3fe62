// Issue 6: a third party builds an exporter with nothing but the installed
// SDK. `cmake --install` into a scratch prefix, build
// examples/exporter-markdown against it with find_package(kansli), load it
// through KANSLI_PLUGIN_PATH and render every example; build a C program
// with pkg-config against the same prefix.
#include <gtest/gtest.h>
#include <kansli/exporter.h>

#include <filesystem>
#include <regex>
#include <string>

#include "test_support.hpp"

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
  for (const char* installed :
       {"libkansli_core.so", "libkansli_proto.so", "libkansli_reference_document.so",
        "cmake/kansli/kansliConfig.cmake", "pkgconfig/kansli.pc", "pkgconfig/kansli-exporter.pc"})
    EXPECT_TRUE(fs::exists(libdir / installed)) << installed;
  // Installed programs, libraries and plugins look for libraries only in
  // the prefix's library folder: no empty RUNPATH entry (the current
  // directory) and nothing beside or above the prefix.
  const fs::path canonical_libdir = fs::canonical(libdir);
  for (const auto& entry : fs::recursive_directory_iterator(prefix)) {
    if (!entry.is_regular_file() ||
        (entry.path().extension() != ".so" && entry.path().string().find(".so.") == std::string::npos &&
         entry.path().parent_path().filename() != "bin" &&
         entry.path().filename() != "kansli-exporter-worker"))
      continue;
    const auto dynamic = run("readelf -d " + quote(entry.path().string()));
    std::smatch runpath;
    static const std::regex kRunpath(R"(\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[([^\]]*)\])");
    if (!std::regex_search(dynamic.out, runpath, kRunpath)) continue;
    std::string folders = runpath[1].str();
    for (size_t start = 0;;) {
      const size_t end = folders.find(':', start);
      std::string folder = folders.substr(start, end == std::string::npos ? end : end - start);
      EXPECT_FALSE(folder.empty()) << entry.path() << ": an empty RUNPATH entry in [" << folders << "]";
      if (folder.rfind("$ORIGIN", 0) == 0) folder = entry.path().parent_path().string() + folder.substr(7);
      std::error_code ec;
      EXPECT_EQ(fs::canonical(folder, ec), canonical_libdir)
          << entry.path() << ": RUNPATH [" << folders << "]";
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  // The json exporter: a plugin, or linked into the core library.
  const fs::path json = KANSLI_STATIC_EXPORTERS_BUILD ? libdir / "libkansli_core.so"
                                                      : libdir / "kansli/plugins/kansli-exporter-json.so";
  EXPECT_TRUE(fs::exists(json)) << json;

  // find_package(kansli) from the prefix, outside kansli's source tree.
  // The example as the SDK installs it.
  ASSERT_TRUE(
      succeeds("cmake -S " + quote((prefix / "share/doc/kansli/examples/exporter-markdown").string()) +
               " -B " + quote(build.string()) +
               " -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=" + quote(prefix.string()) + " >/dev/null"));
  ASSERT_TRUE(succeeds("cmake --build " + quote(build.string()) + " >/dev/null"));
  const fs::path plugin = build / "kansli-exporter-markdown.so";
  ASSERT_TRUE(fs::exists(plugin));
  // Whatever the umask, the host refuses plugins others may replace.
  fs::permissions(build, fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);
  fs::permissions(plugin, fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);

  // The installed CLI lists it (and its own json exporter, not the build tree's).
  const std::string cli =
      "KANSLI_PLUGIN_PATH=" + quote(build.string()) + " " + quote((prefix / "bin/kansli").string());
  const auto listing = run(cli + " plugins");
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  EXPECT_TRUE(
      std::regex_search(listing.out, std::regex("\\nmarkdown +Markdown \\(GitHub Flavored\\) +1\\.0\\.0 +" +
                                                std::to_string(KANSLI_EXPORTER_ABI_VERSION) + " +md +" +
                                                plugin.string() + " \\(isolated\\)\\n")))
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

// The Word reference document reader is a module the core loads on first
// use (core/CMakeLists.txt): installed beside the core library, found there
// by an installed kansli; without it, a clear error at the style's field
// and nothing written.
TEST(Sdk, InstalledKansliReadsAWordReferenceDocumentThroughItsModule) {
  kansli::test::ScratchDir scratch("sdk-reference-document");
  const fs::path prefix = scratch / "prefix";
  const fs::path libdir = prefix / KANSLI_INSTALL_LIBDIR;
  ASSERT_TRUE(succeeds("cmake --install " + quote(KANSLI_BUILD_DIR) + " --prefix " + quote(prefix.string()) +
                       " >/dev/null"));
  ASSERT_TRUE(fs::exists(libdir / "libkansli_reference_document.so"));
  const std::string render =
      quote((prefix / "bin/kansli").string()) + " render " +
      quote((kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb").string()) + " --style " +
      quote((kansli::test::examples_dir() / "husstil" / "wordmall.txtpb").string()) + " -f docx -o ";
  const auto good = run(render + quote((scratch / "p.docx").string()));
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_TRUE(fs::exists(scratch / "p.docx"));
  // The library core itself links neither libzip nor libxml2.
  const auto libraries = run("ldd " + quote((libdir / "libkansli_core.so").string()));
  EXPECT_EQ(libraries.out.find("libzip"), std::string::npos) << libraries.out;
  EXPECT_EQ(libraries.out.find("libxml2"), std::string::npos) << libraries.out;

  fs::remove(libdir / "libkansli_reference_document.so");
  const auto bad = run(render + quote((scratch / "q.docx").string()));
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_NE(bad.err.find("wordmall.txtpb:9:1: cannot read Word reference documents: kansli's module "),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("libkansli_reference_document.so does not load"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(scratch / "q.docx"));
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
  ASSERT_TRUE(succeeds("cc -std=c11 -Wall -Wextra -Werror -pedantic " + quote(KANSLI_C_API_TEST_SOURCE) +
                       " -o " + quote(program.string()) + " $(" + pkg_config +
                       " --cflags --libs kansli) -Wl,-rpath," +
                       quote((prefix / KANSLI_INSTALL_LIBDIR).string())));
  // It must use the installed library and plugins, not the build tree's.
  const auto libraries = run("ldd " + quote(program.string()));
  EXPECT_NE(libraries.out.find((prefix / KANSLI_INSTALL_LIBDIR / "libkansli_core.so.0").string()),
            std::string::npos)
      << libraries.out;
  const auto result = run(quote(program.string()) + " " +
                          quote((kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb").string()));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

// Issue 11: the ABI promise of kansli/exporter.h holds for a plugin built
// with the C++ helpers against the SDK of an older IR schema. The test makes
// that SDK from the installed one as the previous release shipped it:
// ir.proto without its newest field (Document.features), KANSLI_IR_VERSION
// one lower, and libkansli_proto built from that schema with its SOVERSION.
// A plugin built against it is refused in-process with a clear message (its
// C++ classes differ from the host's: loading it would be undefined
// behaviour) and works isolated, beside its own libkansli_proto.
TEST(AbiPromise, PluginBuiltAgainstAnOlderSchemaIsRefusedInProcessAndWorksIsolated) {
  constexpr unsigned kOld = KANSLI_IR_VERSION - 1;
  kansli::test::ScratchDir scratch("sdk-old-schema");
  const fs::path prefix = scratch / "prefix", old = scratch / "old-sdk", plugins = scratch / "plugins";
  ASSERT_TRUE(succeeds("cmake --install " + quote(KANSLI_BUILD_DIR) + " --prefix " + quote(prefix.string()) +
                       " >/dev/null"));
  for (const fs::path& dir : {old / "include", old / "lib", old / "proto", plugins})
    fs::create_directories(dir);
  fs::permissions(plugins, fs::perms(0755));
  fs::copy(prefix / "include", old / "include", fs::copy_options::recursive);
  fs::copy(prefix / "share/kansli/proto", old / "proto", fs::copy_options::recursive);

  // The previous schema: without the newest IR field, one version lower.
  const fs::path ir_proto = old / "proto/kansli/ir.proto";
  ASSERT_NE(kansli::test::read_file(ir_proto).find("  repeated string features = 6;\n"), std::string::npos);
  ASSERT_TRUE(succeeds("sed -i '/repeated string features = 6;/d' " + quote(ir_proto.string())));
  ASSERT_TRUE(succeeds("sed -i 's/^#define KANSLI_IR_VERSION .*/#define KANSLI_IR_VERSION " +
                       std::to_string(kOld) + "u/' " + quote((old / "include/kansli/exporter.h").string())));
  ASSERT_TRUE(succeeds("cd " + quote((old / "proto").string()) +
                       " && protoc --cpp_out=" + quote((old / "include").string()) +
                       " kansli/model.proto kansli/annual_report.proto kansli/style.proto kansli/ir.proto"));
  const std::string soname = "libkansli_proto.so." + std::to_string(kOld);
  const std::string compiler =
      "$(command -v ccache) c++ -std=c++17 -O0 -fPIC -w -I" + quote((old / "include").string());
  ASSERT_TRUE(succeeds(compiler + " -shared -Wl,-soname," + soname + " -o " +
                       quote((old / "lib" / soname).string()) + " " +
                       quote((old / "include/kansli/model.pb.cc").string()) + " " +
                       quote((old / "include/kansli/annual_report.pb.cc").string()) + " " +
                       quote((old / "include/kansli/style.pb.cc").string()) + " " +
                       quote((old / "include/kansli/ir.pb.cc").string()) + " -lprotobuf"));
  fs::create_symlink(soname, old / "lib/libkansli_proto.so");

  // A third party's exporter, built with exporter_support.hpp against it.
  const fs::path plugin = plugins / "kansli-exporter-oldschema.so";
  ASSERT_TRUE(succeeds(compiler + " -shared -fvisibility=hidden -DKANSLI_TEST_VARIANT=KANSLI_TEST_ECHO " +
                       "-DKANSLI_TEST_ID='\"oldschema\"' -DKANSLI_TEST_VERSION='\"1.0.0-old\"' " +
                       quote(KANSLI_TEST_EXPORTER_SOURCE) + " -o " + quote(plugin.string()) + " -L" +
                       quote((old / "lib").string()) + " -Wl,-rpath," + quote((old / "lib").string()) +
                       " -lkansli_proto -lprotobuf"));
  fs::permissions(plugin, fs::perms(0755));
  EXPECT_NE(run("readelf -d " + quote(plugin.string())).out.find("[" + soname + "]"), std::string::npos);

  const std::string cli =
      "KANSLI_PLUGIN_PATH=" + quote(plugins.string()) + " " + quote((prefix / "bin/kansli").string());
  const std::string example =
      quote((kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb").string());
  // In-process: refused at load, with the reason and the way out.
  const auto refused = run(cli + " render " + example + " -f oldschema -o - --isolation never");
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("built against another IR schema (" + soname + "); this kansli has IR schema " +
                             std::to_string(KANSLI_IR_VERSION) + " (libkansli_proto.so." +
                             std::to_string(KANSLI_IR_VERSION) +
                             "): rebuild the plugin against this kansli's SDK, or "
                             "run it isolated (--isolate)"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(refused.out, "");
  // Isolated (the default for a plugin outside kansli's directories): it
  // works, and reads the fields its schema knows.
  const auto isolated = run(cli + " render " + example + " -f oldschema -o -");
  EXPECT_EQ(isolated.exit_code, 0) << isolated.err;
  EXPECT_EQ(isolated.out, "echo 1.0.0-old: Protokoll, Arbetsutskottet, 2026-03-04\n");
  const auto listing = run(cli + " plugins");
  EXPECT_NE(listing.out.find("oldschema "), std::string::npos) << listing.out;
}
