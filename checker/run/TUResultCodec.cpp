//===- TUResultCodec.cpp - A TUResult as bytes, between processes ---------===//
//
// Part of retcheck, under the Apache License v2.0 with LLVM Exceptions.
// See the LICENSE file for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TUResultCodec.h"

#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace retcheck {

namespace {

/// Both directions share one field list (\c fields below), so that the
/// encoder and the decoder cannot disagree about the layout. Numbers are
/// LEB128 varints (signed ones zigzag-encoded): facts are mostly small
/// numbers, and a whole tree's facts cross the pipe and sit in caches.
/// Strings are written once: a string met again is the index of its first
/// occurrence. A TU's facts name the same few files, callees and macro
/// texts hundreds of times (QEMU's trace headers: 4 of every 5 bytes).
class Encoder {
public:
  std::string Bytes;
  llvm::StringMap<uint64_t> Seen; ///< non-empty strings, by first occurrence

  void number(unsigned __int128 V) {
    do {
      unsigned char Byte = V & 0x7f;
      V >>= 7;
      Bytes += char(V ? Byte | 0x80 : Byte);
    } while (V);
  }
  void number(__int128 V) {
    number((unsigned __int128)((unsigned __int128)V << 1) ^
           (unsigned __int128)(V >> 127));
  }
  void number(uint64_t V) { number((unsigned __int128)V); }
  void number(int64_t V) { number((__int128)V); }
  void number(int32_t V) { number((__int128)V); }
  void number(uint32_t V) { number((unsigned __int128)V); }
  void number(bool V) { number((unsigned __int128)V); }
  template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
  void number(E V) {
    number((unsigned __int128)V);
  }
  /// 2 * size, then the bytes; or 2 * index + 1 for a string seen before.
  void text(const std::string &S) {
    if (!S.empty()) {
      auto [It, New] = Seen.try_emplace(S, Seen.size());
      if (!New) {
        number(It->second << 1 | 1);
        return;
      }
    }
    number(uint64_t(S.size()) << 1);
    Bytes += S;
  }
  template <typename T, typename Fn>
  void list(const std::vector<T> &Items, Fn Each) {
    number(uint64_t(Items.size()));
    for (const T &Item : Items)
      Each(*this, const_cast<T &>(Item));
  }
};

class Decoder {
public:
  explicit Decoder(const std::string &Bytes) : Bytes(Bytes) {}
  bool Ok = true;

  void number(unsigned __int128 &V) {
    V = 0;
    for (unsigned Shift = 0;; Shift += 7) {
      if (!Ok || Pos >= Bytes.size() || Shift > 127) {
        Ok = false;
        return;
      }
      unsigned char Byte = Bytes[Pos++];
      V |= (unsigned __int128)(Byte & 0x7f) << Shift;
      if (!(Byte & 0x80))
        return;
    }
  }
  void number(__int128 &V) {
    unsigned __int128 Raw = 0;
    number(Raw);
    V = (__int128)(Raw >> 1) ^ -(__int128)(Raw & 1);
  }
  template <typename T> void number(T &V) {
    if constexpr (std::is_signed_v<T> && !std::is_enum_v<T>) {
      __int128 Raw = 0;
      number(Raw);
      V = T(Raw);
    } else {
      unsigned __int128 Raw = 0;
      number(Raw);
      V = T(Raw);
    }
  }
  void text(std::string &S) {
    uint64_t Code = 0;
    number(Code);
    if (!Ok)
      return;
    if (Code & 1) {
      if ((Code >> 1) >= Seen.size()) {
        Ok = false;
        return;
      }
      auto [At, Size] = Seen[Code >> 1];
      S.assign(Bytes, At, Size);
      return;
    }
    uint64_t Size = Code >> 1;
    if (!take(Size))
      return;
    S.assign(Bytes, Pos - Size, Size);
    if (Size)
      Seen.push_back({Pos - Size, Size});
  }
  template <typename T, typename Fn> void list(std::vector<T> &Items, Fn Each) {
    uint64_t Size = 0;
    number(Size);
    // Every item takes at least one byte: a bound against garbage sizes.
    if (!Ok || Size > Bytes.size() - Pos) {
      Ok = false;
      return;
    }
    Items.resize(Size);
    for (T &Item : Items)
      Each(*this, Item);
  }
  bool atEnd() const { return Ok && Pos == Bytes.size(); }
  std::size_t position() const { return Pos; }
  /// The bytes read since \p From are \p Expected.
  bool readSince(std::size_t From, const std::string &Expected) const {
    return Ok && Pos - From == Expected.size() &&
           Bytes.compare(From, Expected.size(), Expected) == 0;
  }

private:
  const std::string &Bytes;
  std::size_t Pos = 0;
  /// Where each non-empty string first occurred in Bytes, and its size.
  std::vector<std::pair<std::size_t, std::size_t>> Seen;

