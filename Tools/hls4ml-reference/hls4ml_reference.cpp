// Golden vectors for Tests/QuantizedMLPTests from the real hls4ml 1.3.0 headers.
//
//   g++ -std=c++14 -O1 -I <hls4ml>/templates/vivado -I <hls4ml>/templates/vivado/ap_types \
//       hls4ml_reference.cpp -o hls4ml_reference && ./hls4ml_reference > mlp_golden.txt
//
// A deterministic pseudo-random float32 network of the tutorial's shape and inputs (ordinary,
// large and tiny values, so that low precisions overflow) are run through several
// configurations; the fixture records the floats as bit patterns and, per configuration and
// sample, the raw integers of the `output` dense result (logits) and of the softmax result,
// plus the softmax tables. Output format (one record per line):
//
//   tensor NAME COUNT hex…          float32 bit patterns (fc1_kernel, fc1_bias, …)
//   input INDEX hex×16              float32 bit patterns of one sample
//   config ID SPEC                  SPEC: the HLSConfig compact spelling of the configuration
//   sizes ID EXP INV                exp_table_size, inv_table_size
//   exp ID raw…                     exp_table raw values
//   inv ID raw…                     inv_table raw values
//   out ID INDEX raw×5 raw×5        logits then probabilities (raw integers)
#include "mlp_network.h"

#include <cmath>
#include <cstdint>

static uint64_t state = 0x2545F4914F6CDD1DULL;
static uint32_t next_u32() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 32);
}
static float uniform(float lo, float hi) { return lo + (hi - lo) * (float)((next_u32() >> 8) * (1.0 / 16777216.0)); }
static unsigned bits_of(float f) {
    unsigned b;
    memcpy(&b, &f, 4);
    return b;
}

static std::vector<std::vector<float>> tensors;
static std::vector<std::vector<float>> inputs;
static const unsigned kSamples = 160;

template <class T> static long long raw_of(T v) {
    // Sign- or zero-extended raw integer of an ap_fixed/ap_ufixed value.
    ap_int<64> r = 0;
    if (fx_signed<T>::value) {
        ap_int<T::width> s;
        s.range(T::width - 1, 0) = v.range(T::width - 1, 0);
        r = s;
    } else {
        ap_uint<T::width> u;
        u.range(T::width - 1, 0) = v.range(T::width - 1, 0);
        r = u;
    }
    return r.to_int64();
}

template <class NET> static void run(const char *id, const char *spec) {
    typedef typename NET::softmax_config S;
    static NET net;
    net.load(tensors);
    printf("config %s %s\n", id, spec);
    printf("sizes %s %u %u\n", id, S::exp_table_size, S::inv_table_size);
    {
        static typename S::exp_table_t exp_table[S::exp_table_size];
        static typename S::inv_table_t inv_table[S::inv_table_size];
        if (S::implementation == nnet::softmax_implementation::stable)
            nnet::init_exp_table<typename S::inp_norm_t, S>(exp_table, true);
        else
            nnet::init_exp_table<typename NET::R4_t, S>(exp_table);
        nnet::init_invert_table<typename S::inv_inp_t, S>(inv_table);
        printf("exp %s", id);
        for (unsigned i = 0; i < S::exp_table_size; i++) printf(" %lld", raw_of(exp_table[i]));
        printf("\ninv %s", id);
        for (unsigned i = 0; i < S::inv_table_size; i++) printf(" %lld", raw_of(inv_table[i]));
        printf("\n");
    }
    for (unsigned n = 0; n < kSamples; n++) {
        typedef typename NET::R4_t R4;
        typedef typename NET::SR_t SR;
        R4 logits[5];
        SR probs[5];
        net.predict(inputs[n].data(), logits, probs);
        printf("out %s %u", id, n);
        for (int k = 0; k < 5; k++) printf(" %lld", raw_of(logits[k]));
        for (int k = 0; k < 5; k++) printf(" %lld", raw_of(probs[k]));
        printf("\n");
    }
}

