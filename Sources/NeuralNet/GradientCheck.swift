import Foundation

/// Finite-difference checks of analytic gradients (use Double models: Float is too coarse).
public enum GradientCheck {
    /// Central differences `(f(x + h e_i) - f(x - h e_i)) / 2h` for every coordinate of `x`.
    public static func numericalGradient(at x: [Double], step h: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
        var probe = x
        var g = [Double](repeating: 0, count: x.count)
        for i in x.indices {
            let saved = probe[i]
            probe[i] = saved + h
            let plus = f(probe)
            probe[i] = saved - h
            let minus = f(probe)
            probe[i] = saved
            g[i] = (plus - minus) / (2 * h)
        }
        return g
    }

    /// The largest `|a - n| / max(1e-8, |a| + |n|)` over the coordinates (0 when both agree exactly).
    public static func maxRelativeError(_ analytic: [Double], _ numeric: [Double]) -> Double {
        precondition(analytic.count == numeric.count, "GradientCheck: gradients of different lengths")
        var worst = 0.0
        for (a, n) in zip(analytic, numeric) {
            let d = abs(a - n)
            if d == 0 { continue }
            worst = Swift.max(worst, d / Swift.max(1e-8, abs(a) + abs(n)))
        }
        return worst
    }

    /// Compares the analytic parameter gradients of `model` for `loss` (a function of the model's
    /// output returning the loss and its gradient) with central differences. Returns the largest
    /// relative error over all parameters and the input.
    public static func check(
        model: some Layer<Double>, input: Matrix<Double>, step h: Double = 1e-5,
        loss: (Matrix<Double>) -> (loss: Double, gradient: Matrix<Double>)
    ) -> Double {
        let g = gradients(model: model, input: input, step: h, loss: loss)
        return maxRelativeError(g.analytic, g.numeric)
    }

    /// The analytic gradient of `loss` with respect to every parameter of `model` (in
    /// `visitParameters` order) and then every input value, next to its central-difference
    /// estimate. The parameters are left as they were.
    public static func gradients(
        model: some Layer<Double>, input: Matrix<Double>, step h: Double = 1e-5,
        loss: (Matrix<Double>) -> (loss: Double, gradient: Matrix<Double>)
    )
        -> (analytic: [Double], numeric: [Double], parameterCount: Int)
    {
        model.zeroGradients()
        let out = model.forward(input)
        let inputGradient = model.backward(loss(out).gradient).storage
        var analytic: [Double] = []
        model.visitParameters { analytic.append(contentsOf: $0.gradient) }
        analytic.append(contentsOf: inputGradient)

        var flat: [Double] = []
        model.visitParameters { flat.append(contentsOf: $0.value) }
        let parameterCount = flat.count
        flat.append(contentsOf: input.storage)

        func evaluate(_ values: [Double]) -> Double {
            var k = 0
            model.visitParameters { p in
                for i in p.value.indices {
                    p.value[i] = values[k]
                    k += 1
                }
            }
            let x = Matrix(rows: input.rows, columns: input.columns, storage: Array(values[parameterCount...]))
            return loss(model.forward(x)).loss
        }
        let numeric = numericalGradient(at: flat, step: h, evaluate)
        _ = evaluate(flat)  // restore the parameters
        return (analytic, numeric, parameterCount)
    }
}
