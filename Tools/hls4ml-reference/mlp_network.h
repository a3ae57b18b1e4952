// The hls4ml tutorial MLP (16 → 64 → 32 → 32 → 5, ReLU, softmax) written the way hls4ml 1.3.0's
// Vivado backend generates it for io_parallel / Strategy: Latency: the config structs below
// follow backends/vivado/passes/core_templates.py, the layer functions are the real
// nnet::dense / nnet::relu / nnet::softmax from the hls4ml headers (not part of this
// repository; see README.md). Shared by hls4ml_reference.cpp (golden vectors) and
// mlp_bench.cpp (throughput).
#pragma once

#include "ap_fixed.h"
#include "nnet_utils/nnet_activation.h"
#include "nnet_utils/nnet_dense.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

constexpr unsigned kWidths[5] = {16, 64, 32, 32, 5};

// hls4ml's FixSoftmaxTableSize pass and the softmax config template's table-size rules.
constexpr unsigned fixed_table_size(unsigned table_size, int input_bw, int inv_table_bw) {
    return (1u << (input_bw < inv_table_bw ? input_bw : inv_table_bw)) < table_size
               ? (1u << (input_bw < inv_table_bw ? input_bw : inv_table_bw))
               : table_size;
}
constexpr unsigned stable_exp_table_size(unsigned table_size, int input_w, bool input_signed) {
    return input_signed ? ((1u << (input_w - 1)) < table_size ? (1u << (input_w - 1)) : table_size) : table_size;
}

template <class T> struct fx_signed;
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N> struct fx_signed<ap_fixed<W, I, Q, O, N>> {
    static const bool value = true;
};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N> struct fx_signed<ap_ufixed<W, I, Q, O, N>> {
    static const bool value = false;
};

template <class T> struct norm_type;
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N> struct norm_type<ap_fixed<W, I, Q, O, N>> {
    typedef ap_ufixed<W - 1, I - 1> type; // ap_ufixed<W - signed, I - signed>
};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N> struct norm_type<ap_ufixed<W, I, Q, O, N>> {
    typedef ap_ufixed<W, I> type;
};

template <unsigned NIN, unsigned NOUT, class W, class B, class A> struct dense_cfg : nnet::dense_config {
    static const unsigned n_in = NIN;
    static const unsigned n_out = NOUT;
    static const unsigned io_type = nnet::io_parallel;
    static const unsigned strategy = nnet::latency;
    static const unsigned reuse_factor = 1;
    static const unsigned n_zeros = 0;
    static const unsigned n_nonzeros = NIN * NOUT;
    static const unsigned multiplier_limit = NIN * NOUT;
    static const bool store_weights_in_bram = false;
    typedef A accum_t;
    typedef B bias_t;
    typedef W weight_t;
    typedef ap_uint<1> index_t;
    template <class data_T, class res_T, class CONFIG_T> using kernel = nnet::DenseLatency<data_T, res_T, CONFIG_T>;
    template <class x_T, class y_T> using product = nnet::product::mult<x_T, y_T>;
};

template <unsigned N> struct relu_cfg : nnet::activ_config {
    static const unsigned n_in = N;
    static const unsigned table_size = 1024;
    static const unsigned io_type = nnet::io_parallel;
    static const unsigned reuse_factor = 1;
    typedef ap_fixed<18, 8> table_t;
};

template <class DATA, class ACC, class EXP, class INV, class INVINP, unsigned TABLE, bool STABLE>
struct softmax_cfg : nnet::activ_config {
    static const unsigned n_in = 5;
    static const unsigned n_slice = 5;
    static const unsigned n_outer = 1;
    static const unsigned n_inner = 1;
    static const unsigned parallelization_factor = -1;
    static const unsigned inv_table_size = fixed_table_size(TABLE, DATA::width, INV::width);
    static const unsigned exp_table_size =
        STABLE ? stable_exp_table_size(inv_table_size, DATA::width, fx_signed<DATA>::value) : inv_table_size;
    static const unsigned io_type = nnet::io_parallel;
    static const unsigned reuse_factor = 1;
    static const unsigned axis = -1;
    static const nnet::softmax_implementation implementation =
        STABLE ? nnet::softmax_implementation::stable : nnet::softmax_implementation::latency;
    static constexpr float exp_scale = 1.0;
    typedef EXP exp_table_t;
    typedef INV inv_table_t;
    typedef ACC accum_t;
    typedef INVINP inv_inp_t;
    typedef typename std::conditional<STABLE, typename norm_type<DATA>::type, ap_fixed<1, 0>>::type inp_norm_t;
};

