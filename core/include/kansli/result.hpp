// The core's one error convention: a function that makes something returns
// Result<T>, the value or why there is none; a function that only checks or
// writes returns Problems (empty: all is well). No exception leaves the
// core's C++ API for bad input, a refused option or a failing exporter.
// Thread safety: a plain value; copy or move it like any struct.
#ifndef KANSLI_RESULT_HPP
#define KANSLI_RESULT_HPP

#include <kansli/problem.hpp>
#include <utility>

namespace kansli {

// Why a Result holds no value; the CLI's exit codes and the C API's
// statuses follow it.
enum class Failure {
  none,
  // The input is not a document kansli can make (each problem has its place).
  invalid_input,
  // The exporter reported an error (the problem's message says which).
  exporter_failed,
  // The output could not be written.
  output_failed,
};

template <class T>
struct [[nodiscard]] Result {
  // The value; meaningful only when ok().
  T value{};
  // What went wrong; empty when ok().
  Problems problems;
  Failure failure = Failure::none;

  bool ok() const { return failure == Failure::none; }
  explicit operator bool() const { return ok(); }
  const T& operator*() const& { return value; }
  T& operator*() & { return value; }
  const T* operator->() const { return &value; }
  T* operator->() { return &value; }

  static Result success(T value) { return Result{std::move(value), {}, Failure::none}; }
  static Result failed(Failure failure, Problems problems) {
    return Result{T{}, std::move(problems), failure};
  }
};

}  // namespace kansli

#endif
