# Warnings for our own code only: generated code and system headers stay quiet.
add_library(cft_warnings INTERFACE)
target_compile_options(cft_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wno-missing-field-initializers)
# CI builds with this, so a new warning fails the run instead of piling up;
# release builds on other compilers are not broken by warnings they add.
if(CFT_WERROR)
  target_compile_options(cft_warnings INTERFACE -Werror)
endif()
