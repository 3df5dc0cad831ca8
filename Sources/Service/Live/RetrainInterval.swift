/// Parses the `--retrain-every` durations: a positive integer with a unit, `ms`, `s`,
/// `m` or `h` (`90s`, `30m`, `1h`).
public enum RetrainInterval {
    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]
        for (unit, milliseconds) in units where text.hasSuffix(unit) {
            guard let value = Int64(text.dropLast(unit.count)), value > 0 else { return nil }
            let (total, overflow) = value.multipliedReportingOverflow(by: milliseconds)
            return overflow ? nil : .milliseconds(total)
        }
        return nil
    }
}
