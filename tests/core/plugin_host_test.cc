// Issue 11: the plugin host holds every contract of kansli/exporter.h
// against plugins that break it (tests/core/plugins/misbehaving.cc, one
// plugin per misbehaviour), through the CLI and through the C API, with the
// plugin in-process and isolated in a worker. The built-in exporters keep
// working with every broken plugin on the search path.
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>
#include <kansli/kansli.h>

#include <cstdlib>
#include <filesystem>
#include <kansli/plugin_host.hpp>
#include <string>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace kansli::test;

const fs::path kPlugins = KANSLI_TEST_PLUGIN_DIR;
const fs::path kProtokoll = examples_dir() / "protokoll-au-2026-03-04.txtpb";
// Short limits keep the tests fast.
const std::string kLimits = " --time-limit 1 --memory-limit 100";

// One misbehaving plugin and what the host must say about it.
struct Case {
  const char* id;
  // Part of the message, isolated and in-process.
  const char* message;
  // It can run in-process without taking the host down.
  bool in_process;
};

const Case kRenderCases[] = {
    {"failing", "failing exporter: deliberate failure", true},
    {"nullwrite", "nullwrite exporter: called write with a NULL pointer and a length of 16 bytes", true},
    {"hugewrite", "hugewrite exporter: wrote more than the limit of 1024 MiB", true},
    {"nomessage", "nomessage exporter: returned 1 without saying why", true},
    {"badutf8",
     "badutf8 exporter: tr\xEF\xBF\xBDsigt \xEF\xBF\xBD\xEF\xBF\xBD meddelande (the message was not valid "
     "UTF-8",
     true},
    {"headingsonly", "headingsonly exporter: does not read signatures, table used by this document", true},
    {"exitzero", "exitzero exporter: ended the process with exit status 0 before it finished", false},
    {"aborts", "aborts exporter: crashed: Aborted (signal 6)", false},
    {"segvrender", "segvrender exporter: crashed: Segmentation fault (signal 11)", false},
    {"loops", "loops exporter: did not finish within the time limit of ", false},
    {"allocates", "allocates exporter: exceeded the memory limit of 100 MiB", false},
};

// Plugins refused before they render: the reason, as `plugins` lists it.
const Case kLoadCases[] = {
    {"badid", "error: invalid id \"../PDF x\": an id is [a-z0-9][a-z0-9_-]{0,31}", true},
    {"badext", "error: exporter 'badext' has an invalid file extension \"p/df\"", true},
    {"noentry", "error: no entry point 'kansli_exporter_entry': not a kansli exporter", true},
    {"newabi", "error: built for exporter ABI 100, newer than this kansli supports", true},
    {"segventry", "error: loading it crashed: Segmentation fault (signal 11)", false},
};

CommandResult kansli_with_plugins(const std::string& arguments) {
  return run("KANSLI_PLUGIN_PATH=" + quote(kPlugins.string()) + " " + quote(KANSLI_CLI) + " " + arguments);
}

bool valid_utf8(const std::string& text) {
  kansli::ir::Document probe;  // Protobuf checks UTF-8 of string fields when parsing.
  probe.mutable_metadata()->set_title(text);
  kansli::ir::Document back;
  return back.ParseFromString(probe.SerializeAsString());
}

TEST(RenderCommand, EachMisbehavingPluginIsReportedByIdAndNothingIsWritten) {
  for (const auto& isolation : {std::string("auto"), std::string("never")}) {
    for (const Case& c : kRenderCases) {
      if (isolation == "never" && !c.in_process) continue;
      SCOPED_TRACE(std::string(c.id) + ", isolation " + isolation);
      ScratchDir dir(std::string("misbehaving-") + c.id);
      const auto out = dir / "out.txt";
      const auto result = kansli_with_plugins("render " + quote(kProtokoll.string()) + " -f " + c.id +
                                              " -o " + quote(out.string()) + " --isolation " + isolation +
                                              (isolation == "never" ? "" : kLimits));
      EXPECT_EQ(result.exit_code, 3) << result.err;
      EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
      if (std::string(c.id) == "loops") {
        EXPECT_NE(result.err.find("within the time limit of 1 s; stopped"), std::string::npos) << result.err;
      }
      EXPECT_TRUE(dir.files().empty());
    }
  }
}