int main() {
    const unsigned sizes[8] = {16 * 64, 64, 64 * 32, 32, 32 * 32, 32, 32 * 5, 5};
    const char *names[8] = {"fc1_kernel", "fc1_bias", "fc2_kernel", "fc2_bias", "fc3_kernel", "fc3_bias", "output_kernel", "output_bias"};
    const float scale[8] = {0.6f, 0.3f, 0.35f, 0.2f, 0.45f, 0.2f, 0.8f, 0.3f};
    for (int t = 0; t < 8; t++) {
        std::vector<float> v(sizes[t]);
        for (auto &x : v) x = uniform(-scale[t], scale[t]);
        tensors.push_back(v);
        printf("tensor %s %u", names[t], sizes[t]);
        for (float x : v) printf(" %08x", bits_of(x));
        printf("\n");
    }
    for (unsigned n = 0; n < kSamples; n++) {
        std::vector<float> x(16);
        for (unsigned i = 0; i < 16; i++) {
            if (n % 10 == 7) x[i] = uniform(-40.f, 40.f);          // far out of range
            else if (n % 10 == 8) x[i] = uniform(-1e-3f, 1e-3f);   // below the ulp
            else x[i] = uniform(-3.f, 3.f);
        }
        inputs.push_back(x);
        printf("input %u", n);
        for (float v : x) printf(" %08x", bits_of(v));
        printf("\n");
    }
    typedef ap_fixed<16, 6> f16_6;
    typedef ap_fixed<12, 4> f12_4;
    typedef ap_fixed<8, 3> f8_3;
    typedef ap_fixed<6, 2> f6_2;
    run<Uniform<f16_6>>("u16_6", "ap_fixed<16,6>");
    run<Uniform<f12_4>>("u12_4", "ap_fixed<12,4>");
    run<Uniform<f8_3>>("u8_3", "ap_fixed<8,3>");
    run<Uniform<f6_2>>("u6_2", "ap_fixed<6,2>");
    run<Uniform<f16_6, false>>("lat16_6", "ap_fixed<16,6>; softmax.implementation=latency");
    run<Uniform<ap_fixed<10, 4, AP_RND_CONV, AP_SAT>>>("u10_4rs", "ap_fixed<10,4,AP_RND_CONV,AP_SAT>");
    // Heterogeneous: rounding/saturating accumulators and results, unsigned ReLU outputs,
    // narrow weights, a custom softmax.
    typedef ap_fixed<8, 2, AP_RND> w8;
    typedef ap_fixed<24, 10, AP_RND, AP_SAT> acc24;
    typedef ap_fixed<12, 5, AP_RND_ZERO, AP_SAT_SYM> r12;
    typedef ap_ufixed<10, 4, AP_RND, AP_SAT> relu10;
    typedef ap_fixed<16, 7, AP_TRN_ZERO, AP_SAT_ZERO> r16;
    typedef ap_fixed<14, 6> in14;
    run<Network<in14,
                w8, w8, acc24, r12, relu10,
                w8, w8, ap_fixed<20, 9, AP_RND_INF, AP_WRAP>, r12, relu10,
                ap_fixed<6, 1>, ap_fixed<10, 3>, ap_fixed<18, 8>, ap_fixed<12, 6, AP_RND_MIN_INF, AP_SAT>, ap_ufixed<9, 4>,
                w8, ap_fixed<12, 5>, ap_fixed<22, 10>, r16,
                ap_fixed<20, 8, AP_RND, AP_SAT>, ap_ufixed<12, 0, AP_RND_CONV, AP_SAT>,
                ap_fixed<16, 6, AP_RND, AP_SAT>, ap_ufixed<14, 4, AP_RND, AP_SAT>, ap_fixed<16, 7, AP_RND, AP_SAT>, 512, true>>(
        "hetero",
        "ap_fixed<16,6>; fc1_input.result=ap_fixed<14,6>; "
        "fc1.weight=ap_fixed<8,2,AP_RND>; fc1.bias=ap_fixed<8,2,AP_RND>; fc1.accum=ap_fixed<24,10,AP_RND,AP_SAT>; "
        "fc1.result=ap_fixed<12,5,AP_RND_ZERO,AP_SAT_SYM>; relu1.result=ap_ufixed<10,4,AP_RND,AP_SAT>; "
        "fc2.weight=ap_fixed<8,2,AP_RND>; fc2.bias=ap_fixed<8,2,AP_RND>; fc2.accum=ap_fixed<20,9,AP_RND_INF,AP_WRAP>; "
        "fc2.result=ap_fixed<12,5,AP_RND_ZERO,AP_SAT_SYM>; relu2.result=ap_ufixed<10,4,AP_RND,AP_SAT>; "
        "fc3.weight=ap_fixed<6,1>; fc3.bias=ap_fixed<10,3>; fc3.accum=ap_fixed<18,8>; "
        "fc3.result=ap_fixed<12,6,AP_RND_MIN_INF,AP_SAT>; relu3.result=ap_ufixed<9,4>; "
        "output.weight=ap_fixed<8,2,AP_RND>; output.bias=ap_fixed<12,5>; output.accum=ap_fixed<22,10>; "
        "output.result=ap_fixed<16,7,AP_TRN_ZERO,AP_SAT_ZERO>; "
        "softmax.accum=ap_fixed<20,8,AP_RND,AP_SAT>; softmax.result=ap_ufixed<12,0,AP_RND_CONV,AP_SAT>; "
        "softmax.exp_table_t=ap_fixed<16,6,AP_RND,AP_SAT>; softmax.inv_table_t=ap_ufixed<14,4,AP_RND,AP_SAT>; "
        "softmax.inv_inp_t=ap_fixed<16,7,AP_RND,AP_SAT>; softmax.table_size=512");
    return 0;
}
