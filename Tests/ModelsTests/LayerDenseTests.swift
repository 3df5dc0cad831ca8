import Testing
@testable import Models

/// Finite-difference checks (Double, tiny shapes) of the dense layers' backward passes.
@Suite struct LayerDenseTests {
    @Test func linearGradientsMatchFiniteDifferences() {
        let (N, C, OC) = (3, 4, 5)
        let x = GradientCheck.values(N * C, seed: 1)
        let w = GradientCheck.values(OC * C, seed: 2)
        let b = GradientCheck.values(OC, seed: 3)
        let r = GradientCheck.values(N * OC, seed: 4)
        func forward(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: N * OC)
            linearForward(&out, x, w, b, N, C, OC)
            return out
        }
        var dx = [Double](repeating: 0, count: N * C)
        var dw = [Double](repeating: 0, count: OC * C)
        var db = [Double](repeating: 0, count: OC)
        linearBackward(&dx, &dw, &db, r, x, w, N, C, OC)
        GradientCheck.expectClose(dx, GradientCheck.numeric(x) { GradientCheck.dot(forward($0, w, b), r) }, "dinp")
        GradientCheck.expectClose(dw, GradientCheck.numeric(w) { GradientCheck.dot(forward(x, $0, b), r) }, "dweight")
        GradientCheck.expectClose(db, GradientCheck.numeric(b) { GradientCheck.dot(forward(x, w, $0), r) }, "dbias")
    }

    @Test func linearBackwardAccumulates() {
        var dx = [Double](repeating: 1, count: 2)
        var dw = [Double](repeating: 1, count: 2)
        var db = [Double](repeating: 1, count: 1)
        linearBackward(&dx, &dw, &db, [2], [3, 4], [5, 6], 1, 2, 1)
        #expect(dx == [11, 13])
        #expect(dw == [7, 9])
        #expect(db == [3])
    }

    @Test func layerNormGradientsMatchFiniteDifferences() {
        let (N, C) = (3, 6)
        let x = GradientCheck.values(N * C, seed: 5)
        let w = GradientCheck.values(C, seed: 6)
        let b = GradientCheck.values(C, seed: 7)
        let r = GradientCheck.values(N * C, seed: 8)
        var mean = [Double](repeating: 0, count: N)
        var rstd = [Double](repeating: 0, count: N)
        func forward(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: N * C)
            layerNormForward(&out, &mean, &rstd, x, w, b, N, C)
            return out
        }
        _ = forward(x, w, b)
        let savedMean = mean, savedRstd = rstd
        var dx = [Double](repeating: 0, count: N * C)
        var dw = [Double](repeating: 0, count: C)
        var db = [Double](repeating: 0, count: C)
        layerNormBackward(&dx, &dw, &db, r, x, w, savedMean, savedRstd, N, C)
        GradientCheck.expectClose(dx, GradientCheck.numeric(x) { GradientCheck.dot(forward($0, w, b), r) }, "dinp")
        GradientCheck.expectClose(dw, GradientCheck.numeric(w) { GradientCheck.dot(forward(x, $0, b), r) }, "dweight")
        GradientCheck.expectClose(db, GradientCheck.numeric(b) { GradientCheck.dot(forward(x, w, $0), r) }, "dbias")
    }

    @Test func batchNormTrainGradientsMatchFiniteDifferences() {
        let (N, C) = (5, 3)
        let x = GradientCheck.values(N * C, seed: 9)
        let w = GradientCheck.values(C, seed: 10)
        let b = GradientCheck.values(C, seed: 11)
        let r = GradientCheck.values(N * C, seed: 12)
        var mean = [Double](repeating: 0, count: C)
        var rstd = [Double](repeating: 0, count: C)
        func forward(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: N * C)
            var runningMean = [Double](repeating: 0, count: C)
            var runningVar = [Double](repeating: 1, count: C)
            batchNormTrainForward(&out, &mean, &rstd, x, w, b, &runningMean, &runningVar, N, C)
            return out
        }
        _ = forward(x, w, b)
        let savedMean = mean, savedRstd = rstd
        var dx = [Double](repeating: 0, count: N * C)
        var dw = [Double](repeating: 0, count: C)
        var db = [Double](repeating: 0, count: C)
        var scratch = [Double](repeating: 0, count: 2 * C)
        batchNormBackward(&dx, &dw, &db, r, x, w, savedMean, savedRstd, &scratch, N, C)
        GradientCheck.expectClose(dx, GradientCheck.numeric(x) { GradientCheck.dot(forward($0, w, b), r) }, "dinp")
        GradientCheck.expectClose(dw, GradientCheck.numeric(w) { GradientCheck.dot(forward(x, $0, b), r) }, "dweight")
        GradientCheck.expectClose(db, GradientCheck.numeric(b) { GradientCheck.dot(forward(x, w, $0), r) }, "dbias")
    }

    @Test func batchNormRunningStatisticsUseMomentumAndUnbiasedVariance() {
        var out = [Double](repeating: 0, count: 4)
        var mean = [Double](repeating: 0, count: 1)
        var rstd = [Double](repeating: 0, count: 1)
        var runningMean: [Double] = [0]
        var runningVar: [Double] = [1]
        batchNormTrainForward(&out, &mean, &rstd, [1, 2, 3, 4], [1], [0], &runningMean, &runningVar, 4, 1)
        #expect(abs(runningMean[0] - 0.25) < 1e-12)
        // biased variance 1.25, unbiased 5/3: 0.9·1 + 0.1·5/3
        #expect(abs(runningVar[0] - (0.9 + 0.1 * 5 / 3)) < 1e-12)
        var eval = [Double](repeating: 0, count: 1)
        batchNormEvalForward(&eval, [2], [2], [1], [1], [4], 1, 1, eps: 0)
        #expect(eval == [2 * (2 - 1) / 2 + 1])
    }

    @Test func embeddingScattersGradientsAndSkipsPadding() {
        let table = GradientCheck.values(4 * 3, seed: 13)
        let indices: [Int32] = [2, 0, 2, 1]
        var out = [Double](repeating: 0, count: 4 * 3)
        embeddingForward(&out, indices, table, 4, 3)
        #expect(Array(out[0..<3]) == Array(table[6..<9]))
        let r = GradientCheck.values(4 * 3, seed: 14)
        var dtable = [Double](repeating: 0, count: 4 * 3)
        embeddingBackward(&dtable, r, indices, 4, 3, paddingIndex: 0)
        var numeric = GradientCheck.numeric(table) { t in
            var o = [Double](repeating: 0, count: 12)
            embeddingForward(&o, indices, t, 4, 3)
            return GradientCheck.dot(o, r)
        }
        for c in 0..<3 { numeric[c] = 0 } // padding row: no gradient by definition
        GradientCheck.expectClose(dtable, numeric, "dtable")
    }
}
