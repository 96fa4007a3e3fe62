// The plugin host given plugins that misbehave: each is reported, none
// crashes the host, and the good ones keep working.
#include "test_support.hpp"

#include <kansli/ir.pb.h>
#include <kansli/plugin_host.hpp>

#include <gtest/gtest.h>

namespace {

using namespace kansli::test;

const kansli::Plugin* by_file(const kansli::PluginHost& host, const std::string& file) {
  for (const auto& plugin : host.plugins())
    if (plugin.path.filename() == file) return &plugin;
  return nullptr;
}

TEST(PluginHost, RefusesAPluginBuiltForANewerAbi) {
  kansli::PluginHost host;
  host.load_file(std::filesystem::path(KANSLI_TEST_PLUGIN_DIR) / "wrong_abi.so");
  ASSERT_EQ(host.plugins().size(), 1u);
  const auto& plugin = host.plugins()[0];
  EXPECT_FALSE(plugin.usable());
  EXPECT_EQ(plugin.abi_version, KANSLI_EXPORTER_ABI_VERSION + 98);
  EXPECT_NE(plugin.error.find("newer than this kansli supports"), std::string::npos) << plugin.error;
  EXPECT_EQ(host.find("future"), nullptr);
}

TEST(PluginHost, ReportsALibraryWithoutTheEntrySymbol) {
  kansli::PluginHost host;
  host.load_file(std::filesystem::path(KANSLI_TEST_PLUGIN_DIR) / "no_entry.so");
  ASSERT_EQ(host.plugins().size(), 1u);
  EXPECT_NE(host.plugins()[0].error.find("no entry point 'kansli_exporter_entry'"), std::string::npos)
      << host.plugins()[0].error;
}

TEST(PluginHost, ReturnsTheMessageOfAFailingRender) {
  kansli::PluginHost host;
  host.load({KANSLI_TEST_PLUGIN_DIR});
  const auto* failing = host.find("failing");
  ASSERT_NE(failing, nullptr);
  kansli::ir::Document ir;
  ir.mutable_metadata()->set_title("Protokoll X");
  const auto result = kansli::PluginHost::render(*failing, ir.SerializeAsString(), "");
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.bytes.empty());
  EXPECT_EQ(result.error, "deliberate failure for Protokoll X");
}

TEST(PluginHost, KeepsLoadingGoodPluginsBesideBadOnes) {
  kansli::PluginHost host;
  host.load({KANSLI_TEST_PLUGIN_DIR, KANSLI_BUILD_PLUGIN_DIR});
  ASSERT_NE(by_file(host, "wrong_abi.so"), nullptr);
  ASSERT_NE(by_file(host, "no_entry.so"), nullptr);
  EXPECT_NE(host.find("json"), nullptr);
  EXPECT_NE(host.find("failing"), nullptr);
}

TEST(PluginsCommand, ListsEveryPluginAndWhyBadOnesFailed) {
  const auto result = run("KANSLI_PLUGIN_PATH=" + quote(KANSLI_TEST_PLUGIN_DIR) + " " + quote(KANSLI_CLI) + " plugins");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("json "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("failing "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("wrong_abi.so"), std::string::npos);
  EXPECT_NE(result.out.find("newer than this kansli supports"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("no entry point"), std::string::npos) << result.out;
}

TEST(RenderCommand, AFailingExporterLeavesNoFileAndExitsWithThree) {
  ScratchDir dir("failing-exporter");
  const auto example = examples_dir() / "protokoll-au-2026-03-04.txtpb";
  const auto out = dir / "protokoll.fail";
  const auto result = run("KANSLI_PLUGIN_PATH=" + quote(KANSLI_TEST_PLUGIN_DIR) + " " + quote(KANSLI_CLI) +
                          " render " + quote(example.string()) + " -f failing -o " + quote(out.string()));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("failing exporter: deliberate failure for Protokoll, Arbetsutskottet, 2026-03-04"),
            std::string::npos)
      << result.err;
  EXPECT_TRUE(dir.files().empty());
}

TEST(RenderCommand, AFailingExporterLeavesAnExistingFileUntouched) {
  ScratchDir dir("failing-exporter-existing");
  const auto example = examples_dir() / "protokoll-au-2026-03-04.txtpb";
  const auto out = dir / "protokoll.fail";
  write_file(out, "the earlier, good version");
  const auto result = run("KANSLI_PLUGIN_PATH=" + quote(KANSLI_TEST_PLUGIN_DIR) + " " + quote(KANSLI_CLI) +
                          " render " + quote(example.string()) + " -f failing -o " + quote(out.string()));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(read_file(out), "the earlier, good version");
  EXPECT_EQ(dir.files(), std::vector<std::string>{"protokoll.fail"});
}

}  // namespace
