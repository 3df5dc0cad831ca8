import FuzzerDriver

#if canImport(Glibc)
import Glibc
#endif

// SwiftPM renames an executable's `main`, so libFuzzer's own `main` is never linked: hand the
// command line to libFuzzer's driver instead, which then behaves exactly like a libFuzzer binary.
var arguments = CommandLine.argc
var argumentVector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentVector, fuzzRequestParser))
