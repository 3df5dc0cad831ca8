// Only a header: LLVMFuzzerRunDriver lives in the fuzzer runtime that -sanitize=fuzzer links.
