# Warnings on everywhere; -Werror and sanitizers are options. No machine-specific flags here:
# pass -march=... through CMAKE_CXX_FLAGS if you want them for your own machine.
function(sonic_compile_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
  if(SONIC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SONIC_FUZZ)
    # libFuzzer's coverage hooks in every object; the fuzz targets add -fsanitize=fuzzer (its
    # main) at link time. A sanitizer report or undefined behaviour stops the run.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  elseif(SONIC_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
