// movierec-transformer-inference-bench: latency of the served transformer, on one thread or
// (--threads N) with a request's candidates split over N threads as the server does.
// Loads a model file, scores (a) one candidate and (b) 100 candidates for one user with
// a 9-movie history, and prints p50/p99/mean per call. Inputs are the same deterministic
// ones as scripts/bench_pytorch_bst.py --inference, so the printed scores can be compared.
//   cd Benchmarks && swift build -c release --product movierec-transformer-inference-bench
//   OPENBLAS_NUM_THREADS=1 .build/release/movierec-transformer-inference-bench ../models/movierec.safetensors
// Benchmarks/transformer/inference.sh runs it beside PyTorch.
import Foundation
import Models

struct Options {
    var path = "models/movierec.safetensors"
    var singleRepetitions = 2000
    var batchRepetitions = 200
    var candidates = 100
    var maxBatch: Int?
    var threads = 1

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--single": singleRepetitions = try Self.count(rest.popFirst(), argument)
            case "--batch": batchRepetitions = try Self.count(rest.popFirst(), argument)
            case "--candidates": candidates = try Self.count(rest.popFirst(), argument)
            case "--max-batch": maxBatch = try Self.count(rest.popFirst(), argument)
            case "--threads": threads = try Self.count(rest.popFirst(), argument)
            default: path = argument
            }
        }
    }

    static func count(_ value: String?, _ flag: String) throws -> Int {
        guard let value, let n = Int(value), n > 0 else { throw BenchError.usage("\(flag) needs a positive count") }
        return n
    }
}

enum BenchError: Error { case usage(String) }

func threadCPUNanoseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e9 + Double(spec.tv_nsec)
}

/// Wall and thread-CPU nanoseconds of `repetitions` timed calls after `repetitions / 10`
/// untimed ones, each sorted. CPU time tells what the call costs when other jobs share the cores
/// (the calling thread's only: with --threads above 1 the helpers' share is not in it).
func measure(_ repetitions: Int, _ body: () throws -> Void) rethrows -> (wall: [Double], cpu: [Double]) {
    for _ in 0..<max(1, repetitions / 10) { try body() }
    var wall: [Double] = [], cpu: [Double] = []
    wall.reserveCapacity(repetitions)
    cpu.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let startCPU = threadCPUNanoseconds()
        try body()
        cpu.append(threadCPUNanoseconds() - startCPU)
        wall.append(Double(DispatchTime.now().uptimeNanoseconds - start))
    }
    return (wall.sorted(), cpu.sorted())
}

func report(_ label: String, _ samples: (wall: [Double], cpu: [Double])) {
    func ms(_ ns: Double) -> String { String(format: "%.3f", ns / 1e6) }
    let sorted = samples.wall
    let p50 = sorted[sorted.count / 2]
    let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    let mean = sorted.reduce(0, +) / Double(sorted.count)
    print("\(label): p50 \(ms(p50)) ms  p99 \(ms(p99)) ms  mean \(ms(mean)) ms  cpu p50 \(ms(samples.cpu[samples.cpu.count / 2])) ms  (\(sorted.count) calls)")
}

let options = try Options(Array(CommandLine.arguments.dropFirst()))
let model = try ModelFile(contentsOf: URL(fileURLWithPath: options.path)).transformer()
let movieCount = model.config.movieCount
// The user at dense index 0; history and candidates spread over the vocabulary.
let history = (0..<9).map { i in (movieIndex: (i * 37 + 11) % movieCount, rating: Float(i % 5 + 1)) }
let candidates = (0..<options.candidates).map { j in (j * 17 + 5) % movieCount }
let features = model.vocabulary.features.map { _ in UserFeatureIndices(gender: 1, ageGroup: 2, occupation: 3) }
let predictor = options.maxBatch.map { TransformerPredictor(model: model, maxBatch: $0, concurrency: options.threads) }
    ?? TransformerPredictor(model: model, concurrency: options.threads)

let one = try predictor.predict(history: history, userIndex: 0, userFeatures: features, candidates: [candidates[0]])
let many = try predictor.predict(history: history, userIndex: 0, userFeatures: features, candidates: candidates)
print("scores: single \(one[0]) batch[0..<4] \(many.prefix(4).map { $0 })")
report("single", try measure(options.singleRepetitions) {
    _ = try predictor.predict(history: history, userIndex: 0, userFeatures: features, candidates: [candidates[0]])
})
report("batch \(options.candidates)", try measure(options.batchRepetitions) {
    _ = try predictor.predict(history: history, userIndex: 0, userFeatures: features, candidates: candidates)
})
