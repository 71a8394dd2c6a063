# Warnings for our own code only: generated code and system headers stay quiet.
add_library(cft_warnings INTERFACE)
target_compile_options(cft_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wno-missing-field-initializers)
