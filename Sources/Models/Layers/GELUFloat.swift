/// The Float GELU kernel, eight lanes at a time: the training hot spot (B·S·2048 values
/// per step). erf is the odd rational approximation of `erfKernel`; e^{−x²/2} uses a
/// Cody–Waite reduction to r ∈ [−ln2/2, ln2/2], a degree-6 Taylor polynomial (relative
/// error < 2e-7) and the exponent built in the float's bits. No libm call, so the loop
/// stays in vector registers.
enum GELUFloat {
    typealias V = SIMD8<Float>

    @inline(__always)
    static func erf(_ x: V) -> V {
        // comparisons and selects: `clamped` calls pointwiseMin/Max out of line
        let v = x.replacing(with: 4, where: x .> 4).replacing(with: -4, where: x .< -4)
        let v2 = v * v
        var p = V(repeating: -2.72614225801306e-10)
        p = p * v2 + 2.77068142495902e-08
        p = p * v2 - 2.10102402082508e-06
        p = p * v2 - 5.69250639462346e-05
        p = p * v2 - 7.34990630326855e-04
        p = p * v2 - 2.95459980854025e-03
        p = p * v2 - 1.60960333262415e-02
        var q = V(repeating: -1.45660718464996e-05)
        q = q * v2 - 2.13374055278905e-04
        q = q * v2 - 1.68282697438203e-03
        q = q * v2 - 7.37332916720468e-03
        q = q * v2 - 1.42647390514189e-02
        return v * p / q
    }

    /// eˣ for x ≤ 0 (the Gaussian's argument), flushed to 0 below −87.
    @inline(__always)
    static func expNegative(_ x: V) -> V {
        let clamped = x.replacing(with: -87, where: x .< -87).replacing(with: 0, where: x .> 0)
        let magic = V(repeating: 12_582_912) // 1.5·2²³: adding it rounds to an integer
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        let r = clamped - n * 0.693_145_75 - n * 1.428_606_8e-6
        var p = V(repeating: 1.0 / 720)
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: V.self)
        let result = p * scale
        return result.replacing(with: 0, where: x .< -87)
    }

    /// out = x·Φ(x) and, when given, derivative = Φ(x) + x·φ(x), over `range`.
    static func forward(_ out: UnsafeMutablePointer<Float>, _ derivative: UnsafeMutablePointer<Float>?,
                        _ inp: UnsafePointer<Float>, _ range: Range<Int>) {
        var i = range.lowerBound
        let invSqrt2: Float = 0.707_106_77
        let invSqrt2Pi: Float = 0.398_942_3
        while i + 8 <= range.upperBound {
            let x = UnsafeRawPointer(inp + i).loadUnaligned(as: V.self)
            let cdf = (1 + erf(x * invSqrt2)) * 0.5
            UnsafeMutableRawPointer(out + i).storeBytes(of: x * cdf, as: V.self)
            if let derivative {
                let pdf = expNegative(-x * x * 0.5) * invSqrt2Pi
                UnsafeMutableRawPointer(derivative + i).storeBytes(of: cdf + x * pdf, as: V.self)
            }
            i += 8
        }
        while i < range.upperBound {
            let x = inp[i]
            let cdf = (1 + erfKernel(x * invSqrt2)) / 2
            out[i] = x * cdf
            derivative?[i] = cdf + x * Float.exp(-x * x / 2) * invSqrt2Pi
            i += 1
        }
    }
}