typedef ap_fixed<18, 8, AP_RND, AP_SAT> default_table_t;

// Types of one configuration. Per dense layer k (fc1, fc2, fc3, output): weight, bias, accum,
// result; per ReLU: result; softmax: accum, result, tables.
template <class IN,
          class W1, class B1, class A1, class R1, class RL1,
          class W2, class B2, class A2, class R2, class RL2,
          class W3, class B3, class A3, class R3, class RL3,
          class W4, class B4, class A4, class R4,
          class SA, class SR, class EXP = default_table_t, class INV = default_table_t, class INVINP = default_table_t,
          unsigned TABLE = 1024, bool STABLE = true>
struct Network {
    typedef dense_cfg<16, 64, W1, B1, A1> config1;
    typedef dense_cfg<64, 32, W2, B2, A2> config2;
    typedef dense_cfg<32, 32, W3, B3, A3> config3;
    typedef dense_cfg<32, 5, W4, B4, A4> config4;
    typedef softmax_cfg<R4, SA, EXP, INV, INVINP, TABLE, STABLE> softmax_config;
    typedef R4 R4_t;
    typedef SR SR_t;

    W1 w1[16 * 64]; B1 b1[64];
    W2 w2[64 * 32]; B2 b2[32];
    W3 w3[32 * 32]; B3 b3[32];
    W4 w4[32 * 5]; B4 b4[5];

    // Weights arrive as the float values of the model; hls4ml writes them as decimal text with
    // max(0, fractional bits) digits ('{:.Nf}'.format) and the C++ side reads the text.
    template <class T> static T from_text(float f) {
        int digits = T::width - T::iwidth;
        if (digits < 0) digits = 0;
        char buf[512];
        snprintf(buf, sizeof buf, "%.*f", digits, (double)f);
        return T(strtod(buf, nullptr));
    }

    void load(const std::vector<std::vector<float>> &t) {
        for (unsigned i = 0; i < 16 * 64; i++) w1[i] = from_text<W1>(t[0][i]);
        for (unsigned i = 0; i < 64; i++) b1[i] = from_text<B1>(t[1][i]);
        for (unsigned i = 0; i < 64 * 32; i++) w2[i] = from_text<W2>(t[2][i]);
        for (unsigned i = 0; i < 32; i++) b2[i] = from_text<B2>(t[3][i]);
        for (unsigned i = 0; i < 32 * 32; i++) w3[i] = from_text<W3>(t[4][i]);
        for (unsigned i = 0; i < 32; i++) b3[i] = from_text<B3>(t[5][i]);
        for (unsigned i = 0; i < 32 * 5; i++) w4[i] = from_text<W4>(t[6][i]);
        for (unsigned i = 0; i < 5; i++) b4[i] = from_text<B4>(t[7][i]);
    }

    // One sample, as myproject() plus the float bridge's convert_data.
    void predict(const float *x, R4 logits[5], SR probs[5]) {
        IN in[16];
        nnet::convert_data<const float, IN, 16>(x, in);
        R1 l1[64]; RL1 a1[64];
        R2 l2[32]; RL2 a2[32];
        R3 l3[32]; RL3 a3[32];
        nnet::dense<IN, R1, config1>(in, l1, w1, b1);
        nnet::relu<R1, RL1, relu_cfg<64>>(l1, a1);
        nnet::dense<RL1, R2, config2>(a1, l2, w2, b2);
        nnet::relu<R2, RL2, relu_cfg<32>>(l2, a2);
        nnet::dense<RL2, R3, config3>(a2, l3, w3, b3);
        nnet::relu<R3, RL3, relu_cfg<32>>(l3, a3);
        nnet::dense<RL3, R4, config4>(a3, logits, w4, b4);
        nnet::softmax<R4, SR, softmax_config>(logits, probs);
    }
};

// granularity='model' with one precision P everywhere (softmax accum_t is the model default).
template <class P, bool STABLE = true>
using Uniform = Network<P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
                        default_table_t, default_table_t, default_table_t, 1024, STABLE>;

// Reads whitespace-separated hexadecimal float bit patterns.
inline std::vector<float> read_float_bits(FILE *f, size_t n) {
    std::vector<float> out(n);
    for (size_t i = 0; i < n; i++) {
        unsigned bits;
        if (fscanf(f, "%x", &bits) != 1) {
            fprintf(stderr, "short input\n");
            exit(1);
        }
        float v;
        memcpy(&v, &bits, 4);
        out[i] = v;
    }
    return out;
}
