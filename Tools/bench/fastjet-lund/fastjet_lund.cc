// FastJet reference for `archive jets lund`: C/A reclustering of every jet of
// the committed sample (all constituents merged into one jet) plus the primary
// Lund walk with the fjcontrib LundGenerator conventions (fjcontrib is not in
// Debian, so the walk is written out here: it is LundGenerator::result()).
//
// Built against Debian's libfastjet-dev by Tools/bench/lund.sh.
//
//   fastjet_lund lund  DIR SPLIT          JSON lines like `archive jets lund` (%.17g)
//   fastjet_lund bench DIR SPLIT [ROUNDS [MIN MAX]]
//                                         jets/s of reclustering + primary walk,
//                                         best of ROUNDS (default 5), CPU time;
//                                         only jets of MIN..MAX constituents if given
// SPLIT is train, val, test or all (the three in that order).

#include "fastjet/ClusterSequence.hh"
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace fastjet;

namespace {

// Minimal .npy reader: version 1/2/3 header, little-endian, C order, the one
// dtype and rank the caller expects; anything else is an error.
template <typename T>
std::vector<T> read_npy(const std::string& path, const char* descr, int rank, std::vector<long>& shape) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  char magic[8];
  in.read(magic, 8);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error(path + ": not a .npy file");
  uint32_t hlen = 0;
  if (magic[6] == 1) { unsigned char b[2]; in.read((char*)b, 2); hlen = b[0] | (b[1] << 8); }
  else { unsigned char b[4]; in.read((char*)b, 4); hlen = b[0] | (b[1] << 8) | (b[2] << 16) | ((uint32_t)b[3] << 24); }
  std::string header(hlen, '\0');
  in.read(&header[0], hlen);
  if (header.find(std::string("'descr': '") + descr + "'") == std::string::npos)
    throw std::runtime_error(path + ": expected dtype " + descr + ", header " + header);
  if (header.find("'fortran_order': False") == std::string::npos)
    throw std::runtime_error(path + ": Fortran order is not supported");
  size_t open = header.find("'shape': ("), close = header.find(')', open);
  if (open == std::string::npos || close == std::string::npos) throw std::runtime_error(path + ": no shape");
  std::stringstream dims(header.substr(open + 10, close - open - 10));
  shape.clear();
  long total = 1;
  for (std::string tok; std::getline(dims, tok, ',');) {
    if (tok.find_first_not_of(' ') == std::string::npos) continue;
    shape.push_back(std::stol(tok));
    total *= shape.back();
  }
  if ((int)shape.size() != rank) throw std::runtime_error(path + ": unexpected rank");
  std::vector<T> data(total);
  in.read((char*)data.data(), total * sizeof(T));
  if (!in) throw std::runtime_error(path + ": truncated");
  return data;
}

struct Sample {
  std::vector<float> constituents;  // rows of px, py, pz, E
  std::vector<int64_t> offsets;     // jets + 1 entries, concatenated splits rebased
};

void append_split(Sample& s, const std::string& dir, const std::string& split) {
  std::vector<long> shape;
  auto c = read_npy<float>(dir + "/" + split + "_constituents.npy", "<f4", 2, shape);
  if (shape[1] != 4) throw std::runtime_error(split + "_constituents.npy: expected [M, 4]");
  auto o = read_npy<int64_t>(dir + "/" + split + "_offsets.npy", "<i8", 1, shape);
  int64_t base = (int64_t)(s.constituents.size() / 4);
  if (s.offsets.empty()) s.offsets.push_back(0);
  for (size_t i = 1; i < o.size(); i++) s.offsets.push_back(base + o[i]);
  s.constituents.insert(s.constituents.end(), c.begin(), c.end());
}

// fjcontrib LundDeclustering quantities for `pair` -> (j1, j2), j1 the
// followed branch (pT1 >= pT2, compared via pT²).
struct Declustering { double delta, kt, z, m, psi; };

