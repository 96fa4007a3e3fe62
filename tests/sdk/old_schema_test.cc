// Issue 11: the ABI promise of kansli/exporter.h holds for a plugin built
// with the C++ helpers against the SDK of an older IR schema. The test makes
// that SDK from the installed one as the previous release shipped it:
// ir.proto without its newest field (Document.features), KANSLI_IR_VERSION
// one lower, and libkansli_proto built from that schema with its SOVERSION.
// A plugin built against it is refused in-process with a clear message (its
// C++ classes differ from the host's: loading it would be undefined
// behaviour) and works isolated, beside its own libkansli_proto.
#include <kansli/exporter.h>

#include <gtest/gtest.h>

#include "test_support.hpp"

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using kansli::test::quote;
using kansli::test::run;

namespace {

::testing::AssertionResult succeeds(const std::string& command) {
  const auto result = run(command);
  if (result.exit_code == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << command << "\nexit " << result.exit_code << "\n" << result.out << result.err;
}

}  // namespace

TEST(AbiPromise, PluginBuiltAgainstAnOlderSchemaIsRefusedInProcessAndWorksIsolated) {
  constexpr unsigned kOld = KANSLI_IR_VERSION - 1;
  kansli::test::ScratchDir scratch("sdk-old-schema");
  const fs::path prefix = scratch / "prefix", old = scratch / "old-sdk", plugins = scratch / "plugins";
  ASSERT_TRUE(succeeds("cmake --install " + quote(KANSLI_BUILD_DIR) + " --prefix " + quote(prefix.string()) +
                       " >/dev/null"));
  for (const fs::path& dir : {old / "include", old / "lib", old / "proto", plugins}) fs::create_directories(dir);
  fs::permissions(plugins, fs::perms(0755));
  fs::copy(prefix / "include", old / "include", fs::copy_options::recursive);
  fs::copy(prefix / "share/kansli/proto", old / "proto", fs::copy_options::recursive);

  // The previous schema: without the newest IR field, one version lower.
  const fs::path ir_proto = old / "proto/kansli/ir.proto";
  ASSERT_NE(kansli::test::read_file(ir_proto).find("  repeated string features = 6;\n"), std::string::npos);
  ASSERT_TRUE(succeeds("sed -i '/repeated string features = 6;/d' " + quote(ir_proto.string())));
  ASSERT_TRUE(succeeds("sed -i 's/^#define KANSLI_IR_VERSION .*/#define KANSLI_IR_VERSION " + std::to_string(kOld) +
                       "u/' " + quote((old / "include/kansli/exporter.h").string())));
  ASSERT_TRUE(succeeds("cd " + quote((old / "proto").string()) + " && protoc --cpp_out=" +
                       quote((old / "include").string()) +
                       " kansli/model.proto kansli/annual_report.proto kansli/ir.proto"));
  const std::string soname = "libkansli_proto.so." + std::to_string(kOld);
  const std::string compiler = "$(command -v ccache) c++ -std=c++17 -O0 -fPIC -w -I" + quote((old / "include").string());
  ASSERT_TRUE(succeeds(compiler + " -shared -Wl,-soname," + soname + " -o " + quote((old / "lib" / soname).string()) +
                       " " + quote((old / "include/kansli/model.pb.cc").string()) + " " +
                       quote((old / "include/kansli/annual_report.pb.cc").string()) + " " +
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
  const std::string example = quote((kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb").string());
  // In-process: refused at load, with the reason and the way out.
  const auto refused = run(cli + " render " + example + " -f oldschema -o - --isolation never");
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("built against another IR schema (" + soname + "); this kansli has IR schema " +
                             std::to_string(KANSLI_IR_VERSION) + " (libkansli_proto.so." +
                             std::to_string(KANSLI_IR_VERSION) + "): rebuild the plugin against this kansli's SDK, or "
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
