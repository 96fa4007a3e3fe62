// The annual report's share of a render: validation and composition of the
// example, and of the example grown to N interventions, notes and lines (to
// show that both stay linear), plus the rounding that makes columns add up.
// Run: build/bench/annual_report/bench_annual_report
#include "annual_report/figures.hpp"

#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/validate.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace {

kansli::LoadedDocument load_example() {
  const std::filesystem::path path = std::filesystem::path(KANSLI_SOURCE_DIR) / "examples/arsredovisning-2025.txtpb";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto loaded = kansli::load_document(buffer.str(), kansli::InputFormat::text, path.string());
  if (!loaded) throw std::runtime_error("the example does not load");
  return std::move(*loaded);
}

// The example with `n` copies of each intervention, note and statement line
// (balanced, so that it still validates).
kansli::LoadedDocument grown(int n) {
  auto loaded = load_example();
  auto& report = *loaded.document.mutable_annual_report();
  const auto interventions = report.interventions();
  const auto notes = report.notes();
  for (int copy = 1; copy < n; ++copy) {
    for (auto intervention : interventions) {
      intervention.set_name(intervention.name() + " " + std::to_string(copy));
      *report.add_interventions() = intervention;
    }
    for (auto note : notes) {
      note.set_id(note.id() + "-" + std::to_string(copy));
      *report.add_notes() = note;
    }
    // An asset and a liability of the same size keep the balance.
    auto* asset = report.mutable_balance_sheet()->mutable_assets(0)->add_lines();
    asset->set_label("Fordran " + std::to_string(copy));
    asset->set_amount(1000 + copy);
    auto* liability = report.mutable_balance_sheet()->mutable_liabilities(0)->add_lines();
    liability->set_label("Skuld " + std::to_string(copy));
    liability->set_amount(1000 + copy);
  }
  return loaded;
}

void validate_report(benchmark::State& state) {
  const auto loaded = state.range(0) == 1 ? load_example() : grown(static_cast<int>(state.range(0)));
  if (!kansli::validate(loaded).empty()) {
    state.SkipWithError("the report does not validate");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(kansli::validate(loaded));
  state.SetComplexityN(state.range(0));
}

void compose_report(benchmark::State& state) {
  const auto loaded = state.range(0) == 1 ? load_example() : grown(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(kansli::compose(loaded.document).value);
  state.SetComplexityN(state.range(0));
}

void round_to_target(benchmark::State& state) {
  std::mt19937_64 random(1);
  std::uniform_int_distribution<std::int64_t> amount(-9999999, 9999999);
  std::vector<std::int64_t> parts(static_cast<size_t>(state.range(0)));
  for (auto& part : parts) part = amount(random);
  std::int64_t exact = 0;
  for (auto part : parts) exact += part;
  const auto target = kansli::annual_report::round_units(exact, 1000);
  for (auto _ : state) benchmark::DoNotOptimize(kansli::annual_report::round_to_target(parts, 1000, target));
  state.SetComplexityN(state.range(0));
}

}  // namespace

BENCHMARK(validate_report)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMicrosecond)->Complexity();
BENCHMARK(compose_report)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMicrosecond)->Complexity();
BENCHMARK(round_to_target)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond)->Complexity();

BENCHMARK_MAIN();
