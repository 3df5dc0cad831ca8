import Linalg

/// Saved values and gradient buffers of one hidden block of the head, for B rows.
final class HiddenActivations<T: BLASScalar> {
    let linear, normalized, mean, rstd, mish, mask, dropped: ScalarBuffer<T>
    let dlinear, dnormalized, dmish, ddropped: ScalarBuffer<T>

    init(batch B: Int, width: Int) {
        linear = ScalarBuffer(B * width)
        normalized = ScalarBuffer(B * width)
        mean = ScalarBuffer(width)
        rstd = ScalarBuffer(width)
        mish = ScalarBuffer(B * width)
        mask = ScalarBuffer(B * width)
        dropped = ScalarBuffer(B * width)
        dlinear = ScalarBuffer(B * width)
        dnormalized = ScalarBuffer(B * width)
        dmish = ScalarBuffer(B * width)
        ddropped = ScalarBuffer(B * width)
    }

    var gradients: [ScalarBuffer<T>] { [dlinear, dnormalized, dmish, ddropped] }
}
