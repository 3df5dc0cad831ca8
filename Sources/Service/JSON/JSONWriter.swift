import HTTP

/// Builds a JSON document straight into bytes. Responses on the hot path are a few
/// fields long; writing them directly costs a fraction of what JSONEncoder does.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        needsComma.removeLast()
        bytes.append(bracket)
        if needsComma.isEmpty { needsComma.append(true) } else { needsComma[needsComma.count - 1] = true }
    }

    public mutating func value(_ text: String) {
        separate()
        appendString(text)
    }

    public mutating func value(_ number: Int64) {
        separate()
        bytes.append(contentsOf: String(number).utf8)
    }

    public mutating func value(_ number: Int) { value(Int64(number)) }

    /// Finite numbers in their shortest round-tripping form; NaN and infinities, which
    /// JSON cannot carry, become null.
    public mutating func value(_ number: Double) {
        separate()
        if number.isFinite { bytes.append(contentsOf: number.description.utf8) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// Floats in their own shortest form (4.35, not 4.349999904632568).
    public mutating func value(_ number: Float) {
        separate()
        if number.isFinite { bytes.append(contentsOf: number.description.utf8) } else { bytes.append(contentsOf: "null".utf8) }
    }

    public mutating func value(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func field(_ name: String, _ text: String) { key(name); value(text) }
    public mutating func field(_ name: String, _ number: Int64) { key(name); value(number) }
    public mutating func field(_ name: String, _ number: Int) { key(name); value(number) }
    public mutating func field(_ name: String, _ number: Double) { key(name); value(number) }
    public mutating func field(_ name: String, _ number: Float) { key(name); value(number) }
    public mutating func field(_ name: String, _ flag: Bool) { key(name); value(flag) }

    private mutating func appendString(_ text: String) {
        JSONEscaping.appendQuoted(text, to: &bytes)
    }
}