TEST(RenderCommand, AnExitOrCrashInAnInProcessPluginNamesIt) {
  const auto exits =
      kansli_with_plugins("render " + quote(kProtokoll.string()) + " -f exitzero -o - --isolation never");
  EXPECT_EQ(exits.exit_code, 3);
  EXPECT_NE(exits.err.find("exporter 'exitzero' (" + (kPlugins / "kansli-exporter-exitzero.so").string() +
                           ") in render ended the process (exit)"),
            std::string::npos)
      << exits.err;
  EXPECT_EQ(exits.out, "");
  const auto crashes =
      kansli_with_plugins("render " + quote(kProtokoll.string()) + " -f segvrender -o - --isolation never");
  EXPECT_NE(crashes.exit_code, 0);
  EXPECT_NE(
      crashes.err.find("exporter 'segvrender' (" + (kPlugins / "kansli-exporter-segvrender.so").string() +
                       ") in render crashed (signal 11)"),
      std::string::npos)
      << crashes.err;
}

TEST(RenderCommand, WhatAPluginPrintsNeverReachesTheDocument) {
  for (const char* isolation : {"auto", "never"}) {
    SCOPED_TRACE(isolation);
    const auto result = kansli_with_plugins("render " + quote(kProtokoll.string()) +
                                            " -f noisy -o - --isolation " + std::string(isolation));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "ok\n");
    EXPECT_NE(result.err.find("NOISE from printf"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("NOISE from write(1)"), std::string::npos) << result.err;
  }
}

TEST(RenderCommand, BuiltInExportersWorkWithEveryBrokenPluginOnTheSearchPath) {
  ScratchDir dir("broken-beside-built-in");
  for (const char* id : {"pdf", "json", "docx"}) {
    SCOPED_TRACE(id);
    const auto out = dir / (std::string("protokoll.") + id);
    const auto result = kansli_with_plugins("render " + quote(kProtokoll.string()) + " -f " + id + " -o " +
                                            quote(out.string()));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(fs::exists(out));
    EXPECT_EQ(result.err, "");
  }
  EXPECT_EQ(read_file(dir / "protokoll.pdf").rfind("%PDF-", 0), 0u);
}

TEST(RenderCommand, RefusedPluginsSayWhyWhenAskedFor) {
  for (const Case& c : kLoadCases) {
    SCOPED_TRACE(c.id);
    const auto result = kansli_with_plugins("render " + quote(kProtokoll.string()) + " -f " + c.id + " -o -");
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("exporter '" + std::string(c.id) + "' cannot be used; " +
                              (kPlugins / ("kansli-exporter-" + std::string(c.id) + ".so")).string() + ": " +
                              std::string(c.message).substr(7)),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.out, "");
  }
  const auto bad = kansli_with_plugins("render " + quote(kProtokoll.string()) + " -f ../pdf -o -");
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("no exporter '../pdf': an exporter id is [a-z0-9][a-z0-9_-]{0,31}"),
            std::string::npos)
      << bad.err;
}

TEST(PluginsCommand, ListsEveryPluginAndWhyBrokenOnesFailed) {
  const auto result = kansli_with_plugins("plugins");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const Case& c : kLoadCases)
    EXPECT_NE(result.out.find(c.message), std::string::npos) << c.id << result.out;
  for (const Case& c : kRenderCases)
    EXPECT_NE(result.out.find("\n" + std::string(c.id) + " "), std::string::npos) << c.id << result.out;
  for (const char* built_in : {"\npdf ", "\njson ", "\ndocx "})
    EXPECT_NE(result.out.find(built_in), std::string::npos) << result.out;
  // The plugins outside kansli's own directories run isolated by default.
  EXPECT_NE(result.out.find("kansli-exporter-failing.so (isolated)"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("kansli-exporter-pdf.so (isolated)"), std::string::npos) << result.out;
}