Declustering decluster(const PseudoJet& pair, const PseudoJet& j1, const PseudoJet& j2) {
  const PseudoJet& harder = j1.pt2() > j2.pt2() ? j1 : j2;
  const PseudoJet& softer = j1.pt2() > j2.pt2() ? j2 : j1;
  Declustering d;
  d.m = pair.m();
  d.delta = j1.delta_R(j2);
  double pt1 = harder.pt(), pt2 = softer.pt();
  d.z = pt2 / (pt1 + pt2);
  d.kt = pt2 * d.delta;
  d.psi = std::atan2(softer.rap() - harder.rap(), harder.delta_phi_to(softer));
  return d;
}

// Reclusters jet i with C/A (R = max_allowable_R, so everything merges) and
// appends its primary declusterings to `out`.
void primary(const Sample& s, size_t i, const JetDefinition& ca, std::vector<Declustering>& out) {
  std::vector<PseudoJet> particles;
  particles.reserve(s.offsets[i + 1] - s.offsets[i]);
  for (int64_t r = s.offsets[i]; r < s.offsets[i + 1]; r++) {
    const float* p = &s.constituents[4 * r];
    particles.emplace_back((double)p[0], (double)p[1], (double)p[2], (double)p[3]);
  }
  out.clear();
  if (particles.size() < 2) return;
  ClusterSequence cs(particles, ca);
  PseudoJet j = cs.exclusive_jets(1)[0], j1, j2;
  while (j.has_parents(j1, j2)) {
    if (j1.pt2() < j2.pt2()) std::swap(j1, j2);
    out.push_back(decluster(j, j1, j2));
    j = j1;
  }
}

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s lund|bench DIR SPLIT [ROUNDS [MIN MAX]]\n", argv[0]);
    return 2;
  }
  std::string mode = argv[1], dir = argv[2], split = argv[3];
  Sample sample;
  try {
    if (split == "all") for (const char* sp : {"train", "val", "test"}) append_split(sample, dir, sp);
    else append_split(sample, dir, split);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  ClusterSequence::set_fastjet_banner_stream(nullptr);
  JetDefinition ca(cambridge_algorithm, JetDefinition::max_allowable_R);
  size_t jets = sample.offsets.size() - 1;
  std::vector<Declustering> ds;

  if (mode == "lund") {
    for (size_t i = 0; i < jets; i++) {
      primary(sample, i, ca, ds);
      std::printf("{\"declusterings\": [");
      for (size_t k = 0; k < ds.size(); k++)
        std::printf("%s{\"delta\": %.17g, \"kt\": %.17g, \"z\": %.17g, \"m\": %.17g, \"psi\": %.17g}",
                    k ? ", " : "", ds[k].delta, ds[k].kt, ds[k].z, ds[k].m, ds[k].psi);
      std::printf("]}\n");
    }
    return 0;
  }
  if (mode == "bench") {
    int rounds = argc > 4 ? std::atoi(argv[4]) : 5;
    long lo = argc > 6 ? std::atol(argv[5]) : 0, hi = argc > 6 ? std::atol(argv[6]) : INT64_MAX;
    std::vector<size_t> selected;
    for (size_t i = 0; i < jets; i++) {
      int64_t n = sample.offsets[i + 1] - sample.offsets[i];
      if (n >= lo && n <= hi) selected.push_back(i);
    }
    double best = 1e300, sink = 0;
    for (int r = 0; r < rounds; r++) {
      sink = 0;
      double t0 = cpu_seconds();
      for (size_t i : selected) {
        primary(sample, i, ca, ds);
        for (auto& d : ds) sink += d.kt;
      }
      double dt = cpu_seconds() - t0;
      if (dt < best) best = dt;
    }
    std::printf("fastjet %s (strategy Best): %zu jets, best of %d: %.4f s CPU = %.0f jets/s (checksum %.6g)\n",
                fastjet_version_string().c_str(), selected.size(), rounds, best, selected.size() / best, sink);
    return 0;
  }
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
