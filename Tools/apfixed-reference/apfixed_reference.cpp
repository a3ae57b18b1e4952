// Golden-vector generator for the FixedPoint module.
//
// Computes conversions and full-precision arithmetic with the real Xilinx `ap_fixed`
// headers (the Apache-2.0 `ap_types` shipped inside the hls4ml 1.3.0 wheel) and prints
// them as text for Tests/FixedPointTests. The headers are not part of this project: pass
// their directory to the compiler, e.g.
//
//   g++ -std=c++14 -O1 -I /tmp/hls4ml/hls4ml/templates/vivado/ap_types \
//       apfixed_reference.cpp -o apfixed_reference
//   ./apfixed_reference fixture    > ../../Tests/FixedPointTests/Fixtures/apfixed_golden.txt
//   ./apfixed_reference exhaustive > /tmp/apfixed_exhaustive.txt   # large, not committed
//
// (generate.sh does exactly that.) Output format, one record per line, fields separated
// by single spaces; types are spelled ap_fixed<W,I,Q,O,N> / ap_ufixed<...>; raw values
// are signed decimal integers (value = raw * 2^-(W-I)); doubles are exact C99 hex
// floats (%a, plus inf/-inf/nan) as inputs and 16 hex digits of their IEEE-754 bit
// pattern as results:
//
//   D <type> <double>=<raw> ...                        T x = double (double as C99 hex float)
//   C <src-type> <dst-type> <raw>=<raw> ...            dst_t y = src_t x
//   M <a-type> <b-type> <result-type> <a>,<b>=<r> ...  a * b   (result type from decltype)
//   A ... (same shape)                                 a + b
//   S ... (same shape)                                 a - b
//   N <type> <result-type> <a>=<r> ...                 -a
//   F <type> <raw>=<doublebits> ...                    x.to_double()
//
// Lines starting with '#' are comments. The program is deterministic (fixed-seed
// mt19937_64, no implementation-defined distributions).

#include <ap_fixed.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

