/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second per
/// event loop, without Foundation formatters.
struct DateCache {
    private var second = -1
    private(set) var bytes: [UInt8] = []

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Reformats when the wall-clock second changed.
    mutating func refresh() {
        let now = Syscalls.wallClockSeconds()
        if now == second { return }
        second = now
        bytes = Array(Self.format(now).utf8)
    }

    static func format(_ seconds: Int) -> String {
        let time = Syscalls.utc(seconds)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(time.tm_wday)]), \(two(time.tm_mday)) \(months[Int(time.tm_mon)]) \(1900 + time.tm_year) "
            + "\(two(time.tm_hour)):\(two(time.tm_min)):\(two(time.tm_sec)) GMT"
    }
}
