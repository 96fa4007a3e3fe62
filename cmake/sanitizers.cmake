# Opt-in instrumented builds (docs/fuzzing.md), for a second build folder:
#   KANSLI_SANITIZE=ON  AddressSanitizer and UndefinedBehaviorSanitizer on all
#                       code built here; the first finding aborts the program.
#   KANSLI_FUZZ=ON      libFuzzer harnesses (tests/fuzz/fuzz_*); needs clang.
#                       All code gets libFuzzer's coverage instrumentation.
# Instrumented builds drop -Werror: they are made with another compiler than
# the normal build, whose warnings decide; warnings are still shown.
option(KANSLI_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(KANSLI_FUZZ "Build the libFuzzer harnesses (clang only)" OFF)
# UBSan's `function` check (clang) is off: the host calls each plugin's entry
# point through a pointer from dlsym, which is how a C ABI works, and the
# check compares function types by RTTI, which differs across shared objects.
if(KANSLI_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    add_compile_options(-fno-sanitize=function)
  endif()
  add_link_options(-fsanitize=address,undefined)
  # C programs that link the C++ core need UBSan's C++ runtime too.
  if(CMAKE_C_COMPILER_ID STREQUAL "Clang")
    add_link_options($<$<LINK_LANGUAGE:C>:-fsanitize-link-c++-runtime> $<$<LINK_LANGUAGE:C>:-lstdc++>)
  endif()
endif()
if(KANSLI_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KANSLI_FUZZ needs clang: -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(KANSLI_SANITIZE OR KANSLI_FUZZ)
  list(REMOVE_ITEM KANSLI_WARNINGS -Werror)
endif()
