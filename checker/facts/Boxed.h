//===- Boxed.h - A part of a fact that is often empty, kept out of line ---===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A whole-tree run holds every call's facts until contracts are inferred,
// and inference reads none of some large parts of a CallFact (its repair
// site, its place, its store): kept inline they cost their full size even
// when empty. A Boxed part costs a pointer until it is written.
// No LLVM dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RETCHECK_FACTS_BOXED_H
#define RETCHECK_FACTS_BOXED_H

#include <memory>

namespace retcheck {

/// A T on the heap that behaves as a T member would: a copy is a deep copy,
/// a move moves the pointer. An empty box reads as T(); edit() allocates it
/// on the first write and reset() frees it.
template <typename T> class Boxed {
public:
  Boxed() = default;
  Boxed(const Boxed &Other)
      : Value(Other.Value ? std::make_unique<T>(*Other.Value) : nullptr) {}
  Boxed(Boxed &&) noexcept = default;
  Boxed &operator=(const Boxed &Other) {
    if (!Other.Value)
      Value.reset();
    else if (Value)
      *Value = *Other.Value;
    else
      Value = std::make_unique<T>(*Other.Value);
    return *this;
  }
  Boxed &operator=(Boxed &&) noexcept = default;

  const T &operator*() const { return Value ? *Value : defaultValue(); }
  const T *operator->() const { return &**this; }

  /// The value to write, allocated as T() if the box is empty.
  T &edit() {
    if (!Value)
      Value = std::make_unique<T>();
    return *Value;
  }
  /// Frees the value: the box reads as T() again.
  void reset() { Value.reset(); }
  /// Nothing is allocated: the box reads as T().
  bool empty() const { return !Value; }

private:
  std::unique_ptr<T> Value;

  /// What every empty box of T reads as (a function's static: initialised
  /// on first use, whatever the order of static initialisation).
  static const T &defaultValue() {
    static const T Default;
    return Default;
  }
};

} // namespace retcheck

#endif