TEST(PluginsCommand, AWritablePluginDirectoryIsWarnedAboutOnce) {
  ScratchDir dir("writable-once");
  const fs::path plugins = dir / "plugins";
  fs::create_directories(plugins);
  for (const char* id : {"failing", "noisy"})
    fs::copy_file(kPlugins / (std::string("kansli-exporter-") + id + ".so"),
                  plugins / (std::string("kansli-exporter-") + id + ".so"));
  fs::permissions(plugins, fs::perms(0777));
  const auto result = run("KANSLI_PLUGIN_PATH=" + quote(plugins.string()) + ":" + quote(plugins.string()) +
                          " " + quote(KANSLI_CLI) + " plugins");
  EXPECT_EQ(result.exit_code, 0);
  const std::string warning = plugins.string() + " is writable by others";
  const size_t first = result.err.find(warning);
  ASSERT_NE(first, std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(warning, first + 1), std::string::npos) << result.err;
  fs::permissions(plugins, fs::perms(0755));
}

TEST(RenderCommand, ALimitWithoutIsolationIsAUsageError) {
  const auto result = kansli_with_plugins("render " + quote(kProtokoll.string()) +
                                          " -f json -o - --isolation never --time-limit 1");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("need isolation"), std::string::npos) << result.err;
}

// --- The C API -----------------------------------------------------------

struct Buffer {
  std::string bytes;
  static int append(void* context, const void* data, size_t size) {
    static_cast<Buffer*>(context)->bytes.append(static_cast<const char*>(data), size);
    return 0;
  }
};

kansli_context* context_for_tests(kansli_isolation isolation) {
  kansli_context_options options;
  kansli_context_options_init(&options);
  const std::string path = kPlugins.string();
  options.plugin_path = path.c_str();
  options.use_environment = 0;
  options.isolation = isolation;
  if (isolation != KANSLI_ISOLATE_NEVER) {
    // 2 s: the built-in exporters run isolated too, and must start in time
    // on a busy machine.
    options.time_limit_seconds = 2;
    options.memory_limit_bytes = 100ull << 20;
  }
  return kansli_context_create_with(&options);
}

int render_with(kansli_context* context, const char* exporter, Buffer& out) {
  const std::string input = read_file(kProtokoll);
  return kansli_render(context, input.data(), input.size(), KANSLI_INPUT_TEXT, exporter, nullptr, 0,
                       &Buffer::append, &out);
}

TEST(CApi, EachMisbehavingPluginFailsWithItsReasonAndTheContextCarriesOn) {
  for (const auto isolation : {KANSLI_ISOLATE_ALWAYS, KANSLI_ISOLATE_NEVER}) {
    kansli_context* context = context_for_tests(isolation);
    ASSERT_NE(context, nullptr);
    for (const Case& c : kRenderCases) {
      if (isolation == KANSLI_ISOLATE_NEVER && !c.in_process) continue;
      SCOPED_TRACE(std::string(c.id) + (isolation == KANSLI_ISOLATE_NEVER ? " in-process" : " isolated"));
      Buffer out;
      EXPECT_EQ(render_with(context, c.id, out), KANSLI_EXPORTER_FAILED);
      EXPECT_EQ(out.bytes, "");
      const std::string error = kansli_last_error(context);
      EXPECT_NE(error.find(c.message), std::string::npos) << error;
      EXPECT_TRUE(valid_utf8(error)) << error;
      // The same context still renders with a built-in exporter.
      Buffer json;
      EXPECT_EQ(render_with(context, "json", json), KANSLI_OK) << kansli_last_error(context);
      EXPECT_NE(json.bytes.find("\"meeting_record\""), std::string::npos);
    }
    for (const Case& c : kLoadCases) {
      if (isolation == KANSLI_ISOLATE_NEVER && !c.in_process) continue;
      Buffer out;
      EXPECT_EQ(render_with(context, c.id, out), KANSLI_EXPORTER_FAILED);
      EXPECT_NE(std::string(kansli_last_error(context)).find(std::string(c.message).substr(7)),
                std::string::npos)
          << kansli_last_error(context);
    }
    kansli_context_destroy(context);
  }
}