namespace {

bool g_exhaustive = false;
std::mt19937_64 g_rng(20240613);

// ---------------------------------------------------------------------------
// Type traits and names.

template <class T> struct Traits;
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct Traits<ap_fixed<W, I, Q, O, N> > {
  enum { width = W, iwidth = I, sat = N, is_signed = 1 };
  static const ap_q_mode q = Q;
  static const ap_o_mode o = O;
};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct Traits<ap_ufixed<W, I, Q, O, N> > {
  enum { width = W, iwidth = I, sat = N, is_signed = 0 };
  static const ap_q_mode q = Q;
  static const ap_o_mode o = O;
};

// Unary minus returns an ap_fixed_base directly.
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct Traits<ap_fixed_base<W, I, S, Q, O, N> > {
  enum { width = W, iwidth = I, sat = N, is_signed = S };
  static const ap_q_mode q = Q;
  static const ap_o_mode o = O;
};

template <int W, int I, bool S, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
using Fx = typename std::conditional<S, ap_fixed<W, I, Q, O, N>, ap_ufixed<W, I, Q, O, N> >::type;

template <class T> struct Tag { typedef T type; };

const char* qname(ap_q_mode q) {
  switch (q) {
    case AP_TRN: return "AP_TRN";
    case AP_TRN_ZERO: return "AP_TRN_ZERO";
    case AP_RND: return "AP_RND";
    case AP_RND_ZERO: return "AP_RND_ZERO";
    case AP_RND_MIN_INF: return "AP_RND_MIN_INF";
    case AP_RND_INF: return "AP_RND_INF";
    case AP_RND_CONV: return "AP_RND_CONV";
  }
  return "?";
}

const char* oname(ap_o_mode o) {
  switch (o) {
    case AP_WRAP: return "AP_WRAP";
    case AP_SAT: return "AP_SAT";
    case AP_SAT_ZERO: return "AP_SAT_ZERO";
    case AP_SAT_SYM: return "AP_SAT_SYM";
    case AP_WRAP_SM: return "AP_WRAP_SM";
  }
  return "?";
}

template <class T> std::string tname() {
  typedef Traits<T> Tr;
  char buf[128];
  snprintf(buf, sizeof buf, "%s<%d,%d,%s,%s,%d>", Tr::is_signed ? "ap_fixed" : "ap_ufixed",
           (int)Tr::width, (int)Tr::iwidth, qname(Tr::q), oname(Tr::o), (int)Tr::sat);
  return buf;
}

template <class T> std::string rawString(const T& x) {
  return x.V.toString(10, Traits<T>::is_signed);
}

std::string hexBits(double d) {
  uint64_t b;
  memcpy(&b, &d, 8);
  char buf[20];
  snprintf(buf, sizeof buf, "%016llx", (unsigned long long)b);
  return buf;
}

// A double as exact C99 hex-float text ("0x1.8p-2", "-0x0p+0", "inf", "-inf", "nan").
std::string hexFloat(double d) {
  if (std::isnan(d)) {
    uint64_t b;
    memcpy(&b, &d, 8);
    if (b != 0x7ff8000000000000ULL) { fprintf(stderr, "unexpected NaN payload\n"); exit(1); }
    return "nan";
  }
  char buf[40];
  snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

// A value of T from 128 random-or-chosen bits: raw = (hi << 64 | lo) truncated to W bits.
template <class T> T fromBits(int64_t hi, uint64_t lo) {
  enum { W = Traits<T>::width, S = Traits<T>::is_signed };
  ap_int_base<(W > 64 ? W : 64) + 64, true> t = (ap_slong)hi;
  t <<= 64;
  ap_int_base<(W > 64 ? W : 64) + 64, true> l = (ap_ulong)lo;
  t |= l;
  T x;
  ap_int_base<W, S> r = t;  // truncates
  x.V = r.V;
  return x;
}

template <class T> T fromRaw(int64_t raw) { return fromBits<T>(raw < 0 ? -1 : 0, (uint64_t)raw); }

typedef unsigned __int128 u128;

template <class T> T fromPattern(u128 p) { return fromBits<T>((int64_t)(uint64_t)(p >> 64), (uint64_t)p); }

// Interesting raw values of a type: the extremes, small values and random ones.
// In exhaustive mode, every raw value of formats of at most 10 bits.
template <class T> std::vector<T> sampleValues(int randomCount) {
  enum { W = Traits<T>::width, S = Traits<T>::is_signed };
  std::vector<T> out;
  if (W <= 10 && g_exhaustive) {
    long long lo = S ? -(1LL << (W - 1)) : 0, hi = S ? (1LL << (W - 1)) - 1 : (1LL << W) - 1;
    for (long long r = lo; r <= hi; ++r) out.push_back(fromRaw<T>(r));
    return out;
  }
  const u128 one = 1;
  const u128 ones = ~(u128)0;
  const u128 topBit = one << (W - 1);
  // Bit patterns: 0, 1, 2, 100..0, 100..1, 11..1, 011..1, 011..10 (min, max, -1, ... when signed).
  const u128 patterns[] = {0, 1, 2, topBit, topBit | 1, ones, topBit - 1, (topBit - 1) & ~one};
  for (u128 p : patterns) out.push_back(fromPattern<T>(p));
  for (int i = 0; i < randomCount; ++i) {
    u128 r = ((u128)g_rng() << 64) | g_rng();
    // Odd draws keep only a few low bits (sign-extended when signed) for small magnitudes.
    if (i & 1) {
      int keep = 1 + (int)(g_rng() % W);
      r &= keep >= 128 ? ones : ((one << keep) - 1);
      if (S && ((r >> (keep - 1)) & 1)) r |= ~((one << keep) - 1);
    }
    out.push_back(fromPattern<T>(r));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Doubles to convert into T.

template <class T> std::vector<double> sampleDoubles() {
  enum { W = Traits<T>::width, I = Traits<T>::iwidth, S = Traits<T>::is_signed };
  const int F = W - I;
  std::vector<double> v;
  const double u = std::ldexp(1.0, -F);            // one ulp of T
  const double top = std::ldexp(1.0, I - (S ? 1 : 0));  // |min| (signed) or max + ulp
  const double specials[] = {0.0, -0.0, std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(), std::nan(""),
                             std::ldexp(1.5, 1000), -std::ldexp(1.0, 1000), std::ldexp(1.0, -1000),
                             -std::ldexp(1.5, -1000), 5e-324, -5e-324, 1.0, -1.0, 0.1};
  for (double d : specials) v.push_back(d);
  // Ties and near-ties around zero and around the range ends.
  const double quarter[] = {-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  for (double k : quarter) {
    v.push_back(k * u / 4);
    v.push_back(top + k * u / 4);
    v.push_back(-top + k * u / 4);
    if (!g_exhaustive) break;
  }
  v.push_back(u / 2); v.push_back(-u / 2); v.push_back(3 * u / 2); v.push_back(-3 * u / 2);
  v.push_back(top - u / 2); v.push_back(top - u); v.push_back(top); v.push_back(top + u / 2);
  v.push_back(-top); v.push_back(-top - u / 2); v.push_back(-top + u / 2); v.push_back(-top - u);
  v.push_back(2 * top + u / 2); v.push_back(-2 * top - u / 2); v.push_back(3 * top); v.push_back(-5 * top);
  v.push_back(u / 2 + std::ldexp(u, -30)); v.push_back(-u / 2 - std::ldexp(u, -30));
  if (g_exhaustive && W <= 8) {
    // Every multiple of ulp/8 over four times the range on either side.
    long long n = (long long)(8 * 4 * top / u);
    for (long long k = -n; k <= n; ++k) v.push_back(std::ldexp((double)k, -F - 3));
  }
  int randoms = g_exhaustive ? 400 : 6;
  for (int i = 0; i < randoms; ++i) {
    uint64_t r = g_rng();
    // Multiples of ulp/8 within +-2*top (exact ties likely) or arbitrary 53-bit doubles.
    double span = std::ldexp(1.0, 53);
    double frac = (double)(r >> 11) / span * 4.0 - 2.0;  // [-2, 2)
    if (i % 2 == 0) {
      double grid = std::ldexp(u, -3);
      double x = std::nearbyint(frac * top / grid);
      if (std::fabs(x) < std::ldexp(1.0, 53)) v.push_back(x * grid);
    } else {
      v.push_back(frac * top);
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// Line emitters.

struct Line {
  std::string head;
  std::vector<std::string> items;
  size_t perLine;
  explicit Line(const std::string& h, size_t n = 16) : head(h), perLine(n) {}
  void add(const std::string& s) {
    items.push_back(s);
    if (items.size() == perLine) flush();
  }
  void flush() {
    if (items.empty()) return;
    std::string out = head;
    for (auto& s : items) { out += ' '; out += s; }
    puts(out.c_str());
    items.clear();
  }
  ~Line() { flush(); }
};

template <class T> void emitFromDouble() {
  Line line("D " + tname<T>(), g_exhaustive ? 64 : 24);
  for (double d : sampleDoubles<T>()) {
    T x = d;
    line.add(hexFloat(d) + "=" + rawString(x));
  }
}

template <class Src, class Dst> void emitCast(const std::vector<Src>& sources) {
  Line line("C " + tname<Src>() + " " + tname<Dst>(), g_exhaustive ? 64 : 20);
  for (const Src& s : sources) {
    Dst y = s;
    line.add(rawString(s) + "=" + rawString(y));
  }
}

template <class T> void emitToDouble(int count) {
  Line line("F " + tname<T>(), 12);
  for (const T& x : sampleValues<T>(count)) line.add(rawString(x) + "=" + hexBits(x.to_double()));
}

template <class A, class B> void emitArithmetic(int count) {
  std::vector<A> as = sampleValues<A>(count);
  std::vector<B> bs = sampleValues<B>(count);
  typedef decltype(A() * B()) MT;
  typedef decltype(A() + B()) AT;
  typedef decltype(A() - B()) ST;
  typedef decltype(-A()) NT;
  size_t per = g_exhaustive ? 64 : 12;
  {
    Line m("M " + tname<A>() + " " + tname<B>() + " " + tname<MT>(), per);
    Line a("A " + tname<A>() + " " + tname<B>() + " " + tname<AT>(), per);
    Line s("S " + tname<A>() + " " + tname<B>() + " " + tname<ST>(), per);
    size_t n = 0;
    for (size_t i = 0; i < as.size(); ++i) {
      for (size_t j = 0; j < bs.size(); ++j) {
        // Fixture: a diagonal sample of the pairs; exhaustive: all pairs.
        if (!g_exhaustive && (i + 3 * j) % 5 != 0) continue;
        std::string ab = rawString(as[i]) + "," + rawString(bs[j]) + "=";
        MT mv = as[i] * bs[j];
        AT av = as[i] + bs[j];
        ST sv = as[i] - bs[j];
        m.add(ab + rawString(mv));
        a.add(ab + rawString(av));
        s.add(ab + rawString(sv));
        ++n;
      }
    }
  }
  Line neg("N " + tname<A>() + " " + tname<NT>(), per);
  for (const A& x : as) {
    NT r = -x;
    neg.add(rawString(x) + "=" + rawString(r));
  }
}

// ---------------------------------------------------------------------------
// Every quantization mode x overflow configuration of a format.

template <bool Enable> struct RunIf {
  template <class T, class Fn> static void run(Fn& f) { f(Tag<T>()); }
};
template <> struct RunIf<false> {
  template <class T, class Fn> static void run(Fn&) {}
};

template <int W, int I, bool S, ap_q_mode Q, class Fn> void forOverflowConfigs(Fn& f) {
  f(Tag<Fx<W, I, S, Q, AP_WRAP, 0> >());
  f(Tag<Fx<W, I, S, Q, AP_SAT, 0> >());
  f(Tag<Fx<W, I, S, Q, AP_SAT_ZERO, 0> >());
  f(Tag<Fx<W, I, S, Q, AP_SAT_SYM, 0> >());
  f(Tag<Fx<W, I, S, Q, AP_WRAP, 1> >());
  RunIf<(W >= 2)>::template run<Fx<W, I, S, Q, AP_WRAP, (W >= 2 ? 2 : 1)> >(f);
  RunIf<(W >= 3)>::template run<Fx<W, I, S, Q, AP_WRAP, W> >(f);
  // ap_ufixed rejects AP_WRAP_SM (it prints an error and exits), and for W = 1 the
  // headers' AP_WRAP_SM code reads a bit beyond the MSB (an assertion fails).
  RunIf<(S && W >= 2)>::template run<Fx<W, I, true, Q, AP_WRAP_SM, 0> >(f);
  RunIf<(S && W >= 2)>::template run<Fx<W, I, true, Q, AP_WRAP_SM, 1> >(f);
  RunIf<(S && W >= 2)>::template run<Fx<W, I, true, Q, AP_WRAP_SM, (W >= 2 ? 2 : 1)> >(f);
  RunIf<(S && W >= 3)>::template run<Fx<W, I, true, Q, AP_WRAP_SM, W> >(f);
}

template <int W, int I, bool S, class Fn> void forAllModes(Fn& f) {
  forOverflowConfigs<W, I, S, AP_TRN>(f);
  forOverflowConfigs<W, I, S, AP_TRN_ZERO>(f);
  forOverflowConfigs<W, I, S, AP_RND>(f);
  forOverflowConfigs<W, I, S, AP_RND_ZERO>(f);
  forOverflowConfigs<W, I, S, AP_RND_MIN_INF>(f);
  forOverflowConfigs<W, I, S, AP_RND_INF>(f);
  forOverflowConfigs<W, I, S, AP_RND_CONV>(f);
}

// A dozen configurations that together touch every mode, for the larger formats
// (every configuration is run for them in exhaustive mode).
template <int W, int I, bool S, class Fn> void forSomeModes(Fn& f) {
  f(Tag<Fx<W, I, S, AP_TRN, AP_WRAP, 0> >());
  f(Tag<Fx<W, I, S, AP_TRN, AP_SAT, 0> >());
  f(Tag<Fx<W, I, S, AP_RND, AP_SAT, 0> >());
  f(Tag<Fx<W, I, S, AP_RND_CONV, AP_SAT, 0> >());
  f(Tag<Fx<W, I, S, AP_RND_CONV, AP_WRAP, 0> >());
  f(Tag<Fx<W, I, S, AP_TRN_ZERO, AP_SAT_SYM, 0> >());
  f(Tag<Fx<W, I, S, AP_RND_ZERO, AP_SAT_ZERO, 0> >());
  f(Tag<Fx<W, I, S, AP_RND_MIN_INF, AP_WRAP, 2> >());
  f(Tag<Fx<W, I, S, AP_RND_INF, AP_SAT_SYM, 0> >());
  f(Tag<Fx<W, I, S, AP_RND, AP_WRAP, 1> >());
  RunIf<S>::template run<Fx<W, I, true, AP_RND_INF, AP_WRAP_SM, 0> >(f);
  RunIf<S>::template run<Fx<W, I, true, AP_TRN, AP_WRAP_SM, 2> >(f);
}

// Conversions into the target format <W,I,S> (every mode, or a dozen for larger
// formats in fixture mode): from doubles and from a few fixed-point source formats
// (wider, unsigned with a larger range, fewer integer bits).
template <int W, int I, bool S, bool AllModes> void conversionsInto() {
  printf("# conversions into %s<%d,%d,...>\n", S ? "ap_fixed" : "ap_ufixed", W, I);
  typedef Fx<W + 5, I + 2, true> SrcWide;
  typedef Fx<W + 4, I + 3, false> SrcUnsigned;
  typedef Fx<(W > 2 ? W - 1 : 1), I - 2, true> SrcShifted;
  int count = g_exhaustive ? 400 : 4;
  std::vector<SrcWide> wide = sampleValues<SrcWide>(count);
  std::vector<SrcUnsigned> uns = sampleValues<SrcUnsigned>(count);
  std::vector<SrcShifted> shifted = sampleValues<SrcShifted>(count);
  auto f = [&](auto tag) {
    typedef typename decltype(tag)::type T;
    emitFromDouble<T>();
    emitCast<SrcWide, T>(wide);
    emitCast<SrcUnsigned, T>(uns);
    emitCast<SrcShifted, T>(shifted);
  };
  if (AllModes || g_exhaustive)
    forAllModes<W, I, S>(f);
  else
    forSomeModes<W, I, S>(f);
}

// Conversions of wide (product-sized) values into a declared type, every mode.
template <int W, int I, bool S, class Src> void wideConversionsInto(int count) {
  printf("# conversions of %s into %s<%d,%d,...>\n", tname<Src>().c_str(), S ? "ap_fixed" : "ap_ufixed", W, I);
  std::vector<Src> sources = sampleValues<Src>(count);
  auto f = [&](auto tag) {
    typedef typename decltype(tag)::type T;
    emitCast<Src, T>(sources);
  };
  if (g_exhaustive)
    forAllModes<W, I, S>(f);
  else
    forSomeModes<W, I, S>(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || (strcmp(argv[1], "fixture") != 0 && strcmp(argv[1], "exhaustive") != 0)) {
    fprintf(stderr, "usage: %s fixture|exhaustive\n", argv[0]);
    return 2;
  }
  g_exhaustive = strcmp(argv[1], "exhaustive") == 0;
  printf("# Golden vectors computed by the ap_types headers of hls4ml 1.3.0 (%s mode).\n", argv[1]);
  printf("# Generated by Tools/apfixed-reference/apfixed_reference.cpp; see its README.\n");

  // Small formats, including negative I and I > W, signed and unsigned: every mode.
  conversionsInto<4, 2, true, true>();
  conversionsInto<5, -1, true, true>();
  conversionsInto<3, 5, true, true>();
  conversionsInto<4, 1, false, true>();
  conversionsInto<3, -2, false, true>();
  conversionsInto<1, 1, true, true>();
  conversionsInto<2, 0, false, true>();
  // Formats typical of hls4ml models.
  conversionsInto<16, 6, true, false>();
  conversionsInto<8, 0, false, false>();
  conversionsInto<18, 8, true, false>();
  // Wide formats (the general 128-bit path).
  conversionsInto<32, 16, true, false>();
  conversionsInto<64, 20, true, false>();
  conversionsInto<64, 32, false, false>();
  conversionsInto<100, 40, true, false>();

  int wideCount = g_exhaustive ? 400 : 12;
  wideConversionsInto<16, 6, true, Fx<128, 30, true> >(wideCount);
  wideConversionsInto<24, 12, true, Fx<96, 40, true> >(wideCount);
  wideConversionsInto<12, 4, false, Fx<80, 10, false> >(wideCount);

  printf("# full-precision arithmetic\n");
  int count = g_exhaustive ? 60 : 6;
  emitArithmetic<Fx<4, 2, true>, Fx<3, 1, false> >(count);
  emitArithmetic<Fx<5, -1, true>, Fx<3, 5, true> >(count);
  emitArithmetic<Fx<4, 1, false>, Fx<4, 3, false> >(count);
  emitArithmetic<Fx<16, 6, true>, Fx<16, 6, true> >(count);
  emitArithmetic<Fx<16, 6, true>, Fx<8, 0, false> >(count);
  emitArithmetic<Fx<32, 16, true>, Fx<32, 2, true> >(count);
  emitArithmetic<Fx<64, 20, true>, Fx<64, 30, true> >(count);
  emitArithmetic<Fx<64, 40, false>, Fx<60, -3, false> >(count);
  emitArithmetic<Fx<96, 50, true>, Fx<31, 7, false> >(count);
  emitArithmetic<Fx<100, 60, true>, Fx<27, -10, false> >(count);

  printf("# to_double\n");
  int dcount = g_exhaustive ? 2000 : 16;
  emitToDouble<Fx<4, 2, true> >(dcount);
  emitToDouble<Fx<16, 6, true> >(dcount);
  emitToDouble<Fx<8, 0, false> >(dcount);
  emitToDouble<Fx<53, 10, true> >(dcount);
  emitToDouble<Fx<54, 10, true> >(dcount);
  emitToDouble<Fx<64, 20, true> >(dcount);
  emitToDouble<Fx<64, 64, false> >(dcount);
  emitToDouble<Fx<100, 40, true> >(dcount);
  emitToDouble<Fx<127, -5, false> >(dcount);
  emitToDouble<Fx<128, 70, true> >(dcount);
  return 0;
}
