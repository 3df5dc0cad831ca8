import Synchronization

/// Names each request for logs and for the client (`X-Request-Id` on every answer): the
/// client's own id when it is a plausible one (1–128 characters of letters, digits and
/// `-_.:/+=`), so a call can be followed across services, else one made here — a random
/// prefix drawn once per process and a counter, unique within the process and unlikely to
/// repeat across restarts.
enum RequestID {
    static let header = "X-Request-Id"
    static let maximumLength = 128
    private static let prefix = String(UInt32.random(in: .min ... .max), radix: 16)
    private static let counter = Atomic<UInt64>(0)

    /// The id `request` goes by.
    static func of(_ request: HTTPRequest) -> String {
        if let given = request.headers[header], isPlausible(given) { return given }
        return make()
    }

    /// A fresh id, for a request that carried none (or could not be parsed).
    static func make() -> String {
        let (number, _) = counter.add(1, ordering: .relaxed)
        return prefix + "-" + String(number, radix: 16)
    }

    static func isPlausible(_ text: String) -> Bool {
        (1...maximumLength).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"),
                 UInt8(ascii: "+"), UInt8(ascii: "="):
                return true
            default:
                return false
            }
        }
    }
}
