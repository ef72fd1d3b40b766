# SPDX-License-Identifier: GPL-3.0-or-later
# One interface target that carries the compile flags every Replicall target shares.
add_library(replicall_flags INTERFACE)
target_compile_features(replicall_flags INTERFACE cxx_std_17)
target_compile_options(replicall_flags INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers
    # Qt's logging macros pass an empty __VA_ARGS__, which clang's -Wpedantic flags.
    $<$<CXX_COMPILER_ID:Clang>:-Wno-gnu-zero-variadic-macro-arguments>)
target_compile_definitions(replicall_flags INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
    QT_STRICT_ITERATORS
    REPLICALL_VERSION="${PROJECT_VERSION}")

option(REPLICALL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(REPLICALL_SANITIZE)
    target_compile_options(replicall_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(replicall_flags INTERFACE -fsanitize=address,undefined)
endif()
