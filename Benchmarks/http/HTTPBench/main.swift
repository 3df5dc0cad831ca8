// movierec-http-bench: the HTTP module alone, serving a fixed-shape /predict, for load.sh.
// Built by the benchmark package, not by movierec's own build:
//   cd Benchmarks && swift build -c release --product movierec-http-bench
//       .build/release/movierec-http-bench 8088 &        # [port] [event loops]
//       Benchmarks/http/load.sh 'http://127.0.0.1:8088/predict?user=1&movie=50'
//       .build/release/movierec-http-bench --micro       # parse + route + handler, CPU ns per request
import Foundation
import HTTP

var router = Router()
router.get("/predict") { request in
    guard let user = request.queryValue("user"), let movie = request.queryValue("movie") else {
        throw HTTPError.badRequest("missing_parameter", "user and movie are required")
    }
    var body: [UInt8] = []
    body.reserveCapacity(64)
    body.append(contentsOf: #"{"user":"#.utf8)
    JSONEscaping.appendQuoted(user, to: &body)
    body.append(contentsOf: #","movie":"#.utf8)
    JSONEscaping.appendQuoted(movie, to: &body)
    body.append(contentsOf: #","score":3.9}"#.utf8)
    return .json(bytes: body)
}
if CommandLine.arguments.dropFirst().first == "--micro" {
    let request = Array("GET /predict?user=1&movie=50 HTTP/1.1\r\nHost: 127.0.0.1:8088\r\nUser-Agent: wrk\r\n\r\n".utf8)
    var parser = HTTPRequestParser()
    let count = 1_000_000
    var checksum = 0
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    let start = UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    for _ in 0..<count {
        parser.append(contentsOf: request)
        if case .request(let parsed)? = try parser.next() {
            checksum &+= router.respond(to: parsed).response.body.count
        }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    let elapsed = Double(UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec) - start) / Double(count)
    print("parse+route+handler: \(Int(elapsed)) CPU ns/request (checksum \(checksum))")
    exit(0)
}
let port = Int(CommandLine.arguments.dropFirst().first ?? "8080") ?? 8080
let loops = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? HTTPServer.Configuration.onlineCores()
let server = HTTPServer(configuration: .init(port: port, eventLoopCount: loops), router: router)
print("listening on port \(try server.start())")
try server.stopOnSignals()
server.waitUntilStopped()