  bool take(uint64_t N) {
    if (!Ok || N > Bytes.size() - Pos)
      return Ok = false;
    Pos += N;
    return true;
  }
};

template <typename Codec> void fields(Codec &C, TUProblem &P) {
  C.text(P.File);
  C.text(P.Kind);
  C.text(P.Message);
}

template <typename Codec> void fields(Codec &C, FactPos &P) {
  C.number(P.File);
  C.number(P.Offset);
  C.number(P.Line);
  C.number(P.Column);
}

template <typename Codec> void fields(Codec &C, FactRange &R) {
  C.number(R.File);
  C.number(R.Offset);
  C.number(R.Length);
}

template <typename Codec> void fields(Codec &C, FunctionId &F) {
  C.text(F.Name);
  C.text(F.File);
}

template <typename Codec> void fields(Codec &C, IntType &T) {
  C.number(T.Width);
  C.number(T.Signed);
}

template <typename Codec> void fields(Codec &C, ValueKind &K) {
  C.number(K.K);
  fields(C, K.Int);
}

template <typename Codec> void fields(Codec &C, ValueSet &S) {
  std::vector<ValueSet::Interval> Intervals = S.intervals();
  C.list(Intervals, [](Codec &C, ValueSet::Interval &I) {
    C.number(I.Lo);
    C.number(I.Hi);
  });
  ValueSet Rebuilt;
  for (const ValueSet::Interval &I : Intervals)
    Rebuilt = Rebuilt.unite(ValueSet::range(I.Lo, I.Hi));
  S = Rebuilt;
}

template <typename Codec> void fields(Codec &C, std::vector<IntType> &Chain) {
  C.list(Chain, [](Codec &C, IntType &T) { fields(C, T); });
}

template <typename Codec> void fields(Codec &C, ArgFact &A) {
  C.text(A.AddressOf);
  bool Has = A.Constant.has_value();
  C.number(Has);
  int64_t V = Has ? *A.Constant : 0;
  C.number(V);
  A.Constant = Has ? std::optional<int64_t>(V) : std::nullopt;
  C.text(A.Text);
  C.number(A.IsString);
  C.number(A.AddressTested);
  C.number(A.AddressReturned);
  C.number(A.AddressNullBefore);
  C.number(A.AddressUnsetThenRead);
  C.number(A.Param);
}

template <typename Codec> void fields(Codec &C, MinusOneFact &M) {
  fields(C, M.Operator);
  C.number(M.IsEq);
  C.number(M.TrackedSigned);
  C.number(M.TrackedInteger);
  C.number(M.Editable);
  fields(C, M.Range);
  C.text(M.Prefix);
  C.number(M.BesideErrno);
}

template <typename Codec> void fields(Codec &C, NodeOperandsFact &O) {
  fields(C, O.TrackedOperand);
  fields(C, O.OtherOperand);
  C.number(O.OtherInteger);
  fields(C, O.OtherType);
}

// Boxed parts, written below.
template <typename Codec> void fields(Codec &C, StoreFact &S);
template <typename Codec> void fields(Codec &C, RepairSiteFact &R);
template <typename Codec> void fields(Codec &C, CallPlaceFact &P);

/// The bytes of T(). They hold no non-empty string, so they do not depend
/// on the strings written before them, and writing them sees none.
template <typename T> const std::string &emptyBytes() {
  static const std::string Bytes = [] {
    Encoder E;
    T Empty;
    fields(E, Empty);
    return std::move(E.Bytes);
  }();
  return Bytes;
}

/// A boxed part is written as it was inline: an empty box as T() is.
template <typename T> void fields(Encoder &C, Boxed<T> &B) {
  if (B.empty())
    C.Bytes += emptyBytes<T>();
  else
    fields(C, B.edit());
}

/// A part whose bytes are those of T() stays unallocated: most calls store
/// nothing, and many stand where nothing marks their place.
template <typename T> void fields(Decoder &C, Boxed<T> &B) {
  std::size_t From = C.position();
  T Part;
  fields(C, Part);
  if (C.readSince(From, emptyBytes<T>()))
    B.reset();
  else
    B.edit() = std::move(Part);
}

/// A boxed part whose fields are written between a record's other fields,
/// where they stood inline. Encoding reads the box in place (T() where it
/// is empty, allocating nothing); decoding reads into a T of its own that
/// done() puts in the box, or leaves the box empty if it reads as T().
template <typename Codec, typename T> class SpreadBox {
  static constexpr bool Decoding = std::is_same_v<Codec, Decoder>;

public:
  explicit SpreadBox(Boxed<T> &Box)
      : Box(Box), Part(Decoding || Box.empty() ? Own : Box.edit()) {}
  T &operator*() { return Part; }
  T *operator->() { return &Part; }
  void done() {
    if constexpr (Decoding) {
      if (Own.empty())
        Box.reset();
      else
        Box.edit() = std::move(Own);
    }
  }

private:
  Boxed<T> &Box;
  T Own;
  T &Part;
};

template <typename Codec> void fields(Codec &C, TestNode &N) {
  C.number(N.K);
  C.number(N.Lhs);
  C.number(N.Rhs);
  fields(C, N.Chain);
  C.number(N.Op);
  fields(C, N.Other);
  C.number(N.OtherArg);
  C.number(N.MinusOne);
  fields(C, N.Operands);
}

template <typename Codec> void fields(Codec &C, BranchFacts &B) {
  C.number(B.Known);
  C.number(B.Empty);
  C.number(B.ReturnsError);
  C.number(B.ReturnsTracked);
  C.number(B.NoReturn);
  C.number(B.GotoErrorLabel);
  C.number(B.Leaves);
  C.number(B.Replaces);
  C.text(B.GotoLabel);
  C.number(B.Breaks);
  C.list(B.Calls, [](Codec &C, std::string &S) { C.text(S); });
  C.number(B.ValueUsed);
  C.number(B.ReturnedAsIs);
}

template <typename Codec> void fields(Codec &C, TestFact &T) {
  SpreadBox<Codec, TestRewriteFact> Rewrite(T.Rewrite);
  fields(C, T.Where);
  C.list(T.Nodes, [](Codec &C, TestNode &N) { fields(C, N); });
  C.list(Rewrite->MinusOnes, [](Codec &C, MinusOneFact &M) { fields(C, M); });
  fields(C, T.OnTrue);
  fields(C, T.OnFalse);
  C.number(T.IsSwitch);
  fields(C, T.SwitchChain);
  C.list(T.Cases, [](Codec &C, CaseFact &S) {
    fields(C, S.Labels);
    C.number(S.MinusOneLabel);
    fields(C, S.Branch);
  });
  fields(C, T.Default);
  C.number(T.HasDefault);
  C.number(T.CheckLike);
  C.number(Rewrite->Rewritable);
  fields(C, Rewrite->Range);
  C.text(Rewrite->Tracked);
  C.number(Rewrite->TrackedSigned);
  Rewrite.done();
}

template <typename Codec> void fields(Codec &C, UseFact &U) {
  C.number(U.K);
  fields(C, U.Where);
  C.number(U.BeforeTest);
  fields(C, U.Callee);
  C.number(U.ArgIndex);
  C.number(U.NonNullParam);
  C.number(U.SizeParam);
  C.number(U.Variadic);
  C.number(U.BeforeSentinel);
}

template <typename Codec> void fields(Codec &C, RepairSiteFact &R) {
  C.number(R.Known);
  C.number(R.Function);
  fields(C, R.Statement);
  C.text(R.Indent);
  C.number(R.InsertAt);
  C.number(R.CallIsStatement);
  C.text(R.CallText);
  C.text(R.AssignedTo);
  C.number(R.LocalDeclared);
  C.text(R.LocalName);
  fields(C, R.LocalType);
  C.number(R.LocalAlone);
  fields(C, R.LocalDeclarator);
  C.text(R.LocalDeclaratorText);
  C.number(R.LocalInsertAt);
  C.text(R.LocalIndent);
}

template <typename Codec> void fields(Codec &C, HandlerStmt &H) {
  C.number(H.K);
  C.text(H.Text);
  C.text(H.Name);
  C.text(H.Callee);
  C.list(H.Args, [](Codec &C, std::string &S) { C.text(S); });
  C.number(H.NoReturn);
  C.text(H.Value);
  C.text(H.Target);
  C.number(H.Constant);
  C.number(H.ErrorValue);
  C.number(H.TestedValue);
  C.text(H.Label);
}

template <typename Codec> void fields(Codec &C, RepairFunctionFact &F) {
  fields(C, F.Id);
  C.number(F.File);
  C.text(F.ReturnType);
  fields(C, F.Returns);
  C.number(F.ReturnsVoid);
  C.text(F.ErrorParam);
  C.text(F.IndentUnit);
  C.list(F.Handlers, [](Codec &C, HandlerFact &H) {
    fields(C, H.Where);
    C.text(H.Tested);
    C.list(H.Statements, [](Codec &C, HandlerStmt &S) { fields(C, S); });
  });
  C.list(F.Names, [](Codec &C, std::string &S) { C.text(S); });
}

template <typename Codec> void fields(Codec &C, CallPlaceFact &P) {
  C.list(P.Within, [](Codec &C, EnclosingBranchFact &B) {
    fields(C, B.Branch);
    C.number(B.FailureTest);
  });
  C.number(P.AfterErrorLabel);
  C.number(P.BeforeNoReturn);
  C.number(P.CommentSaysIgnored);
  C.number(P.CallerReturnsVoid);
  C.text(P.CallerErrorParam);
  C.number(P.CallerExits);
  C.number(P.InGeneratedFile);
}

template <typename Codec> void fields(Codec &C, StoreFact &S) {
  fields(C, S.Where);
  C.text(S.Name);
  fields(C, S.Dest);
  C.text(S.DestType);
  C.number(S.Followed);
  C.number(S.Editable);
  C.number(S.Lost);
  fields(C, S.LostWhere);
  C.number(S.DiscardedByVoid);
}

template <typename Codec> void fields(Codec &C, CallFact &F) {
  SpreadBox<Codec, CallNamesFact> Names(F.Names);
  fields(C, F.Callee);
  C.number(F.Indirect);
  fields(C, Names->Caller);
  C.text(Names->CallerName);
  fields(C, F.Call);
  fields(C, F.Result);
  C.text(Names->ResultType);
  C.list(F.Args, [](Codec &C, ArgFact &A) { fields(C, A); });
  C.number(F.Fate);
  fields(C, F.Store);
  C.list(F.Tests, [](Codec &C, TestFact &T) { fields(C, T); });
  C.list(F.Uses, [](Codec &C, UseFact &U) { fields(C, U); });
  C.number(F.Escapes);
  fields(C, F.Repair);
  fields(C, F.Place);
  Names.done();
}

template <typename Codec> void fields(Codec &C, FileFacts &F) {
  C.text(F.Path);
  C.number(F.Digest);
  C.list(F.NoLint.Lines, [](Codec &C, std::pair<uint32_t, std::string> &L) {
    C.number(L.first);
    C.text(L.second);
  });
}

template <typename Codec> void fields(Codec &C, ReturnFact &R) {
  fields(C, R.Where);
  C.number(R.K);
  C.number(R.Value);
  C.number(R.HasValue);
  C.text(R.Spelling);
  C.number(R.Call);
  C.number(R.GuardCall);
  C.number(R.GuardTest);
  C.number(R.GuardBranch);
  C.list(R.CallsBefore, [](Codec &C, std::string &S) { C.text(S); });
  C.number(R.AfterSearchLoop);
  C.number(R.Origin);
  C.list(R.Labels, [](Codec &C, std::string &S) { C.text(S); });
  C.list(R.Requires, [](Codec &C, ParamCondition &P) {
    C.number(P.Param);
    fields(C, P.Type);
    fields(C, P.Values);
  });
  C.text(R.ChosenBy);
  C.number(R.ByDefault);
}

template <typename Codec> void fields(Codec &C, FunctionFact &F) {
  fields(C, F.Id);
  fields(C, F.Where);
  fields(C, F.Result);
  C.text(F.ResultType);
  C.list(F.Returns, [](Codec &C, ReturnFact &R) { fields(C, R); });
  C.number(F.ErrorParam);
  C.text(F.ErrorParamName);
  C.text(F.DocFailure);
  fields(C, F.DocErrors);
  C.list(F.OutputsSetFirst, [](Codec &C, uint32_t &P) { C.number(P); });
}

template <typename Codec> void fields(Codec &C, BindingFact &B) {
  fields(C, B.Pointer);
  fields(C, B.Target);
  C.number(B.TargetIsPointer);
  fields(C, B.Where);
  fields(C, B.Result);
}

template <typename Codec> void fields(Codec &C, ParamDerefFact &D) {
  fields(C, D.Function);
  fields(C, D.Where);
  C.list(D.Params, [](Codec &C, uint32_t &P) { C.number(P); });
  C.list(D.Derefs, [](Codec &C, FactPos &P) { fields(C, P); });
  C.list(D.Asserted, [](Codec &C, uint32_t &P) { C.number(P); });
}

template <typename Codec> void fields(Codec &C, TUFacts &F) {
  C.list(F.Files, [](Codec &C, FileFacts &File) { fields(C, File); });
  C.list(F.Calls, [](Codec &C, CallFact &Call) { fields(C, Call); });
  C.list(F.Functions, [](Codec &C, FunctionFact &Fn) { fields(C, Fn); });
  C.list(F.RepairFunctions,
         [](Codec &C, RepairFunctionFact &Fn) { fields(C, Fn); });
  C.list(F.Bindings, [](Codec &C, BindingFact &B) { fields(C, B); });
  C.list(F.Formatters, [](Codec &C, std::string &Name) { C.text(Name); });
  C.list(F.ParamDerefs, [](Codec &C, ParamDerefFact &D) { fields(C, D); });
}

template <typename Codec> void fields(Codec &C, TUResult &R) {
  C.text(R.File);
  fields(C, R.Facts);
  C.list(R.Problems, [](Codec &C, TUProblem &P) { fields(C, P); });
  C.number(R.Analysed);
  C.number(R.Skipped);
  C.list(R.RuleFunctions, [](Codec &C, std::string &S) { C.text(S); });
  C.number(R.OutsideChange);
  C.list(R.FilesRead, [](Codec &C, std::string &F) { C.text(F); });
  C.list(R.Verdicts, [](Codec &C, RepairVerdict &V) {
    C.number(V.Offered);
    C.text(V.Reason);
  });
  C.number(R.VerifyParses);
  uint64_t Bits = 0; // the double's own bits
  std::memcpy(&Bits, &R.VerifySeconds, sizeof Bits);
  C.number(Bits);
  std::memcpy(&R.VerifySeconds, &Bits, sizeof Bits);
}

} // namespace

std::string encodeTUResult(const TUResult &Result) {
  Encoder E;
  fields(E, const_cast<TUResult &>(Result));
  return std::move(E.Bytes);
}

std::optional<TUResult> decodeTUResult(const std::string &Bytes) {
  Decoder D(Bytes);
  TUResult Result;
  fields(D, Result);
  if (!D.atEnd())
    return std::nullopt;
  return Result;
}

} // namespace retcheck
