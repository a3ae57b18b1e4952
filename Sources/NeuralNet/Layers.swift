/// A trainable tensor and its accumulated gradient.
public struct Parameter<Scalar: NNScalar>: Sendable {
    /// A stable name within its layer, e.g. "kernel" or "bias".
    public var name: String
    public var shape: [Int]
    public var value: [Scalar]
    public var gradient: [Scalar]

    public init(name: String, shape: [Int], value: [Scalar]) {
        precondition(shape.reduce(1, *) == value.count, "Parameter \(name): shape \(shape) for \(value.count) values")
        self.name = name
        self.shape = shape
        self.value = value
        self.gradient = [Scalar](repeating: 0, count: value.count)
    }
}

/// A differentiable layer acting on a batch (one sample per row).
///
/// `forward` caches what `backward` needs; `backward` returns the gradient with respect to the
/// input of the last `forward` and *adds* the parameter gradients to `Parameter.gradient`
/// (call `zeroGradients()` between steps). Parameters are visited in a fixed order, which the
/// optimiser relies on.
public protocol Layer<Scalar>: AnyObject {
    associatedtype Scalar: NNScalar
    func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar>
    func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar>
    func visitParameters(_ body: (inout Parameter<Scalar>) -> Void)
}

extension Layer {
    public func zeroGradients() {
        visitParameters { p in
            for i in p.gradient.indices { p.gradient[i] = 0 }
        }
    }

    /// Copies of the parameters, in visiting order.
    public var parameters: [Parameter<Scalar>] {
        var out: [Parameter<Scalar>] = []
        visitParameters { out.append($0) }
        return out
    }
}

/// A fully connected layer `y = x · kernel + bias` with the Keras layout: kernel [inputs, outputs]
/// row-major, bias [outputs].
public final class Dense<Scalar: NNScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public var kernel: Parameter<Scalar>
    public var bias: Parameter<Scalar>
    @usableFromInline var cachedInput: Matrix<Scalar>?

    /// Glorot-uniform kernel and zero bias (the Keras defaults).
    public init(inputs: Int, outputs: Int, rng: inout Xoshiro256) {
        self.inputs = inputs
        self.outputs = outputs
        kernel = Parameter(
            name: "kernel", shape: [inputs, outputs],
            value: glorotUniform(fanIn: inputs, fanOut: outputs, count: inputs * outputs, rng: &rng))
        bias = Parameter(name: "bias", shape: [outputs], value: [Scalar](repeating: 0, count: outputs))
    }

    public init(kernel: [Scalar], bias: [Scalar], inputs: Int, outputs: Int) {
        self.inputs = inputs
        self.outputs = outputs
        self.kernel = Parameter(name: "kernel", shape: [inputs, outputs], value: kernel)
        self.bias = Parameter(name: "bias", shape: [outputs], value: bias)
    }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        cachedInput = x
        return Self.apply(x, kernel: kernel.value, bias: bias.value, inputs: inputs, outputs: outputs)
    }

    /// `x · kernel + bias` without caching (inference).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func apply(_ x: Matrix<Scalar>, kernel: [Scalar], bias: [Scalar], inputs: Int, outputs: Int)
        -> Matrix<Scalar>
    {
        precondition(x.columns == inputs, "Dense: input has \(x.columns) columns, expected \(inputs)")
        var y = [Scalar](repeating: 0, count: x.rows * outputs)
        x.storage.withUnsafeBufferPointer { xp in
            kernel.withUnsafeBufferPointer { wp in
                bias.withUnsafeBufferPointer { bp in
                    y.withUnsafeMutableBufferPointer { yp in
                        for b in 0..<x.rows {
                            let yRow = yp.baseAddress! + b * outputs
                            for j in 0..<outputs { yRow[j] = bp[j] }
                            for i in 0..<inputs {
                                let xi = xp[b * inputs + i]
                                let wRow = wp.baseAddress! + i * outputs
                                for j in 0..<outputs { yRow[j] += xi * wRow[j] }
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: x.rows, columns: outputs, storage: y)
    }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let x = cachedInput else { preconditionFailure("Dense.backward before forward") }
        precondition(dy.rows == x.rows && dy.columns == outputs, "Dense.backward: gradient shape mismatch")
        let n = inputs
        let m = outputs
        var dx = [Scalar](repeating: 0, count: x.rows * n)
        x.storage.withUnsafeBufferPointer { xp in
            dy.storage.withUnsafeBufferPointer { gp in
                kernel.value.withUnsafeBufferPointer { wp in
                    kernel.gradient.withUnsafeMutableBufferPointer { dwp in
                        bias.gradient.withUnsafeMutableBufferPointer { dbp in
                            dx.withUnsafeMutableBufferPointer { dxp in
                                for b in 0..<x.rows {
                                    let g = gp.baseAddress! + b * m
                                    for j in 0..<m { dbp[j] += g[j] }
                                    for i in 0..<n {
                                        let xi = xp[b * n + i]
                                        let dwRow = dwp.baseAddress! + i * m
                                        let wRow = wp.baseAddress! + i * m
                                        var s: Scalar = 0
                                        for j in 0..<m {
                                            dwRow[j] += xi * g[j]
                                            s += g[j] * wRow[j]
                                        }
                                        dxp[b * n + i] = s
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: x.rows, columns: n, storage: dx)
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        body(&kernel)
        body(&bias)
    }
}

/// max(0, x) elementwise; the gradient at 0 is 0 (as TensorFlow).
public final class ReLU<Scalar: NNScalar>: Layer {
    @usableFromInline var mask: [Bool] = []
    public init() {}

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        var y = x
        mask = [Bool](repeating: false, count: x.storage.count)
        for i in y.storage.indices {
            if y.storage[i] > 0 { mask[i] = true } else { y.storage[i] = 0 }
        }
        return y
    }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        var dx = dy
        for i in dx.storage.indices where !mask[i] { dx.storage[i] = 0 }
        return dx
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {}
}

/// Layers applied in order.
public final class Sequential<Scalar: NNScalar>: Layer {
    public var layers: [any Layer<Scalar>]
    public init(_ layers: [any Layer<Scalar>]) { self.layers = layers }

    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        var h = x
        for layer in layers { h = layer.forward(h) }
        return h
    }

    public func backward(_ dy: Matrix<Scalar>) -> Matrix<Scalar> {
        var g = dy
        for layer in layers.reversed() { g = layer.backward(g) }
        return g
    }

    public func visitParameters(_ body: (inout Parameter<Scalar>) -> Void) {
        for layer in layers { layer.visitParameters(body) }
    }
}
