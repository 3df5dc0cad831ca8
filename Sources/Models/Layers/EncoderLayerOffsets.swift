/// Where one PyTorch `nn.TransformerEncoderLayer`'s tensors live in a flat parameter
/// buffer, under its `state_dict` names, so every transformer in movierec lays out and
/// saves its encoder layers the same way.
struct EncoderLayerOffsets: Sendable {
    let inProjWeight, inProjBias, outProjWeight, outProjBias: Int
    let linear1Weight, linear1Bias, linear2Weight, linear2Bias: Int
    let norm1Weight, norm1Bias, norm2Weight, norm2Bias: Int

    /// Appends the layer's tensors to `table` under `prefix` (e.g. `encoder.layers.0.`).
    init(adding prefix: String, to table: inout ParameterTable, width d: Int, feedForward ff: Int) {
        inProjWeight = table.add(prefix + "self_attn.in_proj_weight", [3 * d, d])
        inProjBias = table.add(prefix + "self_attn.in_proj_bias", [3 * d])
        outProjWeight = table.add(prefix + "self_attn.out_proj.weight", [d, d])
        outProjBias = table.add(prefix + "self_attn.out_proj.bias", [d])
        linear1Weight = table.add(prefix + "linear1.weight", [ff, d])
        linear1Bias = table.add(prefix + "linear1.bias", [ff])
        linear2Weight = table.add(prefix + "linear2.weight", [d, ff])
        linear2Bias = table.add(prefix + "linear2.bias", [d])
        norm1Weight = table.add(prefix + "norm1.weight", [d])
        norm1Bias = table.add(prefix + "norm1.bias", [d])
        norm2Weight = table.add(prefix + "norm2.weight", [d])
        norm2Bias = table.add(prefix + "norm2.bias", [d])
    }
}