TEST(CApi, AnIsolatedPluginRendersAgainAfterItsWorkerCrashed) {
  kansli_context* context = context_for_tests(KANSLI_ISOLATE_ALWAYS);
  Buffer first, second;
  EXPECT_EQ(render_with(context, "segvrender", first), KANSLI_EXPORTER_FAILED);
  EXPECT_EQ(render_with(context, "noisy", second), KANSLI_OK) << kansli_last_error(context);
  EXPECT_EQ(second.bytes, "ok\n");
  kansli_context_destroy(context);
}

TEST(CApiDeathTest, AnExitInAnInProcessPluginEndsWithTheExporterFailureCodeAndNamesIt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        kansli_context* context = context_for_tests(KANSLI_ISOLATE_NEVER);
        Buffer out;
        render_with(context, "exitzero", out);
      },
      ::testing::ExitedWithCode(KANSLI_EXPORTER_FAILED), "exporter 'exitzero' .* ended the process");
}

// --- The versioned IR ----------------------------------------------------

TEST(VersionedIr, TheHeaderListsEveryBlockKindOfTheSchema) {
  std::string kinds;
  const auto* oneof = kansli::ir::Block::descriptor()->FindOneofByName("content");
  ASSERT_NE(oneof, nullptr);
  for (int i = 0; i < oneof->field_count(); ++i)
    kinds += (i ? " " : "") + std::string(oneof->field(i)->name());
  EXPECT_EQ(kinds, KANSLI_IR_FEATURES)
      << "a new block kind needs KANSLI_IR_FEATURES and KANSLI_IR_VERSION raised";
}

TEST(VersionedIr, TheIrAnExporterReceivesDeclaresItsVersionAndFeatures) {
  const auto result = run_kansli("render " + quote(kProtokoll.string()) + " -f json -O content=ir -o -");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"ir_version\": " + std::to_string(KANSLI_IR_VERSION)), std::string::npos);
  EXPECT_NE(result.out.find("\"features\": [\n  \"heading\",\n  \"paragraph\",\n  \"signatures\",\n  "
                            "\"table\"\n ]"),
            std::string::npos)
      << result.out.substr(0, 400);
}

TEST(VersionedIr, AnExporterRendersADocumentWithOnlyTheFeaturesItReads) {
  kansli::PluginHost host(kansli::HostOptions{{kPlugins}, false, kansli::Isolation::never});
  const kansli::Plugin* exporter = host.exporter("headingsonly");
  ASSERT_NE(exporter, nullptr) << host.why_not("headingsonly");
  EXPECT_EQ(exporter->reads, (std::vector<std::string>{"heading", "paragraph"}));
  kansli::ir::Document ir;
  ir.add_blocks()->mutable_heading()->add_spans()->set_text("Rubrik");
  EXPECT_TRUE(kansli::PluginHost::render(*exporter, ir, "").ok);
  ir.add_blocks()->mutable_list();
  const auto refused = kansli::PluginHost::render(*exporter, ir, "");
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("does not read list used by this document"), std::string::npos)
      << refused.error;
}

TEST(PluginHost, LoadsOnlyTheExporterAskedFor) {
  kansli::PluginHost host(
      kansli::HostOptions{{kPlugins, KANSLI_BUILD_PLUGIN_DIR}, true, kansli::Isolation::never});
  ASSERT_NE(host.exporter("json"), nullptr);
  ASSERT_EQ(host.plugins().size(), 1u);
  EXPECT_EQ(host.plugins()[0].path.filename(), "kansli-exporter-json.so");
}

}  // namespace
