//===- TUResultCodec.cpp - A TUResult as bytes, between processes ---------===//

#include "TUResultCodec.h"

#include <cstdint>
#include <cstring>

namespace retcheck {

namespace {

/// Both directions share one field list (\c fields below), so that the
/// encoder and the decoder cannot disagree about the layout.
class Encoder {
public:
  std::string Bytes;

  void number(uint64_t V) { Bytes.append((const char *)&V, sizeof V); }
  void number(unsigned V) { number(uint64_t(V)); }
  void number(bool V) { number(uint64_t(V)); }
  void number(CheckKind V) { number(uint64_t(V)); }
  void number(Severity V) { number(uint64_t(V)); }
  void text(const std::string &S) {
    number(uint64_t(S.size()));
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

  void number(uint64_t &V) {
    if (!take(sizeof V))
      return;
    std::memcpy(&V, Bytes.data() + Pos - sizeof V, sizeof V);
  }
  template <typename T> void number(T &V) {
    uint64_t Raw = 0;
    number(Raw);
    V = T(Raw);
  }
  void text(std::string &S) {
    uint64_t Size = 0;
    number(Size);
    if (take(Size))
      S.assign(Bytes, Pos - Size, Size);
  }
  template <typename T, typename Fn> void list(std::vector<T> &Items, Fn Each) {
    uint64_t Size = 0;
    number(Size);
    // Every item takes at least one byte: a bound against garbage sizes.
    if (Size > Bytes.size() - Pos) {
      Ok = false;
      return;
    }
    Items.resize(Size);
    for (T &Item : Items)
      Each(*this, Item);
  }
  bool atEnd() const { return Ok && Pos == Bytes.size(); }

private:
  const std::string &Bytes;
  std::size_t Pos = 0;

  bool take(uint64_t N) {
    if (!Ok || N > Bytes.size() - Pos)
      return Ok = false;
    Pos += N;
    return true;
  }
};

template <typename Codec> void fields(Codec &C, TextEdit &E) {
  C.text(E.File);
  C.number(E.Offset);
  C.number(E.Length);
  C.text(E.Text);
  C.number(E.FileDigest);
}

template <typename Codec> void fields(Codec &C, Finding &F) {
  C.number(F.Check);
  C.number(F.Level);
  C.text(F.File);
  C.number(F.Line);
  C.number(F.Column);
  C.number(F.Offset);
  C.text(F.Message);
  C.text(F.Function);
  C.text(F.EnclosingFunction);
  C.number(F.CallLine);
  C.number(F.CallColumn);
  C.list(F.Fixes, [](Codec &C, TextEdit &E) { fields(C, E); });
  C.text(F.Fingerprint);
  C.text(F.RelativeFile);
}

template <typename Codec> void fields(Codec &C, TUProblem &P) {
  C.text(P.File);
  C.text(P.Kind);
  C.text(P.Message);
}

template <typename Codec> void fields(Codec &C, TUResult &R) {
  C.text(R.File);
  C.list(R.Findings, [](Codec &C, Finding &F) { fields(C, F); });
  C.list(R.Problems, [](Codec &C, TUProblem &P) { fields(C, P); });
  C.number(R.Analysed);
  C.number(R.Skipped);
  C.list(R.Files, [](Codec &C, std::string &F) { C.text(F); });
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
