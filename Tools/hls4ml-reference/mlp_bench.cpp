// Throughput of the tutorial MLP written with hls4ml's ap_fixed types and nnet_utils layers
// (mlp_network.h), at ap_fixed<16,6> (hls4ml's default, granularity='model') and in float, on
// the committed model and the network inputs written by `archive kernel mlp --save-inputs`.
//
//   g++ -std=c++14 -O2 -I <hls4ml>/templates/vivado -I <hls4ml>/templates/vivado/ap_types \
//       mlp_bench.cpp -o mlp_bench
//   ./mlp_bench MODEL_DIR INPUTS.npy > outputs.jsonl     (throughput on stderr)
//
// stdout: one JSON line per sample with the fixed-point logits and probabilities as exact
// doubles (%.17g), for a bit-for-bit comparison with the Swift emulation.
#include "mlp_network.h"

#include <chrono>
#include <fstream>
#include <sstream>

// Minimal .npy reader for little-endian float32 arrays.
static std::vector<float> read_npy(const std::string &path, size_t expected) {
    std::ifstream f(path, std::ios::binary);
    if (!f) { fprintf(stderr, "cannot open %s\n", path.c_str()); exit(1); }
    char magic[10];
    f.read(magic, 10);
    unsigned header_len = (unsigned char)magic[8] | ((unsigned char)magic[9] << 8);
    std::string header(header_len, ' ');
    f.read(&header[0], header_len);
    if (header.find("'<f4'") == std::string::npos) { fprintf(stderr, "%s: not float32\n", path.c_str()); exit(1); }
    std::vector<float> v;
    float x;
    while (f.read((char *)&x, 4)) v.push_back(x);
    if (expected && v.size() != expected) { fprintf(stderr, "%s: %zu values, expected %zu\n", path.c_str(), v.size(), expected); exit(1); }
    return v;
}

typedef Uniform<ap_fixed<16, 6>> Fixed16;

struct FloatNet {
    std::vector<std::vector<float>> t;
    void predict(const float *x, float logits[5], float probs[5]) {
        float h0[64], h1[32], h2[32];
        dense(x, 16, 64, t[0], t[1], h0, true);
        dense(h0, 64, 32, t[2], t[3], h1, true);
        dense(h1, 32, 32, t[4], t[5], h2, true);
        dense(h2, 32, 5, t[6], t[7], logits, false);
        float m = logits[0];
        for (int k = 1; k < 5; k++) m = logits[k] > m ? logits[k] : m;
        float s = 0;
        for (int k = 0; k < 5; k++) { probs[k] = std::exp(logits[k] - m); s += probs[k]; }
        for (int k = 0; k < 5; k++) probs[k] /= s;
    }
    static void dense(const float *x, int n, int m, const std::vector<float> &w, const std::vector<float> &b, float *y, bool relu) {
        for (int j = 0; j < m; j++) y[j] = b[j];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) y[j] += x[i] * w[i * m + j];
        if (relu)
            for (int j = 0; j < m; j++) y[j] = y[j] > 0 ? y[j] : 0;
    }
};

template <class F> static double rate(size_t samples, F body) {
    auto start = std::chrono::steady_clock::now();
    size_t runs = 0;
    double elapsed = 0;
    do {
        body();
        runs++;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < 2.0);
    return runs * samples / elapsed;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: mlp_bench MODEL_DIR INPUTS.npy\n"); return 2; }
    std::string dir = argv[1];
    const char *names[8] = {"fc1_kernel", "fc1_bias", "fc2_kernel", "fc2_bias", "fc3_kernel", "fc3_bias", "output_kernel", "output_bias"};
    const size_t sizes[8] = {16 * 64, 64, 64 * 32, 32, 32 * 32, 32, 32 * 5, 5};
    std::vector<std::vector<float>> tensors;
    for (int t = 0; t < 8; t++) tensors.push_back(read_npy(dir + "/" + names[t] + ".npy", sizes[t]));
    std::vector<float> x = read_npy(argv[2], 0);
    size_t n = x.size() / 16;

    static Fixed16 net;
    net.load(tensors);
    std::vector<ap_fixed<16, 6>> logits(n * 5), probs(n * 5);
    double fixed_rate = rate(n, [&] {
        for (size_t i = 0; i < n; i++) net.predict(&x[i * 16], &logits[i * 5], &probs[i * 5]);
    });
    FloatNet fnet{tensors};
    std::vector<float> fl(n * 5), fp(n * 5);
    double float_rate = rate(n, [&] {
        for (size_t i = 0; i < n; i++) fnet.predict(&x[i * 16], &fl[i * 5], &fp[i * 5]);
    });
    fprintf(stderr, "C++ ap_fixed<16,6> (hls4ml nnet_utils, -O2), one thread: %.0f samples/s\n", fixed_rate);
    fprintf(stderr, "C++ float32, one thread: %.0f samples/s\n", float_rate);
    for (size_t i = 0; i < n; i++) {
        printf("{\"logits\": [");
        for (int k = 0; k < 5; k++) printf(k ? ", %.17g" : "%.17g", logits[i * 5 + k].to_double());
        printf("], \"probabilities\": [");
        for (int k = 0; k < 5; k++) printf(k ? ", %.17g" : "%.17g", probs[i * 5 + k].to_double());
        printf("]}\n");
    }
    return 0;
}
